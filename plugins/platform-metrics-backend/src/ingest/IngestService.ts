import { NotFoundError } from '@backstage/errors';
import { IngestResult, LatestDeployment } from '@platform-metrics/plugin-platform-metrics-common';
import { lower } from '../lib/refs';
import { CatalogStore } from '../database/CatalogStore';
import { EventStore } from '../database/EventStore';
import { SurveyStore } from '../database/SurveyStore';
import { DeploymentInput, ImportedSurveyResponse, IncidentInput } from '../schema/validation';

/**
 * Ingestion of validated batches: deployments, incidents and imported survey
 * answers. Each batch is written in one transaction, idempotently on its key;
 * the router validates and authorises, this writes. `onEventsWritten` runs
 * after each committed batch of deployments or incidents (the plugin
 * triggers the rollup job with it).
 */
export class IngestService {
  constructor(
    private readonly stores: { events: EventStore; surveys: SurveyStore; catalog: CatalogStore },
    private readonly productionEnvironments: string[],
    private readonly onEventsWritten: () => void = () => {},
  ) {}

  async deployments(records: DeploymentInput[]): Promise<IngestResult> {
    const result = await this.stores.events.upsertDeployments(records);
    this.onEventsWritten();
    return result;
  }

  async incidents(records: IncidentInput[]): Promise<IngestResult> {
    const result = await this.stores.events.upsertIncidents(records);
    this.onEventsWritten();
    return result;
  }

  /**
   * The latest successful deployment to the environment (default: any
   * production one), for the changes of the next one.
   */
  async latestDeployment(entityRef: string, environment?: string): Promise<LatestDeployment> {
    const environments = environment ? [lower(environment)] : this.productionEnvironments;
    const d = await this.stores.events.latestDeployment(entityRef, environments);
    if (!d) {
      throw new NotFoundError(`No successful deployment of ${entityRef} to ${environments.join(' or ')}`);
    }
    return {
      id: d.id,
      source: d.source,
      environment: d.environment,
      finishedAt: new Date(d.finishedAt).toISOString(),
      commitSha: d.commitSha,
      version: d.version,
    };
  }

  /** Historical answers, recorded with their users' groups as the catalog has them now. */
  async surveyResponses(records: ImportedSurveyResponse[]): Promise<IngestResult> {
    const groups = await this.stores.catalog.groupsOfUsers([...new Set(records.map(r => r.userRef))]);
    return this.stores.surveys.importSurveyResponses(records, u => groups.get(u) ?? []);
  }
}

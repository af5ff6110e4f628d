import { NotFoundError } from '@backstage/errors';
import {
  IngestResult,
  LatestDeployment,
  SurveyImportResult,
} from '@platform-metrics/plugin-platform-metrics-common';
import { AdoptionImportResult, AdoptionSnapshot, CatalogStore } from '../database/CatalogStore';
import { EventStore } from '../database/EventStore';
import { SurveyStore } from '../database/SurveyStore';
import { ms } from '../database/knex';
import { lower } from '../lib/refs';
import { DeploymentInput, ImportedSurveyResponse, IncidentInput } from '../schema/validation';
import { Pseudonymise } from '../surveys/pseudonym';

export interface IngestOptions {
  /** Environments that count as production (lower-case). */
  productionEnvironments: string[];
  /** The pseudonym of a user ref (`surveys/pseudonym.ts`). */
  pseudonymise: Pseudonymise;
  /** Called after each committed batch of deployments or incidents (the plugin triggers the rollup job). */
  onEventsWritten?: () => void;
  /** Called after an import stored answers (the plugin triggers the publication task). */
  onImported?: () => void;
}

/**
 * Ingestion of validated batches: deployments, incidents and imported survey
 * answers. Each batch is written in one transaction, idempotently on its key;
 * the router validates and authorises, this writes.
 */
export class IngestService {
  constructor(
    private readonly stores: { events: EventStore; surveys: SurveyStore; catalog: CatalogStore },
    private readonly options: IngestOptions,
  ) {}

  async deployments(records: DeploymentInput[]): Promise<IngestResult> {
    const result = await this.stores.events.upsertDeployments(records);
    this.options.onEventsWritten?.();
    return result;
  }

  async incidents(records: IncidentInput[]): Promise<IngestResult> {
    const result = await this.stores.events.upsertIncidents(records);
    this.options.onEventsWritten?.();
    return result;
  }

  /**
   * The latest successful deployment to the environment (default: any
   * production one), for the changes of the next one.
   */
  async latestDeployment(entityRef: string, environment?: string): Promise<LatestDeployment> {
    const environments = environment ? [lower(environment)] : this.options.productionEnvironments;
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

  /**
   * Historical answers, insert-only: an answer stored for that person and
   * survey is kept (`skipped`), so an import can never overwrite what a
   * person answered. Recorded under the person's pseudonym, with their
   * groups as the catalog has them now and `origin`, the importing
   * service's subject.
   */
  async surveyResponses(records: ImportedSurveyResponse[], origin: string): Promise<SurveyImportResult> {
    const groups = await this.stores.catalog.groupsOfUsers([...new Set(records.map(r => r.userRef))]);
    const { pseudonymise, onImported } = this.options;
    const result = await this.stores.surveys.importSurveyResponses(
      records.map(r => ({
        surveyId: r.surveyId,
        userKey: pseudonymise(r.userRef),
        score: r.score,
        comment: r.comment?.trim() || null,
        submittedAt: ms(r.submittedAt),
        groups: groups.get(r.userRef) ?? [],
        origin,
        answers: r.answers ?? {},
      })),
    );
    if (result.created > 0) onImported?.();
    return result;
  }

  /**
   * Past adoption snapshots (metrics.md §6), keyed by scope and day: a day
   * the suite measured itself is kept (`skipped`), an imported one replaced.
   * The precomputed summaries computed before the import are not served
   * again (their adoption trend would lack it).
   */
  async adoptionSnapshots(snapshots: AdoptionSnapshot[]): Promise<AdoptionImportResult> {
    return this.stores.catalog.importAdoptionSnapshots(snapshots);
  }
}

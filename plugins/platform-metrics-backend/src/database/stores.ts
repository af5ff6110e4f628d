import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Clock } from '../lib/time';
import { AnnotationStore } from './AnnotationStore';
import { CatalogStore } from './CatalogStore';
import { DatabaseAnnotationStore } from './DatabaseAnnotationStore';
import { DatabaseCatalogStore } from './DatabaseCatalogStore';
import { DatabaseEventStore } from './DatabaseEventStore';
import { DatabaseCostStore } from './DatabaseCostStore';
import { DatabasePeopleStore } from './DatabasePeopleStore';
import { DatabasePipelineStore } from './DatabasePipelineStore';
import { DatabasePublicationStore } from './DatabasePublicationStore';
import { DatabasePulseStore } from './DatabasePulseStore';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { DatabaseRollupStore } from './DatabaseRollupStore';
import { DatabaseSummaryStore } from './DatabaseSummaryStore';
import { DatabaseSurveyNotificationStore } from './DatabaseSurveyNotificationStore';
import { DatabaseSurveyStore } from './DatabaseSurveyStore';
import { DatabaseWebhookStore } from './DatabaseWebhookStore';
import { EventStore } from './EventStore';
import { CostStore } from './CostStore';
import { PeopleStore } from './PeopleStore';
import { PipelineStore } from './PipelineStore';
import { PublicationStore } from './PublicationStore';
import { PulseStore } from './PulseStore';
import { RequestStore } from './RequestStore';
import { RollupStore } from './RollupStore';
import { SummaryStore } from './SummaryStore';
import { SurveyNotificationStore } from './SurveyNotificationStore';
import { SurveyStore } from './SurveyStore';
import { WebhookStore } from './WebhookStore';

/** The plugin's migrations (dated knex migrations, shipped with the package). */
export const migrationsDir = resolvePackagePath('@platform-metrics/plugin-platform-metrics-backend', 'migrations');

/** One store per domain, all on the plugin's database. */
export interface PlatformMetricsStores {
  events: EventStore;
  rollups: RollupStore;
  summaries: SummaryStore;
  catalog: CatalogStore;
  surveys: SurveyStore;
  publications: PublicationStore;
  pipelines: PipelineStore;
  costs: CostStore;
  requests: RequestStore;
  annotations: AnnotationStore;
  webhooks: WebhookStore;
  /** Catalog Users and the deployments of their changes (metrics.md §5, §6d). */
  people: PeopleStore;
  /** Pulse questions and their answers, by the recipient's pseudonym. */
  pulses: PulseStore;
  /** The survey invitations and reminders sent (metrics.md §8c). */
  surveyNotifications: SurveyNotificationStore;
}

/** The stores on a knex client, migrated to the latest schema unless `skipMigrations`. */
export async function storesForKnex(
  db: Knex,
  options: { clock?: Clock; skipMigrations?: boolean } = {},
): Promise<PlatformMetricsStores> {
  if (!options.skipMigrations) await db.migrate.latest({ directory: migrationsDir });
  const clock = options.clock ?? Date.now;
  return {
    events: new DatabaseEventStore(db, clock),
    rollups: new DatabaseRollupStore(db, clock),
    summaries: new DatabaseSummaryStore(db),
    catalog: new DatabaseCatalogStore(db, clock),
    surveys: new DatabaseSurveyStore(db),
    publications: new DatabasePublicationStore(db),
    pipelines: new DatabasePipelineStore(db, clock),
    costs: new DatabaseCostStore(db, clock),
    requests: new DatabaseRequestStore(db, clock),
    annotations: new DatabaseAnnotationStore(db),
    webhooks: new DatabaseWebhookStore(db),
    people: new DatabasePeopleStore(db),
    pulses: new DatabasePulseStore(db, clock),
    surveyNotifications: new DatabaseSurveyNotificationStore(db),
  };
}

/** The stores on the plugin's database service (honours `migrations.skip`). */
export async function createStores(database: DatabaseService, clock?: Clock): Promise<PlatformMetricsStores> {
  return storesForKnex(await database.getClient(), { clock, skipMigrations: database.migrations?.skip });
}

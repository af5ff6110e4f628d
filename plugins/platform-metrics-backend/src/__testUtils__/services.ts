import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { AnnotationService } from '../annotations/AnnotationService';
import { readSettings } from '../config';
import { storesForKnex } from '../database/stores';
import { Clock } from '../lib/time';
import { MetricsReader } from '../metrics/MetricsReader';
import { ScorecardService } from '../metrics/ScorecardService';
import { SummaryService } from '../metrics/SummaryService';
import { RollupService } from '../rollups/RollupService';
import { EntityExport } from '../export/EntityExport';
import { SummaryCache } from '../summaries/SummaryCache';
import { TargetService } from '../targets/TargetService';
import { PlatformIncidentService } from '../platformIncidents/PlatformIncidentService';
import { OnboardingService } from '../onboarding/OnboardingService';
import { PulseService } from '../pulses/PulseService';
import { PublicationService } from '../surveys/PublicationService';
import { pseudonymiser } from '../surveys/pseudonym';
import { SurveyAdmin } from '../surveys/SurveyAdmin';
import { SurveyService } from '../surveys/SurveyService';
import { IngestService } from '../ingest/IngestService';
import { PipelineService } from '../pipelines/PipelineService';
import { CostService } from '../costs/CostService';
import { SelfServiceService } from '../selfService/SelfServiceService';
import { createAuth } from '../service/auth';
import { RouterOptions, createRouter } from '../service/router';
import { JobSettings } from '../tasks/JobSettings';
import { runRollupJob, settingsStaleAfterMs } from '../tasks/scheduleTasks';
import { WebhookProcessor } from '../webhooks/WebhookProcessor';
import { WebhookReceiver } from '../webhooks/WebhookReceiver';
import { readIntegrationSettings } from '../webhooks/settings';

/**
 * The plugin's stores and services on one database, wired as `plugin.ts`
 * wires them, with the settings claimed as at start-up. Reads see what the
 * rollup job wrote: call `runRollupJob()` after writing events.
 */
export async function createServices(knex: Knex, config: object = {}, clock: Clock = Date.now) {
  const settings = readSettings(new ConfigReader({ platformMetrics: config }));
  const stores = await storesForKnex(knex, { clock });
  const rollups = new RollupService(stores, settings);
  const reader = new MetricsReader(stores);
  const scorecards = new ScorecardService(stores, reader, settings);
  const summaries = new SummaryCache(stores, new SummaryService(stores, reader, settings, clock), settings, clock);
  const logger = mockServices.logger.mock();
  const jobSettings = new JobSettings({
    rollups,
    summaries,
    store: stores.rollups,
    logger,
    staleAfterMs: settingsStaleAfterMs(settings),
    clock,
  });
  await jobSettings.claim();
  const pseudonymise = pseudonymiser(settings.survey.pseudonymSecret);
  const publications = new PublicationService(stores, settings.survey, undefined, clock);
  const integrations = readIntegrationSettings(new ConfigReader({ platformMetrics: config }));
  const webhookProcessor = new WebhookProcessor({
    stores,
    settings: integrations,
    productionEnvironments: settings.productionEnvironments,
    clock,
  });
  // the platform KPIs' services: their routes and the targets on them read the same
  const kpis = {
    pipelines: new PipelineService(stores),
    costs: new CostService(stores, settings.costs.currency),
    selfService: new SelfServiceService(stores),
    platformIncidents: new PlatformIncidentService(stores, settings),
    onboarding: new OnboardingService(stores, settings),
  };
  return {
    /** The webhook receivers, as `plugin.ts` wires them. */
    webhooks: new WebhookReceiver({ store: stores.webhooks, processor: webhookProcessor, settings: integrations, clock }),
    /** What the receivers and the inbox task process deliveries with. */
    webhookProcessor,
    settings,
    stores,
    rollups,
    scorecards,
    summaries,
    jobSettings,
    ingest: new IngestService(stores, { productionEnvironments: settings.productionEnvironments, pseudonymise }),
    surveys: new SurveyService(stores, settings.survey, clock),
    /** One run of the rollup job, as the scheduler runs it. */
    runRollupJob: (signal?: AbortSignal) =>
      runRollupJob(
        {
          rollups,
          summaries,
          jobSettings,
          logger,
          store: stores.rollups,
          minSummaryIntervalMs: settings.rollups.frequencySeconds * 1000,
          clock,
        },
        signal,
      ),
    surveyAdmin: new SurveyAdmin(stores, settings.survey, clock),
    ...kpis,
    publications,
    annotations: new AnnotationService(stores, settings, clock),
    entityExport: new EntityExport(stores, reader, settings),
    targets: new TargetService({ summaries, catalog: stores.catalog, reader, kpis }, settings, clock),
    /** The pseudonym the stores keep for a user ref. */
    pseudonymise,
    /** Pulse questions, on the services' clock. */
    pulses: new PulseService(stores, settings, pseudonymise, clock),
    /** Scorecards and summaries through one object, as the worked examples read them. */
    metrics: {
      getScorecard: scorecards.getScorecard.bind(scorecards),
      getOrgSummary: summaries.getOrgSummary.bind(summaries),
      refreshSummaries: (force: boolean) => summaries.refresh(force),
      currentWindow: summaries.currentWindow.bind(summaries),
    },
  };
}

/**
 * A caller who may see every entity in the catalog. The catalog's visibility
 * rules are tested against a real catalog in `service/visibility.test.ts`.
 */
export const seesEverything: RouterOptions['visibility'] = {
  assertVisible: async () => {},
  filterSummary: async summary => summary,
  filterRows: async rows => rows,
};

/** The plugin's router over these services, with mock credentials and the given permission decisions. */
export async function createTestRouter(
  services: Awaited<ReturnType<typeof createServices>>,
  permissions: ReturnType<typeof mockServices.permissions> = mockServices.permissions(),
  visibility: RouterOptions['visibility'] = seesEverything,
) {
  return createRouter({ auth: createAuth({ httpAuth: mockServices.httpAuth(), permissions }), visibility, ...services });
}

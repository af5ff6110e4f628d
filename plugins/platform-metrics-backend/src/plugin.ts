import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { platformMetricsPermissions } from '@platform-metrics/plugin-platform-metrics-common';
import { createMetricsOperations } from './actions/operations';
import { registerActions } from './actions/registerActions';
import { AnnotationService } from './annotations/AnnotationService';
import { CatalogSync } from './catalog/CatalogSync';
import { readSettings } from './config';
import { createStores } from './database/stores';
import { IngestService } from './ingest/IngestService';
import { MetricsReader } from './metrics/MetricsReader';
import { ScorecardService } from './metrics/ScorecardService';
import { SummaryService } from './metrics/SummaryService';
import { RollupService } from './rollups/RollupService';
import { createAuth, createCredentialsAuth } from './service/auth';
import { transientErrorHandler } from './service/errors';
import { createRouter } from './service/router';
import { PipelineService } from './pipelines/PipelineService';
import { CostService } from './costs/CostService';
import { SelfServiceService } from './selfService/SelfServiceService';
import { CatalogVisibility } from './service/visibility';
import { EntityExport } from './export/EntityExport';
import { SummaryCache } from './summaries/SummaryCache';
import { TargetService } from './targets/TargetService';
import { PlatformIncidentService } from './platformIncidents/PlatformIncidentService';
import { OnboardingService } from './onboarding/OnboardingService';
import { FirstDeployPulses, scheduleFirstDeployPulses } from './pulses/firstDeployPulses';
import { PulseService } from './pulses/PulseService';
import { PublicationService } from './surveys/PublicationService';
import { pseudonymiser } from './surveys/pseudonym';
import { SurveyAdmin } from './surveys/SurveyAdmin';
import { SurveyService } from './surveys/SurveyService';
import { JobSettings } from './tasks/JobSettings';
import { RollupTrigger } from './tasks/RollupTrigger';
import { ROLLUP_TASK_ID, scheduleTasks, settingsStaleAfterMs } from './tasks/scheduleTasks';
import { SURVEY_PUBLICATION_TASK, scheduleSurveyTasks } from './tasks/scheduleSurveyTasks';
import { scheduleWebhookTasks } from './tasks/scheduleWebhookTasks';
import { scheduleSurveyNotifications } from './tasks/scheduleSurveyNotifications';
import { SurveyNotifier } from './notifications/SurveyNotifier';
import { WebhookProcessor } from './webhooks/WebhookProcessor';
import { WebhookReceiver } from './webhooks/WebhookReceiver';
import { subscribeToEvents } from './webhooks/events';
import { readIntegrationSettings } from './webhooks/settings';

/**
 * The platform-metrics backend plugin: ingestion of deployments, incidents
 * and survey answers, and DORA, adoption, time-to-first-deploy and NPS
 * metrics per entity, team and organisation.
 *
 * @public
 */
export const platformMetricsPlugin = createBackendPlugin({
  pluginId: 'platform-metrics',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const settings = readSettings(deps.config);
        const integrations = readIntegrationSettings(deps.config);
        if (settings.survey.developmentPseudonymSecret) {
          deps.logger.warn(
            'platformMetrics.survey.pseudonymSecret is not set: survey answers are keyed with a fixed development key. ' +
              'Set a secret before real people answer; with NODE_ENV=production the plugin refuses to start without one.',
          );
        }
        const stores = await createStores(deps.database);
        deps.permissionsRegistry.addPermissions(platformMetricsPermissions);

        const rollups = new RollupService(stores, settings);
        const reader = new MetricsReader(stores);
        const summaries = new SummaryCache(stores, new SummaryService(stores, reader, settings), settings);
        // before serving, once: this replica's settings are the ones the jobs run under
        const jobSettings = new JobSettings({
          rollups,
          summaries,
          store: stores.rollups,
          logger: deps.logger,
          staleAfterMs: settingsStaleAfterMs(settings),
        });
        const marked = await jobSettings.claim();
        if (marked > 0) deps.logger.info(`Rollup settings changed: ${marked} entities to recompute`);
        // before serving: rows stored under a user ref get their pseudonym
        const surveyAdmin = new SurveyAdmin(stores, settings.survey);
        const rekeyed = await surveyAdmin.rekeyLegacyRows();
        if (rekeyed.responses + rekeyed.snoozes > 0) {
          deps.logger.info(`Survey data pseudonymised: ${rekeyed.responses} answers and ${rekeyed.snoozes} snoozes re-keyed`);
        }

        // reads never recompute rollups: the job runs right after ingestion instead
        const trigger = new RollupTrigger({ scheduler: deps.scheduler, logger: deps.logger, taskId: ROLLUP_TASK_ID });
        deps.lifecycle.addShutdownHook(() => trigger.stop());
        const webhookProcessor = new WebhookProcessor({
          stores,
          settings: integrations,
          productionEnvironments: settings.productionEnvironments,
          logger: deps.logger,
          onEventsWritten: () => trigger.poke(),
        });

        await scheduleTasks({
          scheduler: deps.scheduler,
          logger: deps.logger,
          settings,
          catalogSync: new CatalogSync({ ...deps, store: stores.catalog, people: stores.people, settings }),
          rollups,
          summaries,
          jobSettings,
          store: stores.rollups,
          afterCatalogSync: signal => webhookProcessor.rematch(signal),
        });
        await scheduleWebhookTasks({ scheduler: deps.scheduler, logger: deps.logger, processor: webhookProcessor });
        const webhooks = new WebhookReceiver({ store: stores.webhooks, processor: webhookProcessor, settings: integrations });
        // GitHub and GitLab events that reach Backstage through its events modules: the same inbox
        await subscribeToEvents(deps.events, webhooks, deps.logger);
        await scheduleSurveyTasks({
          scheduler: deps.scheduler,
          logger: deps.logger,
          publications: new PublicationService(stores, settings.survey, deps.logger),
          admin: surveyAdmin,
        });
        // invitations and reminders through Backstage notifications (metrics.md §8c)
        await scheduleSurveyNotifications({
          scheduler: deps.scheduler,
          logger: deps.logger,
          notifier: new SurveyNotifier({ stores, notifications: deps.notifications, settings: settings.survey, logger: deps.logger }),
          frequencyMinutes: settings.catalogSync.frequencyMinutes,
        });
        const pulses = new PulseService(stores, settings, pseudonymiser(settings.survey.pseudonymSecret));
        await scheduleFirstDeployPulses({
          scheduler: deps.scheduler,
          logger: deps.logger,
          enabled: settings.pulses.afterFirstProductionDeploy.enabled,
          trigger: new FirstDeployPulses({
            stores,
            pulses,
            settings: settings.pulses.afterFirstProductionDeploy,
            pseudonymise: pseudonymiser(settings.survey.pseudonymSecret),
          }),
        });

        const scorecards = new ScorecardService(stores, reader, settings);
        const visibility = new CatalogVisibility(deps.catalog);
        const annotations = new AnnotationService(stores, settings);
        // the platform KPIs' services: their routes and the targets on them read the same
        const kpis = {
          pipelines: new PipelineService(stores),
          costs: new CostService(stores, settings.costs.currency),
          selfService: new SelfServiceService(stores),
          platformIncidents: new PlatformIncidentService(stores, settings),
          onboarding: new OnboardingService(stores, settings),
        };
        deps.httpRouter.use(
          await createRouter({
            auth: createAuth(deps),
            ingest: new IngestService(stores, {
              productionEnvironments: settings.productionEnvironments,
              pseudonymise: pseudonymiser(settings.survey.pseudonymSecret),
              onEventsWritten: () => trigger.poke(),
              // imported answers are published by the next run of the publication task: run it now
              onImported: () => {
                deps.scheduler.triggerTask(SURVEY_PUBLICATION_TASK).catch(() => {
                  // already running: its next pass picks the answers up
                });
              },
            }),
            scorecards,
            summaries,
            surveys: new SurveyService(stores, settings.survey),
            surveyAdmin,
            ...kpis,
            visibility,
            annotations,
            entityExport: new EntityExport(stores, reader, settings),
            webhooks,
            pulses,
            targets: new TargetService({ summaries, catalog: stores.catalog, reader, kpis }, settings),
          }),
        );
        // the receivers authenticate by the tool's signature, not by Backstage credentials
        deps.httpRouter.addAuthPolicy({ path: '/webhooks', allow: 'unauthenticated' });
        // the same reads and writes for AI assistants (MCP), with the routes' permission and visibility checks
        registerActions(
          deps.actionsRegistry,
          createMetricsOperations({
            auth: createCredentialsAuth(deps.permissions),
            visibility,
            scorecards,
            summaries,
            annotations,
          }),
        );
        deps.httpRouter.use(transientErrorHandler({ logger: deps.logger }));
      },
    });
  },
});

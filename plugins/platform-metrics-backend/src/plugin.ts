import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { platformMetricsPermissions } from '@platform-metrics/plugin-platform-metrics-common';
import { CatalogSync } from './catalog/CatalogSync';
import { readSettings } from './config';
import { createStores } from './database/stores';
import { IngestService } from './ingest/IngestService';
import { MetricsReader } from './metrics/MetricsReader';
import { ScorecardService } from './metrics/ScorecardService';
import { SummaryService } from './metrics/SummaryService';
import { RollupService } from './rollups/RollupService';
import { createAuth } from './service/auth';
import { createRouter } from './service/router';
import { SummaryCache } from './summaries/SummaryCache';
import { SurveyService } from './surveys/SurveyService';
import { scheduleTasks } from './tasks/scheduleTasks';

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
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const settings = readSettings(deps.config);
        const stores = await createStores(deps.database);
        deps.permissionsRegistry.addPermissions(platformMetricsPermissions);

        const rollups = new RollupService(stores, settings);
        const reader = new MetricsReader(stores, rollups);
        const summaries = new SummaryCache(stores, new SummaryService(stores, reader, settings), settings);
        // before serving: rollups and summaries computed under other settings go
        await rollups.checkSettings();
        await summaries.checkSettings();

        await scheduleTasks({
          scheduler: deps.scheduler,
          logger: deps.logger,
          settings,
          catalogSync: new CatalogSync({ ...deps, store: stores.catalog, settings }),
          rollups,
          summaries,
        });

        deps.httpRouter.use(
          await createRouter({
            auth: createAuth(deps),
            ingest: new IngestService(stores, settings.productionEnvironments),
            scorecards: new ScorecardService(stores, reader, settings),
            summaries,
            surveys: new SurveyService(stores, settings.survey),
          }),
        );
      },
    });
  },
});

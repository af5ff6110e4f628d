import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { platformMetricsPermissions } from '@platform-metrics/plugin-platform-metrics-common';
import { DatabaseMetricsStore } from './database/DatabaseMetricsStore';
import { readOptions } from './options';
import { createRouter } from './service/router';
import { CatalogSync } from './services/CatalogSync';
import { MetricsService } from './services/MetricsService';
import { Rollups, scheduleRollups } from './services/Rollups';
import { SurveyService } from './services/SurveyService';

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
        const options = readOptions(deps.config);
        const store = await DatabaseMetricsStore.create({ database: deps.database });
        deps.permissionsRegistry.addPermissions(platformMetricsPermissions);

        await new CatalogSync({
          catalog: deps.catalog,
          auth: deps.auth,
          store,
          logger: deps.logger,
          options,
        }).schedule(deps.scheduler);

        const rollups = new Rollups(store, options);
        // before serving: summaries precomputed under other settings go
        await rollups.checkSettings();
        const metrics = new MetricsService(store, options, rollups);
        await scheduleRollups({
          scheduler: deps.scheduler,
          logger: deps.logger,
          rollups,
          refreshSummaries: force => metrics.refreshSummaries(force),
          options,
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            store,
            metrics,
            surveys: new SurveyService(store, options.survey),
          }),
        );
      },
    });
  },
});

import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { CatalogSync } from '../catalog/CatalogSync';
import { PlatformMetricsSettings } from '../config';
import { RollupService } from '../rollups/RollupService';
import { SummaryCache } from '../summaries/SummaryCache';

/**
 * The plugin's scheduled work. Every task has global scope (one replica runs
 * it at a time) and stops between batches when the scheduler aborts it.
 */
export async function scheduleTasks(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  settings: PlatformMetricsSettings;
  catalogSync: CatalogSync;
  rollups: RollupService;
  summaries: SummaryCache;
}) {
  const { scheduler, logger, settings, catalogSync, rollups, summaries } = deps;

  await scheduler.scheduleTask({
    id: 'platform-metrics:catalog-sync',
    scope: 'global',
    frequency: { minutes: settings.catalogSync.frequencyMinutes },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
    fn: async signal => {
      await catalogSync.run(signal);
    },
  });

  // Recomputes the dirty entities' rollups, then the precomputed summaries
  // of the current windows when anything changed or they are getting old.
  await scheduler.scheduleTask({
    id: 'platform-metrics:rollups',
    scope: 'global',
    frequency: { seconds: settings.rollups.frequencySeconds },
    timeout: { minutes: 30 },
    initialDelay: { seconds: 10 },
    fn: async signal => {
      const t0 = Date.now();
      const marked = await rollups.checkSettings();
      await summaries.checkSettings();
      if (marked > 0) logger.info(`Rollup settings changed: ${marked} entities to recompute`);
      const entities = await rollups.refreshDirty(undefined, signal);
      const t1 = Date.now();
      const written = await summaries.refresh(entities > 0, signal);
      const t2 = Date.now();
      if (entities > 0 || written > 0) {
        logger.info(`Rollups refreshed: ${entities} entities in ${t1 - t0} ms, ${written} summaries in ${t2 - t1} ms`);
      }
    },
  });
}

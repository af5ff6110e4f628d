import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { CatalogSync } from '../catalog/CatalogSync';
import { PlatformMetricsSettings } from '../config';
import { RollupStore } from '../database/RollupStore';
import { Clock } from '../lib/time';
import { RollupService } from '../rollups/RollupService';
import { SummaryCache } from '../summaries/SummaryCache';
import { JobSettings } from './JobSettings';

/** The rollup job's task id (triggered after ingestion, see {@link RollupTrigger}). */
export const ROLLUP_TASK_ID = 'platform-metrics:rollups';

/** Passes over the dirty marks per job run: marks added behind a pass are picked up by the next. */
const MAX_PASSES = 5;

/** Seconds between two confirmations that the job settings in force still run. */
const heartbeatSeconds = (settings: PlatformMetricsSettings) => Math.min(60, settings.rollups.frequencySeconds);

/** How long the job settings in force may go unconfirmed before another replica takes over. */
export const settingsStaleAfterMs = (settings: PlatformMetricsSettings) =>
  Math.max(30, 3 * heartbeatSeconds(settings)) * 1000;

/**
 * One run of the rollup job: recomputes the dirty entities' rollups (again
 * while a pass finds any, up to {@link MAX_PASSES}), then the precomputed
 * summaries of the current windows: when rollups were written after them and
 * they are at least `minSummaryIntervalMs` old (triggered runs follow each
 * other closely under steady ingestion; the summaries keep the job's
 * cadence), or when they are getting too old to serve. Does nothing on a
 * replica whose settings are not in force. Stops between batches when
 * `signal` aborts.
 */
export async function runRollupJob(
  deps: {
    rollups: RollupService;
    summaries: SummaryCache;
    jobSettings: JobSettings;
    logger: LoggerService;
    store: RollupStore;
    minSummaryIntervalMs: number;
    clock?: Clock;
  },
  signal?: AbortSignal,
): Promise<{ entities: number; summaries: number }> {
  const { rollups, summaries, jobSettings, logger, store } = deps;
  const clock = deps.clock ?? Date.now;
  if (!(await jobSettings.mayRun())) return { entities: 0, summaries: 0 };
  const t0 = Date.now();
  let entities = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = await rollups.refreshDirty(signal);
    entities += result.written;
    if (result.superseded) {
      logger.info('Rollup job stopped: another replica version took over with other settings');
      return { entities, summaries: 0 };
    }
    if (result.written + result.stale === 0) break;
  }
  const t1 = Date.now();
  signal?.throwIfAborted();
  const [computedAt, rolledAt] = await Promise.all([summaries.oldestComputedAt(), store.lastWrittenAt()]);
  const behind = computedAt === undefined || (rolledAt !== undefined && rolledAt >= computedAt);
  const due = computedAt === undefined || clock() - computedAt >= deps.minSummaryIntervalMs;
  const written = await summaries.refresh(behind && due, signal);
  if (entities > 0 || written > 0) {
    logger.info(`Rollups refreshed: ${entities} entities in ${t1 - t0} ms, ${written} summaries in ${Date.now() - t1} ms`);
  }
  return { entities, summaries: written };
}

/**
 * The plugin's scheduled work. The catalog sync and the rollup job have
 * global scope (one replica runs each at a time) and stop between batches
 * when the scheduler aborts them; every replica confirms that its settings
 * still run (see {@link JobSettings}).
 */
export async function scheduleTasks(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  settings: PlatformMetricsSettings;
  catalogSync: CatalogSync;
  rollups: RollupService;
  summaries: SummaryCache;
  jobSettings: JobSettings;
  store: RollupStore;
  /** Runs after each catalog sync (the webhook inbox applies what the new entities match). */
  afterCatalogSync?: (signal: AbortSignal) => Promise<unknown>;
}) {
  const { scheduler, settings, catalogSync, jobSettings } = deps;

  await scheduler.scheduleTask({
    id: 'platform-metrics:catalog-sync',
    scope: 'global',
    frequency: { minutes: settings.catalogSync.frequencyMinutes },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
    fn: async signal => {
      await catalogSync.run(signal);
      await deps.afterCatalogSync?.(signal);
    },
  });

  await scheduler.scheduleTask({
    id: ROLLUP_TASK_ID,
    scope: 'global',
    frequency: { seconds: settings.rollups.frequencySeconds },
    timeout: { minutes: 30 },
    initialDelay: { seconds: 10 },
    fn: async signal => {
      await runRollupJob(
        { ...deps, store: deps.store, minSummaryIntervalMs: settings.rollups.frequencySeconds * 1000 },
        signal,
      );
    },
  });

  await scheduler.scheduleTask({
    id: 'platform-metrics:settings-heartbeat',
    scope: 'local',
    frequency: { seconds: heartbeatSeconds(settings) },
    timeout: { minutes: 1 },
    fn: async () => {
      await jobSettings.confirm();
    },
  });
}


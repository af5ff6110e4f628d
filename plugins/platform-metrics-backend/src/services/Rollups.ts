import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DirtyMark, MetricsStore } from '../database/MetricsStore';
import { PlatformMetricsOptions } from '../options';
import { byEntity, rollupEntity } from './dora';

/** Bump when the rollup computation changes, so existing rollups are redone. */
const ROLLUP_FORMAT = 1;
const ALL_TIME = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

/**
 * Keeps the per-entity-per-day rollups in step with the events: ingestion
 * marks entities dirty; this recomputes a dirty entity from its events and
 * clears the mark unless new events arrived meanwhile. Safe on several
 * replicas at once: the result depends only on the events, and the write
 * is an upsert.
 */
export class Rollups {
  constructor(
    private readonly store: MetricsStore,
    private readonly options: PlatformMetricsOptions,
  ) {}

  /**
   * Redoes every rollup when the settings that shape them (production
   * environments, incident attribution, the format) are not the ones they
   * were computed with, and drops the precomputed summaries when those or the
   * settings that shape a summary (benchmark, sample and group minimums,
   * survey cadence) changed. Returns the number of entities marked.
   */
  async checkSettings(): Promise<number> {
    const { options, store } = this;
    const rollupSettings = JSON.stringify({
      format: ROLLUP_FORMAT,
      productionEnvironments: [...options.productionEnvironments].sort(),
      incidentAttribution: options.incidentAttribution,
    });
    const summarySettings = JSON.stringify({
      rollupSettings,
      benchmark: options.benchmark,
      profile: options.profile,
      minSamples: options.minSamples,
      cadence: options.survey.cadence,
      minGroupSize: options.survey.minGroupSize,
    });
    let marked = 0;
    if ((await store.getMeta('rollup_settings')) !== rollupSettings) {
      marked = await store.markAllDirty();
      await store.setMeta('rollup_settings', rollupSettings);
    }
    if ((await store.getMeta('summary_settings')) !== summarySettings) {
      await store.clearSummaries();
      await store.setMeta('summary_settings', summarySettings);
    }
    return marked;
  }

  /**
   * Recomputes the dirty entities among `entityRefs` (or all dirty ones),
   * one pass in entity-ref order; marks added meanwhile wait for the next
   * pass. Returns how many entities were recomputed.
   */
  async refreshDirty(entityRefs?: string[]): Promise<number> {
    const limit = this.options.rollups.batchSize;
    let done = 0;
    let after: string | undefined;
    for (;;) {
      const marks = await this.store.listDirty({ entityRefs, limit, after });
      if (marks.length === 0) return done;
      await this.recompute(marks);
      done += marks.length;
      if (marks.length < limit) return done;
      after = marks[marks.length - 1].entityRef;
    }
  }

  private async recompute(marks: DirtyMark[]) {
    const entityRefs = marks.map(m => m.entityRef);
    const productionEnvironments = this.options.productionEnvironments;
    // read after the marks: every event behind a mark's version is included
    const [deployments, firstChanges, incidents] = await Promise.all([
      this.store.listDeployments({ entityRefs, ...ALL_TIME, productionEnvironments }),
      this.store.listFirstChanges({ entityRefs, ...ALL_TIME, productionEnvironments }),
      this.store.listIncidents({ entityRefs, ...ALL_TIME }),
    ]);
    const d = byEntity(deployments);
    const c = byEntity(firstChanges);
    const i = byEntity(incidents);
    const rollups = entityRefs.map(ref =>
      rollupEntity(
        ref,
        { deployments: d.get(ref) ?? [], firstChanges: c.get(ref) ?? [], incidents: i.get(ref) ?? [] },
        this.options,
      ),
    );
    await this.store.writeRollups(rollups, marks);
  }
}

/**
 * The scheduled rollup job: global scope, so one replica runs it at a time.
 * Each run recomputes the dirty entities, then the precomputed summaries of
 * the current windows when anything changed or they are getting old.
 */
export async function scheduleRollups(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  rollups: Rollups;
  refreshSummaries: (force: boolean) => Promise<number>;
  options: PlatformMetricsOptions;
}) {
  const { scheduler, logger, rollups, refreshSummaries, options } = deps;
  await scheduler.scheduleTask({
    id: 'platform-metrics:rollups',
    scope: 'global',
    frequency: { seconds: options.rollups.frequencySeconds },
    timeout: { minutes: 30 },
    initialDelay: { seconds: 10 },
    fn: async () => {
      const t0 = Date.now();
      const marked = await rollups.checkSettings();
      if (marked > 0) logger.info(`Rollup settings changed: ${marked} entities to recompute`);
      const entities = await rollups.refreshDirty();
      const t1 = Date.now();
      const summaries = await refreshSummaries(entities > 0);
      const t2 = Date.now();
      if (entities > 0 || summaries > 0) {
        logger.info(
          `Rollups refreshed: ${entities} entities in ${t1 - t0} ms, ${summaries} summaries in ${t2 - t1} ms`,
        );
      }
    },
  });
}

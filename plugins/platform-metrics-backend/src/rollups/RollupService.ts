import { PlatformMetricsSettings } from '../config';
import { EventStore } from '../database/EventStore';
import { DirtyMark, RollupStore } from '../database/RollupStore';
import { groupBy } from '../lib/collections';
import { rollupEntity } from './rollupEntity';

/** Bump when the rollup computation changes, so existing rollups are redone. */
const ROLLUP_FORMAT = 1;
const ALL_TIME = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

/** What the rollups depend on besides the events: when it changes, every rollup is redone. */
export function rollupFingerprint(settings: PlatformMetricsSettings): string {
  return JSON.stringify({
    format: ROLLUP_FORMAT,
    productionEnvironments: [...settings.productionEnvironments].sort(),
    incidentAttribution: settings.incidentAttribution,
  });
}

/**
 * Keeps the per-entity-per-day rollups in step with the events: ingestion
 * marks entities dirty; this recomputes a dirty entity from its events and
 * clears the mark unless new events arrived meanwhile. Safe on several
 * replicas at once: the result depends only on the events, and the write
 * is an upsert.
 */
export class RollupService {
  constructor(
    private readonly stores: { events: EventStore; rollups: RollupStore },
    private readonly settings: PlatformMetricsSettings,
  ) {}

  /**
   * Redoes every rollup when the settings that shape them (production
   * environments, incident attribution, the format) are not the ones they
   * were computed with. Returns the number of entities marked.
   */
  async checkSettings(): Promise<number> {
    const fingerprint = rollupFingerprint(this.settings);
    if ((await this.stores.rollups.getSettingsFingerprint()) === fingerprint) return 0;
    const marked = await this.stores.rollups.markAllDirty();
    await this.stores.rollups.setSettingsFingerprint(fingerprint);
    return marked;
  }

  /**
   * Recomputes the dirty entities among `entityRefs` (or all dirty ones),
   * one pass in entity-ref order; marks added meanwhile wait for the next
   * pass. An abort stops it between batches. Returns how many entities were
   * recomputed.
   */
  async refreshDirty(entityRefs?: string[], signal?: AbortSignal): Promise<number> {
    const limit = this.settings.rollups.batchSize;
    let done = 0;
    let after: string | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const marks = await this.stores.rollups.listDirty({ entityRefs, limit, after });
      if (marks.length === 0) return done;
      await this.recompute(marks);
      done += marks.length;
      if (marks.length < limit) return done;
      after = marks[marks.length - 1].entityRef;
    }
  }

  private async recompute(marks: DirtyMark[]) {
    const entityRefs = marks.map(m => m.entityRef);
    const productionEnvironments = this.settings.productionEnvironments;
    const { events } = this.stores;
    // read after the marks: every event behind a mark's version is included
    const [deployments, firstChanges, incidents] = await Promise.all([
      events.listDeployments({ entityRefs, ...ALL_TIME, productionEnvironments }),
      events.listFirstChanges({ entityRefs, ...ALL_TIME, productionEnvironments }),
      events.listIncidents({ entityRefs, ...ALL_TIME }),
    ]);
    const byEntity = <T extends { entityRef: string }>(rows: T[]) => groupBy(rows, r => r.entityRef);
    const d = byEntity(deployments);
    const c = byEntity(firstChanges);
    const i = byEntity(incidents);
    const rollups = entityRefs.map(ref =>
      rollupEntity(
        ref,
        { deployments: d.get(ref) ?? [], firstChanges: c.get(ref) ?? [], incidents: i.get(ref) ?? [] },
        this.settings,
      ),
    );
    await this.stores.rollups.writeRollups(rollups, marks);
  }
}

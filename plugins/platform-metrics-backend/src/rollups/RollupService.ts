import { PlatformMetricsSettings } from '../config';
import { EventStore } from '../database/EventStore';
import { DirtyMark, EntityRollup, RollupStore, RollupWrite } from '../database/RollupStore';
import { groupBy } from '../lib/collections';
import { rollupEntity } from './rollupEntity';

/** Bump when the rollup computation changes, so existing rollups are redone. */
const ROLLUP_FORMAT = 2;
const ALL_TIME = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

/** What the rollups depend on besides the events: when it changes, every rollup is redone. */
export function rollupFingerprint(settings: PlatformMetricsSettings): string {
  return JSON.stringify({
    format: ROLLUP_FORMAT,
    productionEnvironments: [...settings.productionEnvironments].sort(),
    incidentAttribution: settings.incidentAttribution,
  });
}

/** How a pass of {@link RollupService.refreshDirty} ended. */
export interface RefreshResult {
  /** Entities whose rollups were written. */
  written: number;
  /** Entities skipped because a newer rollup of theirs was written first. */
  stale: number;
  /** The pass stopped: rollup settings other than this replica's are in force. */
  superseded: boolean;
}

/**
 * Keeps the per-entity-per-day rollups in step with the events (the
 * protocol is in docs/metrics.md, "Rollups"): ingestion bumps an entity's
 * dirty version; this reads the dirty marks, then the events, and writes
 * each entity's rollup only if it wins the compare-and-set of the mark's
 * clean version. Safe on several replicas at once: a stale recompute loses,
 * and every transaction locks in the same order.
 */
export class RollupService {
  readonly fingerprint: string;

  constructor(
    private readonly stores: { events: EventStore; rollups: RollupStore },
    private readonly settings: PlatformMetricsSettings,
  ) {
    this.fingerprint = rollupFingerprint(settings);
  }

  /**
   * Makes this replica's rollup settings (production environments, incident
   * attribution, the format) the ones in force, marking every rollup dirty
   * when they were not. Runs at start-up, never per job run: two replicas
   * of two versions would otherwise undo each other's work every minute.
   * Returns the number of entities marked.
   */
  checkSettings(): Promise<number> {
    return this.stores.rollups.claimSettings(this.fingerprint);
  }

  /** Whether this replica's rollup settings are the ones in force. */
  async settingsInForce(): Promise<boolean> {
    return (await this.stores.rollups.getSettingsFingerprint()) === this.fingerprint;
  }

  /**
   * Recomputes every dirty entity, one pass in entity-ref order, in batches
   * of `rollups.batchSize`; marks added behind the pass wait for the next
   * one. An abort stops it between batches; so do settings of another
   * replica version taking over.
   */
  async refreshDirty(signal?: AbortSignal): Promise<RefreshResult> {
    const limit = this.settings.rollups.batchSize;
    const result: RefreshResult = { written: 0, stale: 0, superseded: false };
    let after: string | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const marks = await this.stores.rollups.listDirty({ limit, after });
      if (marks.length === 0) return result;
      const write = await this.write(await this.compute(marks.map(m => m.entityRef)), marks);
      result.written += write.written.length;
      result.stale += write.stale.length;
      if (write.superseded) return { ...result, superseded: true };
      if (marks.length < limit) return result;
      after = marks[marks.length - 1].entityRef;
    }
  }

  /**
   * The rollups of these entities from their events as stored now. Call it
   * after reading the marks: every event behind a mark's version is then
   * included (it committed with the mark, before the mark was read).
   */
  async compute(entityRefs: string[]): Promise<EntityRollup[]> {
    const productionEnvironments = this.settings.productionEnvironments;
    const { events } = this.stores;
    const [deployments, firstChanges, incidents] = await Promise.all([
      events.listDeployments({ entityRefs, ...ALL_TIME, productionEnvironments }),
      events.listFirstChanges({ entityRefs, ...ALL_TIME, productionEnvironments }),
      events.listIncidents({ entityRefs, ...ALL_TIME }),
    ]);
    const byEntity = <T extends { entityRef: string }>(rows: T[]) => groupBy(rows, r => r.entityRef);
    const d = byEntity(deployments);
    const c = byEntity(firstChanges);
    const i = byEntity(incidents);
    return entityRefs.map(ref =>
      rollupEntity(
        ref,
        { deployments: d.get(ref) ?? [], firstChanges: c.get(ref) ?? [], incidents: i.get(ref) ?? [] },
        this.settings,
      ),
    );
  }

  /** Writes rollups computed after reading `marks`, where each one wins its compare-and-set. */
  write(rollups: EntityRollup[], marks: DirtyMark[]): Promise<RollupWrite> {
    return this.stores.rollups.writeRollups(rollups, marks, this.fingerprint);
  }
}

import { EntityScope } from './EventStore';

/**
 * What happened to one entity on one UTC day: the rollup row from which
 * every DORA number of any whole-day window is summed.
 */
export interface DayFacts {
  /** 00:00 UTC of the day, epoch ms. */
  day: number;
  /** Successful production deployments that finished that day. */
  deployments: number;
  /** Of those, the ones that caused a failure (metrics.md §3). */
  failed: number;
  /** Of those, rollbacks, hotfixes and remediations (metrics.md §5). */
  rework: number;
  /** Lead times (seconds) of the changes first deployed that day, ascending. */
  leadTimes: number[];
  /** Restore times (seconds) of the incidents resolved that day, ascending. */
  restores: number[];
  /**
   * Recovery times (seconds) of the failed deployments that finished that
   * day and have recovered, ascending (metrics.md §4b).
   */
  recoveries: number[];
  /** Failed deployments that finished that day and have not recovered. */
  unrecovered: number;
}

/** Everything the rollups keep about one entity. */
export interface EntityRollup {
  entityRef: string;
  /** Days with anything to count, ascending. */
  days: DayFacts[];
  /** Successful production deployments that caused a failure. */
  failedDeployments: Array<{ source: string; id: string }>;
  /** Its earliest successful production deployment. */
  firstDeployAt: number | null;
}

/**
 * A dirty mark as read: the entity's rollups are older than its events, whose
 * version (the mark's `dirty_version`) was `version` when read.
 */
export interface DirtyMark {
  entityRef: string;
  version: number;
}

/** What a rollup write did (see {@link RollupStore.writeRollups}). */
export interface RollupWrite {
  /** Entities whose rollups were replaced: their marks' clean version moved up to the one read. */
  written: string[];
  /** Entities skipped: a rollup computed after a newer version was written first. */
  stale: string[];
  /** Nothing written: the rollup settings in force are not the writer's (a replica of another version took over). */
  superseded: boolean;
}

/**
 * The per-entity-per-day rollups and the monotonic dirty marks that say
 * which of them are older than their events. Event writes bump marks in
 * their own transaction (see the event store and `markDirty`); this store
 * reads the marks and writes recomputed rollups under a compare-and-set of
 * each mark's clean version.
 */
export interface RollupStore {
  /** Dirty marks (`dirty_version > clean_version`), by entity ref, after `after`. */
  listDirty(query: { limit: number; after?: string }): Promise<DirtyMark[]>;
  /**
   * Writes the rollups of entities whose marks read `marks`, in one
   * transaction that locks, in this order: the rollup settings (shared), the
   * marks (by entity ref), that entity's rollup rows. An entity's rows are
   * replaced only if it wins the compare-and-set `clean_version < version
   * read -> clean_version = version read`; nothing is written unless
   * `fingerprint` is the rollup settings fingerprint in force.
   */
  writeRollups(rollups: EntityRollup[], marks: DirtyMark[], fingerprint: string): Promise<RollupWrite>;
  /**
   * Makes `fingerprint` the rollup settings in force, and when it was not,
   * marks every entity with events or rollups dirty in the same transaction.
   * Returns how many entities were marked (0: it already was in force).
   */
  claimSettings(fingerprint: string): Promise<number>;
  /** The fingerprint of the rollup settings in force. */
  getSettingsFingerprint(): Promise<string | undefined>;
  /** Day rollups with a day in `[from, to)` (UTC midnights), per entity, in no particular order. */
  listEntityDays(query: EntityScope & { from: number; to: number }): Promise<Map<string, DayFacts[]>>;
  /** Earliest successful production deployment per entity, before `to` (from the rollups). */
  firstDeployments(query: EntityScope & { to: number }): Promise<Map<string, number>>;
  /** When a rollup was last written (epoch ms), if ever. */
  lastWrittenAt(): Promise<number | undefined>;
  /**
   * A value that changes whenever a rollup is written, on any replica (the
   * number of marks and the sum of their clean versions, which only grow):
   * what a memo of rollup reads is keyed by, never a clock.
   */
  rollupVersion(): Promise<string>;
  /** When a replica running under the job settings in force last said it is alive (epoch ms). */
  getSettingsConfirmedAt(): Promise<number | undefined>;
  setSettingsConfirmedAt(at: number): Promise<void>;
}

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

/** A dirty mark: the entity's rollups are older than its events. */
export interface DirtyMark {
  entityRef: string;
  version: number;
}

/**
 * The per-entity-per-day rollups and the dirty marks that say which of them
 * are older than their events. Event writes mark entities dirty in their own
 * transaction (see the event store); this store reads the marks, writes the
 * recomputed rollups and clears the marks.
 */
export interface RollupStore {
  /** Dirty marks of the given entities (or any), by entity ref, after `after`. */
  listDirty(query: EntityScope & { limit: number; after?: string }): Promise<DirtyMark[]>;
  /** Marks every entity with events dirty (the rollup settings changed). */
  markAllDirty(): Promise<number>;
  /**
   * Replaces the rollups of these entities and clears each dirty mark whose
   * version is still the one the rollup was computed after.
   */
  writeRollups(rollups: EntityRollup[], marks: DirtyMark[]): Promise<void>;
  /** Day rollups with a day in `[from, to)` (UTC midnights), per entity, in no particular order. */
  listEntityDays(query: EntityScope & { from: number; to: number }): Promise<Map<string, DayFacts[]>>;
  /** Earliest successful production deployment per entity, before `to` (from the rollups). */
  firstDeployments(query: EntityScope & { to: number }): Promise<Map<string, number>>;
  /** The fingerprint of the settings the stored rollups were computed with. */
  getSettingsFingerprint(): Promise<string | undefined>;
  setSettingsFingerprint(fingerprint: string): Promise<void>;
}

import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { Clock } from '../lib/time';
import { AdoptionImportResult, AdoptionSnapshot } from './CatalogStore';
import {
  CHUNK,
  MetaTable,
  bulkUpsert,
  dedupe,
  num,
  rowsPerInsert,
} from './knex';

const TABLE = 'pm_adoption_snapshots';
const KEY = ['scope_type', 'scope_ref', 'day'];
const TYPES = {
  day: 'text',
  scope_type: 'text',
  scope_ref: 'text',
  adopted: 'integer',
  eligible: 'integer',
  exceptions: 'integer',
  source: 'text',
};

/** Meta key owned by the adoption snapshots: when an import last wrote any. */
const IMPORTED_AT = 'adoption_imported_at';

/** Where a snapshot comes from (metrics.md §6). */
export type SnapshotSource = 'measured' | 'import';

const keyOf = (s: Pick<AdoptionSnapshot, 'scopeType' | 'scopeRef' | 'day'>) =>
  `${s.scopeType}\u0000${s.scopeRef}\u0000${s.day}`;

const rowOf = (s: AdoptionSnapshot, source: SnapshotSource) => ({
  day: s.day,
  scope_type: s.scopeType,
  scope_ref: s.scopeRef,
  adopted: s.adopted,
  eligible: s.eligible,
  exceptions: s.exceptions,
  source,
});

/**
 * The daily adoption snapshots (`pm_adoption_snapshots`), keyed by (scope
 * type, scope ref, day): the ones the catalog sync measures, which always
 * win, and the imported ones, which fill the days before the suite was
 * installed and never replace a measured day. Part of the catalog store.
 */
export class DatabaseAdoptionStore {
  private readonly meta: MetaTable;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock = Date.now,
  ) {
    this.meta = new MetaTable(db);
  }

  /** Measured snapshots: they replace whatever is stored for their scope and day, an import included. */
  async upsertMeasured(snapshots: AdoptionSnapshot[]) {
    const rows = dedupe(snapshots, keyOf)
      .sort((a, b) => compare(keyOf(a), keyOf(b)))
      .map(s => rowOf(s, 'measured'));
    await this.db.transaction(tx => bulkUpsert(tx, TABLE, rows, KEY, TYPES));
  }

  /**
   * Imported snapshots, in one transaction: the ones of a measured day are
   * skipped, the others inserted or updated. The insert's conflict clause
   * itself refuses to overwrite a measured row, so a catalog sync that
   * measures the same day concurrently still wins (the counts are then those
   * of the read before the write).
   */
  async importSnapshots(
    input: AdoptionSnapshot[],
  ): Promise<AdoptionImportResult> {
    // one lock order for every writer: by key
    const snapshots = dedupe(input, keyOf).sort((a, b) =>
      compare(keyOf(a), keyOf(b)),
    );
    return this.db.transaction(async tx => {
      const stored = await this.storedSources(tx, snapshots);
      const writable = snapshots.filter(
        s => stored.get(keyOf(s)) !== 'measured',
      );
      for (const part of chunks(
        writable,
        rowsPerInsert(Object.keys(TYPES).length),
      )) {
        await tx(TABLE)
          .insert(part.map(s => rowOf(s, 'import')))
          .onConflict(KEY)
          .merge(['adopted', 'eligible', 'exceptions', 'source'])
          .where(`${TABLE}.source`, '<>', 'measured');
      }
      if (writable.length)
        await new MetaTable(tx).set(IMPORTED_AT, String(this.clock()));
      const skipped = input.filter(
        s => stored.get(keyOf(s)) === 'measured',
      ).length;
      const created = writable.filter(s => !stored.has(keyOf(s))).length;
      return {
        received: input.length,
        created,
        updated: input.length - created - skipped,
        skipped,
      };
    });
  }

  /** The source of each of the keys already stored. */
  private async storedSources(
    tx: Knex.Transaction,
    snapshots: AdoptionSnapshot[],
  ) {
    const byScope = new Map<
      string,
      { scopeType: string; scopeRef: string; days: string[] }
    >();
    // keys are unique here (deduplicated), so each day appears once per scope
    for (const s of snapshots) {
      const scope = `${s.scopeType}\u0000${s.scopeRef}`;
      const entry = byScope.get(scope) ?? {
        scopeType: s.scopeType,
        scopeRef: s.scopeRef,
        days: [],
      };
      entry.days.push(s.day);
      byScope.set(scope, entry);
    }
    const sources = new Map<string, SnapshotSource>();
    // one query per scope and chunk of days: the primary key's index answers each
    for (const { scopeType, scopeRef, days } of byScope.values()) {
      for (const part of chunks(days, CHUNK)) {
        const rows = await tx(TABLE)
          .where({ scope_type: scopeType, scope_ref: scopeRef })
          .whereIn('day', part)
          .select('day', 'source');
        for (const r of rows)
          sources.set(`${scopeType}\u0000${scopeRef}\u0000${r.day}`, r.source);
      }
    }
    return sources;
  }

  async getImportedAt(): Promise<number | undefined> {
    const v = await this.meta.get(IMPORTED_AT);
    return v === undefined ? undefined : Number(v);
  }

  async list(query: {
    scopeType: AdoptionSnapshot['scopeType'];
    scopeRef?: string;
    fromDay: string;
    toDay: string;
  }) {
    const q = this.db(TABLE).where({ scope_type: query.scopeType });
    if (query.scopeRef !== undefined) q.andWhere({ scope_ref: query.scopeRef });
    const rows = await q
      .andWhere('day', '>=', query.fromDay)
      .andWhere('day', '<=', query.toDay)
      .orderBy('day');
    return rows.map(
      (r): AdoptionSnapshot => ({
        day: r.day,
        scopeType: r.scope_type,
        scopeRef: r.scope_ref,
        adopted: num(r.adopted),
        eligible: num(r.eligible),
        exceptions: num(r.exceptions),
      }),
    );
  }
}

function compare(a: string, b: string) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

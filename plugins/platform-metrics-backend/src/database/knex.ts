import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { Knex } from 'knex';
import { chunks } from '../lib/collections';

/** Rows per statement when a row binds one variable (key lists). */
export const CHUNK = 1000;

/**
 * Rows per INSERT for rows of `columns` values: under the smaller of SQLite's
 * (32766) and PostgreSQL's (65535) bound-variable limits, and at most 500
 * rows, because knex writes a multi-row INSERT on SQLite as a compound SELECT
 * and SQLite allows 500 terms in one.
 */
export const rowsPerInsert = (columns: number) => Math.min(500, Math.floor(30000 / columns));

/** Epoch ms of an ISO timestamp (validated at the boundary). */
export const ms = (iso: string) => Date.parse(iso);
/** A number read from a row (PostgreSQL returns bigints as strings). */
export const num = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Restricts a query to a list of entities when one is given (`undefined`: all of them). */
export function inScope<T extends {}>(q: Knex.QueryBuilder<T>, column: string, entityRefs?: string[]) {
  if (entityRefs) q.whereIn(column, entityRefs);
  return q;
}

/**
 * Restricts a query to composite keys `(first, second)`. Grouped by the first
 * column as `first = ? AND second IN (...)`, so PostgreSQL walks the
 * two-column index for exactly these keys; a row-value `IN ((a, b), ...)`
 * list only narrows on the first column and scans every row of that source.
 */
export function whereKeys<A extends string | number>(
  q: Knex.QueryBuilder,
  columns: [string, string],
  keys: Array<[A, string]>,
): Knex.QueryBuilder {
  const byFirst = new Map<A, string[]>();
  for (const [a, b] of keys) {
    const list = byFirst.get(a);
    if (list) list.push(b);
    else byFirst.set(a, [b]);
  }
  return q.where(w => {
    for (const [a, bs] of byFirst) {
      w.orWhere(inner => inner.where(columns[0], a).whereIn(columns[1], bs));
    }
  });
}

/** The keys among `keys` already stored in `table`, as `first\0second`. */
export async function existingKeys(
  tx: Knex.Transaction,
  table: string,
  columns: [string, string],
  keys: Array<[string, string]>,
): Promise<Set<string>> {
  const existing = new Set<string>();
  for (const part of chunks(keys, CHUNK)) {
    const rows = await whereKeys(tx(table), columns, part).select(columns);
    for (const r of rows) existing.add(`${r[columns[0]]}\u0000${r[columns[1]]}`);
  }
  return existing;
}

/**
 * The answer to an ingestion batch: records whose key was not stored before
 * are created; the rest of the received records (including repeats of a key
 * within the batch) are updates.
 */
export function ingestResult(received: number, unique: number, existing: number): IngestResult {
  const created = unique - existing;
  return { received, created, updated: received - created };
}

/** The key of a record idempotent on (source, id), as one string. */
export const sourceAndId = (r: { source: string; id: string }) => `${r.source}\u0000${r.id}`;

/**
 * Records in one stable order (by source, then id), so that concurrent
 * batches lock the rows they share in the same order and never deadlock.
 */
export function sortedByKey<T extends { source: string; id: string }>(records: T[]): T[] {
  const byKey = (a: T, b: T) => {
    const [x, y] = [sourceAndId(a), sourceAndId(b)];
    if (x === y) return 0;
    return x < y ? -1 : 1;
  };
  return records.sort(byKey);
}

/** Last record wins when a batch repeats a key. */
export function dedupe<T>(records: T[], key: (r: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const r of records) byKey.set(key(r), r);
  return [...byKey.values()];
}

/**
 * Inserts or updates (on `key`) many rows in one statement per chunk. On
 * PostgreSQL the whole batch travels as one JSON parameter unpacked by
 * `json_to_recordset`: one statement, nothing for knex to build per row.
 * `types` names every column with its PostgreSQL type. Rows must not repeat
 * a key (an upsert cannot touch a row twice).
 */
export async function bulkUpsert(
  tx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown>>,
  key: string[],
  types: Record<string, string>,
) {
  if (rows.length === 0) return;
  const columns = Object.keys(types);
  if (tx.client.config.client !== 'pg') {
    for (const part of chunks(rows, rowsPerInsert(columns.length))) {
      await tx(table).insert(part).onConflict(key).merge();
    }
    return;
  }
  const list = columns.map(c => `"${c}"`).join(', ');
  const update = columns
    .filter(c => !key.includes(c))
    .map(c => `"${c}" = excluded."${c}"`)
    .join(', ');
  await tx.raw(
    `INSERT INTO ?? (${list}) SELECT ${list} FROM json_to_recordset(?::json) AS x(${columns
      .map(c => `"${c}" ${types[c]}`)
      .join(', ')}) ON CONFLICT (${key.map(c => `"${c}"`).join(', ')}) ${update ? `DO UPDATE SET ${update}` : 'DO NOTHING'}`,
    [table, JSON.stringify(rows)],
  );
}

/** Whether a knex client talks to PostgreSQL (row locks, `json_to_recordset`). */
export const isPostgres = (db: Knex) => db.client.config.client === 'pg';

/**
 * Marks entities dirty inside an ingestion transaction: bumps each one's
 * `dirty_version` in the database (`+ 1`, never a value computed here), so a
 * rollup that read an older version can never pass for this one. Marks are
 * never deleted, so versions never restart (no ABA). Refs are sorted, so that
 * every transaction locks marks in the same order (see docs/metrics.md,
 * "Rollups": the lock order).
 */
export async function markDirty(tx: Knex.Transaction, entityRefs: Iterable<string>) {
  const refs = [...new Set(entityRefs)].sort();
  for (const part of chunks(refs, rowsPerInsert(3))) {
    await tx('pm_rollup_marks')
      .insert(part.map(entity_ref => ({ entity_ref, dirty_version: 1, clean_version: 0 })))
      .onConflict('entity_ref')
      .merge({ dirty_version: tx.raw('?? + 1', ['pm_rollup_marks.dirty_version']) });
  }
}

/**
 * The plugin-wide facts table. Each key belongs to exactly one store, which
 * declares it as a constant next to the code that reads and writes it.
 */
export class MetaTable {
  constructor(private readonly db: Knex) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db('pm_meta').where({ key }).first();
    return row?.value as string | undefined;
  }

  async set(key: string, value: string) {
    await this.db('pm_meta').insert({ key, value }).onConflict('key').merge();
  }

  /** Sets a fact once; returns the value in force. */
  async setOnce(key: string, value: string): Promise<string> {
    await this.db('pm_meta').insert({ key, value }).onConflict('key').ignore();
    return (await this.get(key)) as string;
  }
}

/**
 * Upserts a batch of records keyed by `(source, id)` in one transaction:
 * repeats within the batch collapse (the last wins), rows are written in key
 * order (one lock order for every writer), and the answer says how many were
 * created and updated. For the record tables that nothing derives from
 * (pipeline runs, costs); events also mark their entities dirty.
 */
export function upsertRecords<T extends { source: string; id: string }>(
  db: Knex,
  table: string,
  input: T[],
  row: (record: T) => Record<string, unknown>,
  types: Record<string, string>,
): Promise<IngestResult> {
  const records = sortedByKey(dedupe(input, sourceAndId));
  return db.transaction(async tx => {
    const existing = await existingKeys(tx, table, ['source', 'id'], records.map(r => [r.source, r.id]));
    await bulkUpsert(tx, table, records.map(row), ['source', 'id'], types);
    return ingestResult(input.length, records.length, existing.size);
  });
}

/** The rows of `select(refs)` for every chunk of `entityRefs` (bound variables stay under the limits), or of `select()` for all entities. */
export async function selectForEntities<R>(
  entityRefs: string[] | undefined,
  select: (refs?: string[]) => Promise<R[]>,
): Promise<R[]> {
  if (!entityRefs) return select();
  return (await Promise.all(chunks(entityRefs, CHUNK).map(part => select(part)))).flat();
}

import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { Clock, DAY, dayNumber } from '../lib/time';
import { EntityScope } from './EventStore';
import { CHUNK, MetaTable, bulkUpsert, inScope, isPostgres, markDirty, num } from './knex';
import { DayFacts, DirtyMark, EntityRollup, RollupStore, RollupWrite } from './RollupStore';

/** The meta key of the rollup settings fingerprint in force. */
const SETTINGS_KEY = 'rollup_settings';
/** The meta key of the last confirmation that a replica runs under the job settings in force. */
const CONFIRMED_KEY = 'job_settings_confirmed_at';

const DAY_TYPES = {
  entity_ref: 'text',
  day: 'integer',
  deployments: 'integer',
  failed: 'integer',
  rework: 'integer',
  lead_times: 'text',
  restores: 'text',
  recoveries: 'text',
  unrecovered: 'integer',
};

/**
 * Makes the rows of `entities` in `table` exactly `rows`, writing only the
 * difference: stored rows whose key is gone are deleted, new and changed
 * rows upserted. Under steady ingestion a recompute changes a day or two of
 * an entity's history, not all of it. The caller holds the entities' marks.
 */
async function replaceRows(
  tx: Knex.Transaction,
  table: string,
  entities: string[],
  rows: Array<Record<string, unknown>>,
  key: string[],
  types: Record<string, string>,
) {
  const columns = Object.keys(types);
  const keyOf = (r: Record<string, unknown>) => key.map(c => String(r[c])).join('\u0000');
  const valuesOf = (r: Record<string, unknown>) => columns.map(c => String(r[c])).join('\u0000');
  const stored = new Map<string, { row: Record<string, unknown>; values: string }>();
  for (const part of chunks(entities, CHUNK)) {
    for (const r of await tx(table).whereIn('entity_ref', part).select(columns)) {
      stored.set(keyOf(r), { row: r, values: valuesOf(r) });
    }
  }
  const wanted = new Set(rows.map(keyOf));
  const gone = [...stored].filter(([k]) => !wanted.has(k)).map(([, { row }]) => row);
  for (const part of chunks(gone, 500)) {
    await tx(table)
      .where(w => {
        for (const r of part) w.orWhere(Object.fromEntries(key.map(c => [c, r[c]])));
      })
      .delete();
  }
  const changed = rows.filter(r => stored.get(keyOf(r))?.values !== valuesOf(r));
  await bulkUpsert(tx, table, changed, key, types);
}

/** knex implementation of {@link RollupStore}, for SQLite and PostgreSQL. */
export class DatabaseRollupStore implements RollupStore {
  private readonly meta: MetaTable;
  private readonly pg: boolean;

  constructor(private readonly db: Knex, private readonly clock: Clock) {
    this.meta = new MetaTable(db);
    this.pg = isPostgres(db);
  }

  async listDirty(query: { limit: number; after?: string }): Promise<DirtyMark[]> {
    const q = this.db('pm_rollup_marks')
      .whereRaw('dirty_version > clean_version')
      .orderBy('entity_ref')
      .limit(query.limit)
      .select('entity_ref', 'dirty_version');
    if (query.after !== undefined) q.where('entity_ref', '>', query.after);
    const rows = await q;
    return rows.map((r: any) => ({ entityRef: r.entity_ref, version: num(r.dirty_version) }));
  }

  async claimSettings(fingerprint: string): Promise<number> {
    return this.db.transaction(async tx => {
      await tx('pm_meta').insert({ key: SETTINGS_KEY, value: '' }).onConflict('key').ignore();
      const current = tx('pm_meta').where({ key: SETTINGS_KEY }).first('value');
      // exclusive: a rollup write in flight finishes first, later ones see the new settings
      if (this.pg) current.forUpdate();
      if ((await current)?.value === fingerprint) return 0;
      await tx('pm_meta').where({ key: SETTINGS_KEY }).update({ value: fingerprint });
      const rows = await tx
        .select('entity_ref')
        .from('pm_deployments')
        .union(tx.select('entity_ref').from('pm_incidents'))
        .union(tx.select('entity_ref').from('pm_entity_rollups'));
      await markDirty(tx, rows.map((r: any) => r.entity_ref as string));
      return rows.length;
    });
  }

  async writeRollups(rollups: EntityRollup[], marks: DirtyMark[], fingerprint: string): Promise<RollupWrite> {
    const read = new Map(marks.map(m => [m.entityRef, m.version]));
    const refs = [...read.keys()].sort();
    const now = this.clock();
    return this.db.transaction(async tx => {
      // 1. the settings in force, shared: a replica claiming others waits for this write
      const settings = tx('pm_meta').where({ key: SETTINGS_KEY }).first('value');
      if (this.pg) settings.forShare();
      if ((await settings)?.value !== fingerprint) return { written: [], stale: [], superseded: true };

      // 2. the marks, locked in entity-ref order; compare-and-set of the clean version
      const won: Array<{ entity_ref: string; version: number }> = [];
      const stale: string[] = [];
      for (const part of chunks(refs, CHUNK)) {
        const q = tx('pm_rollup_marks').whereIn('entity_ref', part).select('entity_ref', 'clean_version');
        // byte order, as ingestion sorts (JavaScript) and SQLite compares: one lock order
        if (this.pg) q.orderByRaw('entity_ref COLLATE "C"').forUpdate();
        const found = new Map<string, number>((await q).map((r: any) => [r.entity_ref, num(r.clean_version)]));
        for (const ref of part) {
          const version = read.get(ref)!;
          const clean = found.get(ref);
          if (clean !== undefined && clean < version) won.push({ entity_ref: ref, version });
          else stale.push(ref);
        }
      }
      if (won.length === 0) return { written: [], stale, superseded: false };
      await this.setClean(tx, won);

      // 3. the winners' rollup rows (only their own: every row is keyed by entity)
      const winners = won.map(w => w.entity_ref);
      const mine = new Set(winners);
      const fresh = rollups.filter(r => mine.has(r.entityRef));
      const days = fresh.flatMap(r =>
        r.days.map(d => ({
          entity_ref: r.entityRef,
          day: dayNumber(d.day),
          deployments: d.deployments,
          failed: d.failed,
          rework: d.rework,
          lead_times: JSON.stringify(d.leadTimes),
          restores: JSON.stringify(d.restores),
          recoveries: JSON.stringify(d.recoveries),
          unrecovered: d.unrecovered,
        })),
      );
      await replaceRows(tx, 'pm_entity_days', winners, days, ['entity_ref', 'day'], DAY_TYPES);
      await replaceRows(
        tx,
        'pm_failed_deployments',
        winners,
        fresh.flatMap(r => r.failedDeployments.map(f => ({ entity_ref: r.entityRef, source: f.source, id: f.id }))),
        ['entity_ref', 'source', 'id'],
        { entity_ref: 'text', source: 'text', id: 'text' },
      );
      await bulkUpsert(
        tx,
        'pm_entity_rollups',
        fresh.map(r => ({ entity_ref: r.entityRef, first_deploy_at: r.firstDeployAt, refreshed_at: now })),
        ['entity_ref'],
        { entity_ref: 'text', first_deploy_at: 'bigint', refreshed_at: 'bigint' },
      );
      return { written: winners, stale, superseded: false };
    });
  }

  /** `clean_version = version` of marks this transaction holds and that compared lower. */
  private async setClean(tx: Knex.Transaction, won: Array<{ entity_ref: string; version: number }>) {
    if (this.pg) {
      await tx.raw(
        `UPDATE pm_rollup_marks AS m SET clean_version = x.version
         FROM json_to_recordset(?::json) AS x(entity_ref text, version bigint)
         WHERE m.entity_ref = x.entity_ref AND m.clean_version < x.version`,
        [JSON.stringify(won)],
      );
      return;
    }
    for (const w of won) {
      await tx('pm_rollup_marks')
        .where('entity_ref', w.entity_ref)
        .andWhere('clean_version', '<', w.version)
        .update({ clean_version: w.version });
    }
  }

  async listEntityDays(query: EntityScope & { from: number; to: number }) {
    const q = this.db('pm_entity_days')
      .where('day', '>=', dayNumber(query.from))
      .andWhere('day', '<', Math.ceil(query.to / DAY))
      .select('entity_ref', 'day', 'deployments', 'failed', 'rework', 'lead_times', 'restores', 'recoveries', 'unrecovered');
    const result = new Map<string, DayFacts[]>();
    const parts = query.entityRefs ? chunks(query.entityRefs, CHUNK) : [undefined];
    for (const part of parts) {
      const rows = await (part ? q.clone().whereIn('entity_ref', part) : q);
      for (const r of rows) {
        const facts: DayFacts = {
          day: num(r.day) * DAY,
          deployments: num(r.deployments),
          failed: num(r.failed),
          rework: num(r.rework),
          leadTimes: JSON.parse(r.lead_times),
          restores: JSON.parse(r.restores),
          recoveries: JSON.parse(r.recoveries),
          unrecovered: num(r.unrecovered),
        };
        const list = result.get(r.entity_ref);
        if (list) list.push(facts);
        else result.set(r.entity_ref, [facts]);
      }
    }
    return result;
  }

  async firstDeployments(query: EntityScope & { to: number }) {
    const q = this.db('pm_entity_rollups')
      .where('first_deploy_at', '<', query.to)
      .select('entity_ref', 'first_deploy_at');
    const rows = await inScope(q, 'entity_ref', query.entityRefs);
    return new Map<string, number>(rows.map((r: any) => [r.entity_ref, num(r.first_deploy_at)]));
  }

  async lastWrittenAt() {
    const row = await this.db('pm_entity_rollups').max({ at: 'refreshed_at' }).first();
    return row?.at === null || row?.at === undefined ? undefined : num(row.at);
  }

  async rollupVersion() {
    const row = await this.db('pm_rollup_marks').count({ n: '*' }).sum({ v: 'clean_version' }).first();
    return `${num(row?.n ?? 0)}:${num(row?.v ?? 0)}`;
  }

  getSettingsFingerprint() {
    return this.meta.get(SETTINGS_KEY);
  }

  async getSettingsConfirmedAt() {
    const value = await this.meta.get(CONFIRMED_KEY);
    return value === undefined ? undefined : Number(value);
  }

  setSettingsConfirmedAt(at: number) {
    return this.meta.set(CONFIRMED_KEY, String(at));
  }
}

import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { Clock, DAY, dayNumber } from '../lib/time';
import { EntityScope } from './EventStore';
import { CHUNK, MetaTable, bulkUpsert, inScope, markDirty, num, whereKeys } from './knex';
import { DayFacts, DirtyMark, EntityRollup, RollupStore } from './RollupStore';

/** The meta key of the rollup settings fingerprint. */
const SETTINGS_KEY = 'rollup_settings';

/** knex implementation of {@link RollupStore}, for SQLite and PostgreSQL. */
export class DatabaseRollupStore implements RollupStore {
  private readonly meta: MetaTable;

  constructor(private readonly db: Knex, private readonly clock: Clock) {
    this.meta = new MetaTable(db);
  }

  async listDirty(query: EntityScope & { limit: number; after?: string }): Promise<DirtyMark[]> {
    const q = this.db('pm_rollup_dirty').orderBy('entity_ref').limit(query.limit);
    if (query.after !== undefined) q.where('entity_ref', '>', query.after);
    const rows = await inScope(q, 'entity_ref', query.entityRefs);
    return rows.map((r: any) => ({ entityRef: r.entity_ref, version: num(r.version) }));
  }

  async markAllDirty() {
    return this.db.transaction(async tx => {
      const rows = await tx
        .select('entity_ref')
        .from('pm_deployments')
        .union(tx.select('entity_ref').from('pm_incidents'));
      await markDirty(tx, rows.map((r: any) => r.entity_ref as string));
      return rows.length;
    });
  }

  async writeRollups(rollups: EntityRollup[], marks: DirtyMark[]) {
    const refs = rollups.map(r => r.entityRef).sort();
    const now = this.clock();
    await this.db.transaction(async tx => {
      for (const part of chunks(refs, CHUNK)) {
        await tx('pm_entity_days').whereIn('entity_ref', part).delete();
        await tx('pm_failed_deployments').whereIn('entity_ref', part).delete();
      }
      // merge, not insert: a second replica may refresh the same entity at once
      const days = rollups.flatMap(r =>
        r.days.map(d => ({
          entity_ref: r.entityRef,
          day: dayNumber(d.day),
          deployments: d.deployments,
          failed: d.failed,
          rework: d.rework,
          lead_times: JSON.stringify(d.leadTimes),
          restores: JSON.stringify(d.restores),
        })),
      );
      await bulkUpsert(tx, 'pm_entity_days', days, ['entity_ref', 'day'], {
        entity_ref: 'text',
        day: 'integer',
        deployments: 'integer',
        failed: 'integer',
        rework: 'integer',
        lead_times: 'text',
        restores: 'text',
      });
      await bulkUpsert(
        tx,
        'pm_failed_deployments',
        rollups.flatMap(r =>
          r.failedDeployments.map(f => ({ source: f.source, id: f.id, entity_ref: r.entityRef })),
        ),
        ['source', 'id'],
        { source: 'text', id: 'text', entity_ref: 'text' },
      );
      await bulkUpsert(
        tx,
        'pm_entity_rollups',
        rollups.map(r => ({
          entity_ref: r.entityRef,
          first_deploy_at: r.firstDeployAt,
          refreshed_at: now,
        })),
        ['entity_ref'],
        { entity_ref: 'text', first_deploy_at: 'bigint', refreshed_at: 'bigint' },
      );
      // a mark bumped since the rollup read its events stays for the next run
      for (const part of chunks(marks, CHUNK)) {
        await whereKeys(
          tx('pm_rollup_dirty'),
          ['version', 'entity_ref'],
          part.map(m => [m.version, m.entityRef]),
        ).delete();
      }
    });
  }

  async listEntityDays(query: EntityScope & { from: number; to: number }) {
    const q = this.db('pm_entity_days')
      .where('day', '>=', dayNumber(query.from))
      .andWhere('day', '<', Math.ceil(query.to / DAY))
      .select('entity_ref', 'day', 'deployments', 'failed', 'rework', 'lead_times', 'restores');
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

  getSettingsFingerprint() {
    return this.meta.get(SETTINGS_KEY);
  }

  setSettingsFingerprint(fingerprint: string) {
    return this.meta.set(SETTINGS_KEY, fingerprint);
  }
}

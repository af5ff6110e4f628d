import { Knex } from 'knex';
import { DAY, dayNumber } from '../lib/time';
import { MetaTable, bulkUpsert, num } from './knex';
import { SummaryRow, SummaryStore } from './SummaryStore';

/** The meta key of the summary settings fingerprint. */
const SETTINGS_KEY = 'summary_settings';

/** knex implementation of {@link SummaryStore}, for SQLite and PostgreSQL. */
export class DatabaseSummaryStore implements SummaryStore {
  private readonly meta: MetaTable;

  constructor(private readonly db: Knex) {
    this.meta = new MetaTable(db);
  }

  async get(scopeRef: string, windowDays: number): Promise<SummaryRow | undefined> {
    const row = await this.db('pm_summaries').where({ scope_ref: scopeRef, window_days: windowDays }).first();
    return row
      ? {
          scopeRef: row.scope_ref,
          windowDays: num(row.window_days),
          to: num(row.to_day) * DAY,
          computedAt: num(row.computed_at),
          body: row.body,
        }
      : undefined;
  }

  async put(rows: SummaryRow[]) {
    await this.db.transaction(tx =>
      bulkUpsert(
        tx,
        'pm_summaries',
        rows.map(r => ({
          scope_ref: r.scopeRef,
          window_days: r.windowDays,
          to_day: dayNumber(r.to),
          computed_at: r.computedAt,
          body: r.body,
        })),
        ['scope_ref', 'window_days'],
        { scope_ref: 'text', window_days: 'integer', to_day: 'integer', computed_at: 'bigint', body: 'text' },
      ),
    );
  }

  async clear() {
    await this.db('pm_summaries').delete();
  }

  getSettingsFingerprint() {
    return this.meta.get(SETTINGS_KEY);
  }

  setSettingsFingerprint(fingerprint: string) {
    return this.meta.set(SETTINGS_KEY, fingerprint);
  }
}

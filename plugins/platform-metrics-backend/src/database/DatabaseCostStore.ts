import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { Clock } from '../lib/time';
import { CostInput } from '../schema/costValidation';
import { CostStore, MonthlyCost } from './CostStore';
import { CHUNK, bulkUpsert, dedupe, existingKeys, ingestResult, num, sortedByKey, sourceAndId } from './knex';

const TABLE = 'pm_costs';

export class DatabaseCostStore implements CostStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock = Date.now,
  ) {}

  async upsertCosts(input: CostInput[]): Promise<IngestResult> {
    const records = sortedByKey(dedupe(input, sourceAndId));
    const now = this.clock();
    return this.db.transaction(async tx => {
      const existing = await existingKeys(
        tx,
        TABLE,
        ['source', 'id'],
        records.map(r => [r.source, r.id]),
      );
      await bulkUpsert(
        tx,
        TABLE,
        records.map(r => ({
          source: r.source,
          id: r.id,
          entity_ref: r.entityRef,
          month: r.period.slice(0, 7),
          period: r.period,
          amount: r.amount,
          currency: r.currency,
          received_at: now,
        })),
        ['source', 'id'],
        {
          source: 'text',
          id: 'text',
          entity_ref: 'text',
          month: 'text',
          period: 'text',
          amount: 'double precision',
          currency: 'text',
          received_at: 'bigint',
        },
      );
      return ingestResult(input.length, records.length, existing.size);
    });
  }

  async listMonthlyCosts(query: { fromMonth: string; toMonth: string; entityRefs?: string[] }): Promise<MonthlyCost[]> {
    const select = (refs?: string[]) => {
      const q = this.db(TABLE)
        .where('month', '>=', query.fromMonth)
        .andWhere('month', '<=', query.toMonth)
        .groupBy('entity_ref', 'month')
        .select('entity_ref', 'month')
        .sum({ amount: 'amount' });
      if (refs) q.whereIn('entity_ref', refs);
      return q;
    };
    const rows = query.entityRefs
      ? (await Promise.all(chunks(query.entityRefs, CHUNK).map(part => select(part)))).flat()
      : await select();
    return rows.map((r: any) => ({ entityRef: r.entity_ref, month: r.month, amount: num(r.amount) }));
  }
}

import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { Knex } from 'knex';
import { Clock } from '../lib/time';
import { CostInput } from '../schema/costValidation';
import { CostStore, MonthlyCost } from './CostStore';
import { num, selectForEntities, upsertRecords } from './knex';

const TABLE = 'pm_costs';

export class DatabaseCostStore implements CostStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock = Date.now,
  ) {}

  upsertCosts(input: CostInput[]): Promise<IngestResult> {
    const now = this.clock();
    return upsertRecords(
      this.db,
      TABLE,
      input,
      r => ({
        source: r.source,
        id: r.id,
        entity_ref: r.entityRef,
        month: r.period.slice(0, 7),
        period: r.period,
        amount: r.amount,
        currency: r.currency,
        received_at: now,
      }),
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
    const rows = await selectForEntities<any>(query.entityRefs, select);
    return rows.map((r: any) => ({ entityRef: r.entity_ref, month: r.month, amount: num(r.amount) }));
  }
}

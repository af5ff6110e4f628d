import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { CostInput } from '../schema/costValidation';

/** The cost of one entity in one calendar month (the sum of its records). */
export interface MonthlyCost {
  entityRef: string;
  /** `YYYY-MM`. */
  month: string;
  amount: number;
}

/** Cost records (metrics.md §15). */
export interface CostStore {
  /** Upserts a validated batch on (source, id) in one transaction. */
  upsertCosts(costs: CostInput[]): Promise<IngestResult>;
  /** Costs summed per entity and month, for months `fromMonth..toMonth` (inclusive). */
  listMonthlyCosts(query: { fromMonth: string; toMonth: string; entityRefs?: string[] }): Promise<MonthlyCost[]>;
}

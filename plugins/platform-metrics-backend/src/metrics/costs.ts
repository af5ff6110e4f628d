import { MonthlyCost } from '../database/CostStore';
import { groupBy } from '../lib/collections';
import { medianAndPercentile } from './stats';

/** Amounts are rounded to cents in answers (sums are exact before that). */
export const cents = (v: number) => Math.round(v * 100) / 100;

/** One entity's cost per month of `months` (0 for a month without records). */
export function monthlySeries(costs: MonthlyCost[], months: string[]) {
  const byMonth = new Map(months.map(m => [m, 0]));
  for (const c of costs) if (byMonth.has(c.month)) byMonth.set(c.month, byMonth.get(c.month)! + c.amount);
  return months.map(month => ({ month, amount: cents(byMonth.get(month)!) }));
}

/** Total, mean per month and cost per production deployment of a set of costs. */
export function costTotals(costs: MonthlyCost[], months: number, deployments: number) {
  const total = costs.reduce((sum, c) => sum + c.amount, 0);
  return {
    total: cents(total),
    perMonth: cents(total / months),
    deployments,
    perDeployment: deployments > 0 ? cents(total / deployments) : null,
  };
}

/**
 * Across services (entities with a cost in the window): the median and
 * nearest-rank p90 of their mean monthly cost, and per month the org total,
 * the services with a cost that month and their median.
 */
export function acrossServices(costs: MonthlyCost[], months: string[]) {
  const byEntity = groupBy(costs, c => c.entityRef);
  const means = Float64Array.from([...byEntity.values()], list => list.reduce((s, c) => s + c.amount, 0) / months.length);
  const { median, percentile } = medianAndPercentile(means, 90);
  const byMonth = groupBy(costs, c => c.month);
  return {
    perService: { median: median === null ? null : cents(median), p90: percentile === null ? null : cents(percentile), n: means.length },
    monthly: months.map(month => {
      const list = byMonth.get(month) ?? [];
      const amounts = Float64Array.from(list, c => c.amount);
      const m = medianAndPercentile(amounts, 50).median;
      return {
        month,
        total: cents(list.reduce((s, c) => s + c.amount, 0)),
        services: list.length,
        medianPerService: m === null ? null : cents(m),
      };
    }),
    costliest: [...byEntity.entries()]
      .map(([entityRef, list]) => ({ entityRef, total: cents(list.reduce((s, c) => s + c.amount, 0)) }))
      .sort((a, b) => b.total - a.total || (a.entityRef < b.entityRef ? -1 : 1))
      .slice(0, 10),
  };
}

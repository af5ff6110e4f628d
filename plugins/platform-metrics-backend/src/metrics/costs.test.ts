import { MonthlyCost } from '../database/CostStore';
import { monthsEndingAt, monthsWindow } from '../lib/time';
import { acrossServices, costTotals, monthlySeries } from './costs';

const cost = (entityRef: string, month: string, amount: number): MonthlyCost => ({ entityRef, month, amount });

describe('cost figures', () => {
  it('lists calendar months across a year boundary, and their window', () => {
    expect(monthsEndingAt(Date.parse('2026-02-10T00:00:00Z'), 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsWindow('2025-11', '2026-02')).toEqual({
      from: Date.parse('2025-11-01T00:00:00Z'),
      to: Date.parse('2026-03-01T00:00:00Z'),
    });
  });

  it('fills months without records with 0 and rounds to cents', () => {
    expect(monthlySeries([cost('a', '2026-01', 10.005), cost('a', '2026-03', 2)], ['2026-01', '2026-02', '2026-03'])).toEqual([
      { month: '2026-01', amount: 10.01 },
      { month: '2026-02', amount: 0 },
      { month: '2026-03', amount: 2 },
    ]);
  });

  it('divides by months and by production deployments; no deployments gives null, not infinity', () => {
    const costs = [cost('a', '2026-01', 300), cost('a', '2026-02', 100)];
    expect(costTotals(costs, 4, 8)).toEqual({ total: 400, perMonth: 100, deployments: 8, perDeployment: 50 });
    expect(costTotals(costs, 4, 0).perDeployment).toBeNull();
  });

  it('takes the median and nearest-rank p90 of each service mean monthly cost, and the costliest', () => {
    const months = ['2026-01', '2026-02'];
    const costs = [
      cost('a', '2026-01', 100), cost('a', '2026-02', 100), // mean 100
      cost('b', '2026-01', 400), // mean 200 (a month without cost counts as 0)
      cost('c', '2026-02', 600), // mean 300
      cost('d', '2026-01', 2000), cost('d', '2026-02', 2000), // mean 2000
    ];
    const r = acrossServices(costs, months);
    expect(r.perService).toEqual({ median: 250, p90: 2000, n: 4 });
    expect(r.monthly).toEqual([
      { month: '2026-01', total: 2500, services: 3, medianPerService: 400 },
      { month: '2026-02', total: 2700, services: 3, medianPerService: 600 },
    ]);
    expect(r.costliest.map(c => c.entityRef)).toEqual(['d', 'c', 'b', 'a']);
  });
});

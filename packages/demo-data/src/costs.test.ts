import { contractViolation } from './__testUtils__/apiContract';
import { GOLDEN_PATH_COST_FACTOR, costsOfPlan } from './costs';
import { planEvents } from './events';
import { DEMO_EPOCH } from './org';

const plan = planEvents({ seed: 1, now: DEMO_EPOCH });
const costs = costsOfPlan(plan);

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

describe('the demo’s costs (metrics.md §15)', () => {
  it('bills every service and website for each whole month of the history, and libraries never', () => {
    const months = [...new Set(costs.map(c => c.period))].sort();
    expect(months).toHaveLength(12);
    expect(months[months.length - 1]).toBe('2026-10');
    const billed = new Set(costs.map(c => c.entityRef));
    // (a component created in the running month has no whole month yet)
    const lastMonthEnd = Date.parse('2026-11-01T00:00:00Z');
    for (const c of plan.org.components) {
      const created = c.createdAt ? Date.parse(c.createdAt) : 0;
      expect([c.name, billed.has(`component:default/${c.name}`)]).toEqual([c.name, c.type !== 'library' && created < lastMonthEnd]);
    }
    // one record per component and month: loading twice updates
    expect(new Set(costs.map(c => c.id)).size).toBe(costs.length);
  });

  it('costs about a quarter less once on the golden path: the median per service falls over the year', () => {
    const byMonth = (month: string) => median(costs.filter(c => c.period === month).map(c => c.amount));
    expect(byMonth('2026-10')).toBeLessThan(byMonth('2025-11') * 0.9);
    expect(GOLDEN_PATH_COST_FACTOR).toBe(0.75);
    const adoptedIn = (c: (typeof plan.org.components)[number]) =>
      !!c.adoptedAt && c.adoptedAt >= '2026-01-01' && c.adoptedAt < '2026-10-01';
    const adopted = plan.org.components.find(c => c.type === 'service' && adoptedIn(c) && !c.createdAt)!;
    const of = (month: string) => costs.find(c => c.entityRef === `component:default/${adopted.name}` && c.period === month)!.amount;
    // on the path for the whole of October, not at all in a month before it (noise ±8%)
    const before = costs.find(c => c.entityRef === `component:default/${adopted.name}`)!.amount;
    expect(of('2026-10') / before).toBeLessThan(0.75 * (1.08 / 0.92) + 1e-9);
  });

  it('sends bodies the backend accepts', () => {
    expect(contractViolation('costs', { costs: costs.slice(0, 1000) })).toBeUndefined();
  });
});

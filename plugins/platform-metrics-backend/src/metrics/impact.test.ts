import { DayFacts } from '../database/RollupStore';
import { DAY } from '../lib/time';
import { compareImpact, impactWindows } from './impact';

const T = Date.parse('2026-06-10T15:30:00Z');
const D = Date.parse('2026-06-10T00:00:00Z');

const day = (offset: number, over: Partial<DayFacts> = {}): DayFacts => ({
  day: D + offset * DAY,
  deployments: 0,
  failed: 0,
  rework: 0,
  leadTimes: [],
  restores: [],
  recoveries: [],
  unrecovered: 0,
  ...over,
});

describe('impactWindows', () => {
  it('splits at the midnight starting the annotation day', () => {
    const w = impactWindows(T, 30, Date.parse('2026-12-01T00:00:00Z'));
    expect(w.before).toEqual({ from: D - 30 * DAY, to: D, days: 30 });
    expect(w.after).toEqual({ from: D, to: D + 30 * DAY, days: 30 });
    expect(w.complete).toBe(true);
  });

  it('ends the after window at the end of today, and empties it for a future annotation', () => {
    const w = impactWindows(T, 30, Date.parse('2026-06-20T08:00:00Z'));
    expect(w.after.days).toBe(11);
    expect(w.complete).toBe(false);
    const future = impactWindows(T, 14, Date.parse('2026-06-01T08:00:00Z'));
    expect(future.after).toEqual({ from: D, to: D, days: 0 });
  });
});

describe('compareImpact', () => {
  const windows = impactWindows(T, 30, Date.parse('2026-12-01T00:00:00Z'));

  it('compares lead times with Mann-Whitney and reports the change', () => {
    const before = [day(-3, { leadTimes: [3600, 7200, 5400] }), day(-1, { leadTimes: [9000, 10800, 14400] })];
    const after = [day(0, { leadTimes: [600, 1200, 1800] }), day(5, { leadTimes: [2400, 3000, 3600, 4200] })];
    const { leadTime } = compareImpact(before, after, windows, 3);
    expect(leadTime.before).toEqual({ value: 8100, n: 6 });
    expect(leadTime.after).toEqual({ value: 2400, n: 7 });
    expect(leadTime.absoluteChange).toBe(-5700);
    expect(leadTime.relativeChange).toBeCloseTo(-5700 / 8100, 12);
    expect(leadTime.direction).toBe('better');
    expect(leadTime.test).toBe('mann-whitney-u');
    expect(leadTime.pValue).toBeCloseTo(0.00656735, 7);
    expect(leadTime).toMatchObject({ significant: true, inconclusive: false, insufficientData: false });
  });

  it('tests deployment frequency as Poisson rates and the failure rate as proportions', () => {
    const before = [day(-10, { deployments: 90, failed: 45 })];
    const after = [day(3, { deployments: 60, failed: 33 })];
    const m = compareImpact(before, after, windows, 3);
    expect(m.deploymentFrequency.before).toEqual({ value: 3, n: 90 });
    expect(m.deploymentFrequency.after).toEqual({ value: 2, n: 60 });
    expect(m.deploymentFrequency.direction).toBe('worse');
    expect(m.deploymentFrequency.pValue).toBeCloseTo(0.01759769, 7);
    expect(m.deploymentFrequency.significant).toBe(true);
    expect(m.changeFailureRate.before.value).toBe(0.5);
    expect(m.changeFailureRate.after.value).toBe(0.55);
    expect(m.changeFailureRate.direction).toBe('worse');
    expect(m.changeFailureRate.test).toBe('two-proportion-z');
    expect(m.changeFailureRate).toMatchObject({ significant: false, inconclusive: true });
    expect(m.changeFailureRate.pValue).toBeGreaterThan(0.05);
  });

  it('marks a side below minSamples as insufficient data, untested', () => {
    const before = [day(-2, { restores: [60, 120] })];
    const after = [day(2, { restores: [30, 40, 50] })];
    const { timeToRestore, changeFailureRate } = compareImpact(before, after, windows, 3);
    expect(timeToRestore).toMatchObject({
      before: { value: 90, n: 2 },
      after: { value: 40, n: 3 },
      pValue: null,
      significant: false,
      inconclusive: false,
      insufficientData: true,
    });
    expect(changeFailureRate.before.value).toBeNull();
    expect(changeFailureRate.relativeChange).toBeNull();
    expect(changeFailureRate.direction).toBeNull();
  });

  it('has no relative change from zero', () => {
    const m = compareImpact([day(-1, { deployments: 5 })], [day(1, { deployments: 5, failed: 1 })], windows, 3);
    expect(m.changeFailureRate.before.value).toBe(0);
    expect(m.changeFailureRate.absoluteChange).toBe(0.2);
    expect(m.changeFailureRate.relativeChange).toBeNull();
  });
});

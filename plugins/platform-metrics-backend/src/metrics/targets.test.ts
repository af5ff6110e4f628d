import { DAY, WEEK } from '../lib/time';
import { TargetInput, evaluateTarget, leastSquares, meets, progressOf } from './targets';

const T0 = Date.parse('2026-01-05T00:00:00Z');

/** One point a week from T0, with the given values. */
const weekly = (...values: number[]) => values.map((value, i) => ({ at: T0 + i * WEEK, value }));

/** A target 10 weeks after the last of four weekly points. */
function input(overrides: Partial<TargetInput> = {}): TargetInput {
  return {
    direction: 'higher',
    target: 40,
    by: T0 + 13 * WEEK,
    asOf: T0 + 3 * WEEK,
    series: weekly(10, 12, 14, 16),
    current: 16,
    baseline: null,
    ...overrides,
  };
}

describe('leastSquares', () => {
  it('fits the line through the points, flat through the mean when the times coincide', () => {
    const line = leastSquares(weekly(1, 3, 5))!;
    expect(line.slope * WEEK).toBeCloseTo(2);
    expect(line.intercept + line.slope * T0).toBeCloseTo(1);
    // noisy points: the slope of the least-squares line, not of the ends
    expect(leastSquares(weekly(0, 2, 1, 3))!.slope * WEEK).toBeCloseTo(0.8);
    expect(leastSquares([{ at: T0, value: 2 }, { at: T0, value: 4 }])).toEqual({ slope: 0, intercept: 3 });
    expect(leastSquares([])).toBeNull();
  });
});

describe('meets and progressOf', () => {
  it('reads the direction: higher targets are met from above, lower ones from below, exactly reaching counts', () => {
    expect(meets('higher', 40, 40)).toBe(true);
    expect(meets('higher', 39.9, 40)).toBe(false);
    expect(meets('lower', 86_400, 86_400)).toBe(true);
    expect(meets('lower', 86_401, 86_400)).toBe(false);
    // floating point: 7 of 10 adopted is a rate of 0.7
    expect(meets('higher', 7 / 10, 0.7)).toBe(true);
  });

  it('measures progress from the start, negative for a regression and above 1 beyond the target', () => {
    expect(progressOf('higher', 40, 10, 25)).toBe(0.5);
    expect(progressOf('higher', 40, 10, 5)).toBeCloseTo(-1 / 6);
    expect(progressOf('higher', 40, 10, 46)).toBeCloseTo(1.2);
    // lower is better: from 3 days to a target of 1 day, now 2 days
    expect(progressOf('lower', 1 * DAY, 3 * DAY, 2 * DAY)).toBe(0.5);
    // no distance to cover (the start meets the target already), or a figure missing
    expect(progressOf('higher', 40, 45, 50)).toBeNull();
    expect(progressOf('higher', 40, 40, 50)).toBeNull();
    expect(progressOf('higher', 40, null, 20)).toBeNull();
    expect(progressOf('higher', 40, 10, null)).toBeNull();
  });
});

describe('evaluateTarget', () => {
  it('projects the trend to the date: on track when the projection meets the target', () => {
    // +2 a week from 16 at week 3: 36 at week 13 misses 40; from 16 at +3 a week: 46
    const steep = evaluateTarget(input({ series: weekly(7, 10, 13, 16) }));
    expect(steep).toMatchObject({ status: 'on-track', start: 7, startFrom: 'first-value' });
    expect(steep.projected).toBeCloseTo(46);
    expect(steep.slopePerWeek).toBeCloseTo(3);
    expect(steep.progress).toBeCloseTo(9 / 33);
  });

  it('is at risk when the projection misses by at most 10% of the distance, off track beyond', () => {
    // start 10, target 40: the distance is 30, so a miss of up to 3 is at risk
    const atRisk = evaluateTarget(input({ series: weekly(10, 12.2, 14.4, 16.6) }));
    expect(atRisk.projected).toBeCloseTo(38.6);
    expect(atRisk.status).toBe('at-risk');
    const off = evaluateTarget(input());
    expect(off.projected).toBeCloseTo(36);
    expect(off.status).toBe('off-track');
    const justOff = evaluateTarget(input({ series: weekly(10, 12.07, 14.14, 16.21) }));
    expect(justOff.projected).toBeCloseTo(36.91);
    expect(justOff.status).toBe('off-track');
  });

  it('is met when the current figure meets the target, whatever the trend', () => {
    expect(evaluateTarget(input({ current: 41, series: weekly(50, 45, 41, 41) })).status).toBe('met');
    // met needs no trend
    expect(evaluateTarget(input({ current: 41, series: [] })).status).toBe('met');
  });

  it('judges a lower-is-better metric from below', () => {
    // lead time from 3 days down half a day a week; the target is 1 day in 10 weeks
    const falling = weekly(3 * DAY, 2.5 * DAY, 2 * DAY, 1.5 * DAY);
    const lower = evaluateTarget(input({ direction: 'lower', target: DAY, series: falling, current: 1.5 * DAY, bounds: { min: 0 } }));
    expect(lower.status).toBe('on-track');
    // the line goes below zero by then: the projection stays within the metric's range
    expect(lower.projected).toBe(0);
    expect(lower.slopePerWeek).toBeCloseTo(-0.5 * DAY);
    expect(lower.progress).toBeCloseTo(0.75);
    const rising = weekly(1.5 * DAY, 2 * DAY, 2.5 * DAY, 3 * DAY);
    expect(evaluateTarget(input({ direction: 'lower', target: DAY, series: rising, current: 3 * DAY })).status).toBe('off-track');
    expect(evaluateTarget(input({ direction: 'lower', target: DAY, series: rising, current: 0.9 * DAY })).status).toBe('met');
  });

  it('starts from the baseline figure when there is one, else from the first point', () => {
    const fromBaseline = evaluateTarget(input({ baseline: 0, current: 20 }));
    expect(fromBaseline).toMatchObject({ start: 0, startFrom: 'baseline', progress: 0.5 });
    // projected 36.52: a miss of 3.48 is within 10% of the distance from the baseline (40), not from the first point (30)
    const series = weekly(10, 12.04, 14.08, 16.12);
    expect(evaluateTarget(input({ baseline: 0, series })).status).toBe('at-risk');
    expect(evaluateTarget(input({ baseline: null, series })).status).toBe('off-track');
    expect(evaluateTarget(input({ baseline: null, series: [] }))).toMatchObject({ start: null, startFrom: null, progress: null });
  });

  it('has insufficient data without a current figure, on too few samples, or with fewer than 3 points', () => {
    expect(evaluateTarget(input({ current: null }))).toMatchObject({ status: 'insufficient-data', progress: null });
    // the projection is still shown when there is one
    expect(evaluateTarget(input({ current: null })).projected).toBeCloseTo(36);
    expect(evaluateTarget(input({ enoughSamples: false })).status).toBe('insufficient-data');
    const two = evaluateTarget(input({ series: weekly(10, 12) }));
    expect(two).toMatchObject({ status: 'insufficient-data', projected: null, slopePerWeek: null, start: 10 });
  });

  it('once the date has passed, projects the current figure', () => {
    const passed = { by: T0 + 2 * WEEK, asOf: T0 + 3 * WEEK };
    expect(evaluateTarget(input({ ...passed, current: 38 }))).toMatchObject({ projected: 38, status: 'at-risk' });
    expect(evaluateTarget(input({ ...passed, current: 30 }))).toMatchObject({ projected: 30, status: 'off-track' });
    expect(evaluateTarget(input({ ...passed, current: 40, series: [] })).status).toBe('met');
    // no trend is needed to say a passed date was missed
    expect(evaluateTarget(input({ ...passed, current: 20, series: [] })).status).toBe('off-track');
  });
});

import { makeWindow } from '../lib/time';
import { evaluateTarget } from '../metrics/targets';
import {
  KpiServices,
  kpiFigures,
  monthEndWindows,
  rollingWeekSums,
  weeklyPoints,
  wholeMonthsBefore,
  wholeMonthsIn,
} from './kpiFigures';
import { traitsOf } from './targetMetrics';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const TO = '2026-06-01T00:00:00Z';
const at = (iso: string) => Date.parse(iso);
const recent = makeWindow(90, TO);
const year = makeWindow(365, TO);
/** The first Monday inside the year window (2025-06-01 is a Sunday). */
const MONDAY = at('2025-06-02T00:00:00Z');
const weeks = (n: number, from = MONDAY) => Array.from({ length: n }, (_, i) => new Date(from + i * WEEK).toISOString());

describe('the series of the KPI targets', () => {
  it('takes only the ISO weeks wholly inside the window, each at its end, leaving out weeks without a figure', () => {
    const trend = [
      { weekStart: '2025-05-26T00:00:00.000Z', ratio: 0.1 }, // starts before the window
      { weekStart: '2025-06-02T00:00:00.000Z', ratio: 0.5 },
      { weekStart: '2025-06-09T00:00:00.000Z', ratio: null },
      { weekStart: '2026-06-01T00:00:00.000Z', ratio: 0.9 }, // ends after the window
    ];
    expect(weeklyPoints(trend, year, w => w.ratio)).toEqual([{ at: at('2025-06-09T00:00:00Z'), value: 0.5 }]);
  });

  it('sums a quarter (13 whole weeks) of developer-hours at each week’s end from the 13th week on', () => {
    const trend = weeks(15).map((weekStart, i) => ({ weekStart, developerHours: i === 0 ? 100 : 10 }));
    expect(rollingWeekSums(trend, year)).toEqual([
      { at: MONDAY + 13 * WEEK, value: 100 + 12 * 10 },
      { at: MONDAY + 14 * WEEK, value: 130 },
      { at: MONDAY + 15 * WEEK, value: 130 },
    ]);
    expect(rollingWeekSums(trend.slice(0, 12), year)).toEqual([]);
  });

  it('reads costs by whole calendar months: a month still running would read low', () => {
    expect(wholeMonthsBefore(at('2026-06-15T00:00:00Z'), 3)).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(wholeMonthsBefore(at('2026-06-01T00:00:00Z'), 3)).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(wholeMonthsIn({ from: at('2026-02-05T00:00:00Z'), to: at('2026-05-06T00:00:00Z') })).toEqual(['2026-03', '2026-04']);
    expect(wholeMonthsIn({ from: at('2026-03-01T00:00:00Z'), to: at('2026-04-01T00:00:00Z') })).toEqual(['2026-03']);
    expect(wholeMonthsIn({ from: at('2026-03-02T00:00:00Z'), to: at('2026-03-30T00:00:00Z') })).toEqual([]);
  });

  it('places each onboarding cohort of 90 days at a month’s end, inside the year', () => {
    const windows = monthEndWindows(year, 90);
    expect(windows[0]).toEqual({ from: at('2025-09-01T00:00:00Z') - 90 * DAY, to: at('2025-09-01T00:00:00Z'), days: 90 });
    expect(windows[windows.length - 1].to).toBe(at('2026-06-01T00:00:00Z'));
    expect(windows.every(w => w.from >= year.from && w.to - w.from === 90 * DAY)).toBe(true);
    expect(windows).toHaveLength(10);
  });
});

/** Services answering fixed figures per window; they record what they were asked. */
function fakeServices() {
  const calls: string[] = [];
  const key = (w: { from: number; to: number }) => `${new Date(w.from).toISOString().slice(0, 10)}..${new Date(w.to).toISOString().slice(0, 10)}`;
  const services = {
    selfService: {
      org: jest.fn(async (w, group) => {
        calls.push(`selfService ${key(w)} ${group}`);
        const isRecent = w.to === recent.to && w.days === 90;
        return {
          n: isRecent ? 40 : 10,
          ratio: isRecent ? 0.8 : 0.5,
          trend: weeks(3).map((weekStart, i) => ({ weekStart, ratio: 0.5 + i * 0.1 })),
        };
      }),
    },
    pipelines: {
      durations: jest.fn(async (windows: { days: number }[]) =>
        windows.map(w => ({
          duration: { median: w.days === 90 ? 700 : 900, n: w.days === 90 ? 2 : 50 },
          trend: weeks(3).map((weekStart, i) => ({ weekStart, durationMedian: 1000 - i * 100 })),
        })),
      ),
    },
    costs: {
      perService: jest.fn(async ({ months }: { months: string[] }) => ({
        perService: { median: 1000 + months.length, n: 12 },
        monthly: months.map((month, i) => ({ month, medianPerService: i === 0 ? null : 900 + i })),
      })),
    },
    onboarding: {
      cohorts: jest.fn(async (windows: unknown[], _group?: string) =>
        windows.map((_, i) => ({ median: i % 2 === 0 ? 3 * 86_400 : null, n: i % 2 === 0 ? 6 : null })),
      ),
    },
    platformIncidents: {
      report: jest.fn(async (w: { days: number }) => ({
        totalDeveloperHours: w.days === 90 ? 120 : 300,
        incidents: w.days === 90 ? 4 : 2,
        trend: weeks(13).map(weekStart => ({ weekStart, developerHours: 10 })),
      })),
    },
  };
  return { services: services as unknown as KpiServices, raw: services, calls };
}

describe('kpiFigures', () => {
  const baseline = { from: at('2025-07-01T00:00:00Z'), to: at('2025-08-30T00:00:00Z'), days: 60 };

  it('reads the self-service ratio of the 90 days, the weekly series of the year and the baseline’s figure', async () => {
    const { services, calls } = fakeServices();
    const figures = await kpiFigures('selfServiceRatio', 'group:default/team-a', services, { recent, year, baseline, minSamples: 3 });
    expect(figures.current).toEqual({ value: 0.8, n: 40 });
    expect(figures.series.map(p => p.value)).toEqual([0.5, 0.6, 0.7]);
    expect(figures.baseline).toBe(0.5);
    expect(calls).toEqual([
      'selfService 2026-03-03..2026-06-01 group:default/team-a',
      'selfService 2025-06-01..2026-06-01 group:default/team-a',
      'selfService 2025-07-01..2025-08-30 group:default/team-a',
    ]);
  });

  it('takes the median CI duration, but no baseline figure from fewer than minSamples runs', async () => {
    const { services, raw } = fakeServices();
    raw.pipelines.durations.mockImplementation(async (windows: { days: number }[]) =>
      windows.map(w => ({ duration: { median: w.days === 60 ? 1200 : 700, n: w.days === 60 ? 2 : 50 }, trend: [] })),
    );
    const figures = await kpiFigures('ciDuration', undefined, services, { recent, year, baseline, minSamples: 3 });
    expect(figures.current).toEqual({ value: 700, n: 50 });
    expect(figures.baseline).toBeNull();
    // one read for the three windows
    expect(raw.pipelines.durations).toHaveBeenCalledTimes(1);
    expect(raw.pipelines.durations.mock.calls[0][0].map((x: { days: number }) => x.days)).toEqual([90, 365, 60]);
  });

  it('reads costs of whole months: the three before `to` for the current figure, twelve for the series', async () => {
    const { services, raw } = fakeServices();
    const figures = await kpiFigures('costPerService', undefined, services, { recent, year, baseline, minSamples: 3 });
    expect(raw.costs.perService.mock.calls.map(c => c[0].months)).toEqual([
      ['2026-03', '2026-04', '2026-05'],
      ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'],
      ['2025-07'],
    ]);
    expect(figures.current).toEqual({ value: 1003, n: 12 });
    // the first month has no median: left out; each point at its month's end
    expect(figures.series[0]).toEqual({ at: at('2025-08-01T00:00:00Z'), value: 901 });
    expect(figures.series).toHaveLength(11);
    expect(figures.baseline).toBe(1001);
  });

  it('reads every onboarding cohort in one call and leaves withheld ones out of the series', async () => {
    const { services, raw } = fakeServices();
    const figures = await kpiFigures('onboardingTime', 'group:default/team-a', services, { recent, year, minSamples: 3 });
    const [windows, group] = raw.onboarding.cohorts.mock.calls[0];
    expect(group).toBe('group:default/team-a');
    expect(windows).toHaveLength(11);
    expect(figures.current).toEqual({ value: 3 * 86_400, n: 6 });
    // windows 1..10 are the month ends; the odd ones are withheld
    expect(figures.series.map(p => p.at)).toEqual(monthEndWindows(year, 90).filter((_, i) => i % 2 === 1).map(w => w.to));
    expect(figures.baseline).toBeNull();
  });

  it('gives a withheld onboarding time no figure at all', async () => {
    const { services, raw } = fakeServices();
    raw.onboarding.cohorts.mockImplementation(async (windows: unknown[]) => windows.map(() => ({ median: null, n: null })));
    const figures = await kpiFigures('onboardingTime', undefined, services, { recent, year, minSamples: 3 });
    expect(figures.current).toEqual({ value: null, n: null });
    expect(figures.series).toEqual([]);
  });

  it('counts platform incident impact in developer-hours per 90 days, the baseline scaled to them', async () => {
    const { services } = fakeServices();
    const figures = await kpiFigures('platformIncidentImpact', undefined, services, { recent, year, baseline, minSamples: 3 });
    expect(figures.current).toEqual({ value: 120, n: 4 });
    expect(figures.series).toEqual([{ at: MONDAY + 13 * WEEK, value: 130 }]);
    // 300 developer-hours in the 60 days of the baseline: 450 in 90
    expect(figures.baseline).toBe(450);
  });

  it('evaluates a CI target of ten minutes lower-is-better: met, at risk or off track by its projection', () => {
    const traits = traitsOf('ciDuration');
    expect(traits).toMatchObject({ direction: 'lower', unit: 'seconds', sampled: true });
    const series = [0, 1, 2, 3].map(i => ({ at: MONDAY + i * WEEK, value: 900 - i * 60 }));
    const evaluate = (current: number, target: number) =>
      evaluateTarget({ direction: traits.direction, target, by: MONDAY + 6 * WEEK, asOf: MONDAY + 3 * WEEK, series, current, baseline: null, bounds: traits.bounds }).status;
    expect(evaluate(590, 600)).toBe('met');
    // the line falls a minute a week: 540 s by the date
    expect(evaluate(720, 600)).toBe('on-track');
    // 540 s misses 500 by 40 s, 10% of the distance from the start (900 s): at risk; 450 by more
    expect(evaluate(720, 500)).toBe('at-risk');
    expect(evaluate(720, 450)).toBe('off-track');
    expect(traitsOf('selfServiceRatio')).toMatchObject({ direction: 'higher', unit: 'rate', bounds: { min: 0, max: 1 } });
    expect(traitsOf('platformIncidentImpact')).toMatchObject({ direction: 'lower', unit: 'developerHours', sampled: false, scopes: ['org'] });
    expect(traitsOf('costPerService')).toMatchObject({ direction: 'lower', unit: 'money' });
    expect(traitsOf('onboardingTime')).toMatchObject({ direction: 'lower', unit: 'seconds' });
  });
});

import { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { catalogComponent } from '../__testUtils__/records';
import { DAY, makeWindow } from '../lib/time';
import { baselineOf, currentOf, seriesOf, ttfdByMonth } from './targetFigures';

const TO = '2026-06-01T00:00:00Z';
const yearWindow = makeWindow(365, TO);
const at = (iso: string) => Date.parse(iso);

/** The parts of a summary the figures read; the rest is not looked at. */
function summary(parts: Partial<OrgSummary>): OrgSummary {
  const nps = { score: null, n: null, surveyId: '2026-Q2', withheld: 'fewer than 5 responses', asOf: null, trend: [] };
  return { trend: [], nps, ...parts } as unknown as OrgSummary;
}

const week = (weekStart: string, deployments: number, leadTimeMedian: number | null) => ({
  weekStart: `${weekStart}T00:00:00.000Z`,
  deployments,
  leadTimeMedian,
  changeFailureRate: deployments ? 0 : null,
  timeToRestoreMedian: null,
});

describe('seriesOf', () => {
  it('takes the whole weeks inside the window, each at its end, leaving out weeks without a figure', () => {
    const year = summary({
      trend: [
        // starts before the window (2025-06-01): a partial week
        week('2025-05-26', 1, 100),
        week('2025-06-02', 2, 90),
        week('2025-06-09', 0, null),
        week('2026-05-25', 4, 80),
      ],
    });
    const figures = { year, yearWindow, ttfd: [] };
    expect(seriesOf('leadTime', figures)).toEqual([
      { at: at('2025-06-09T00:00:00Z'), value: 90 },
      { at: at('2026-06-01T00:00:00Z'), value: 80 },
    ]);
    // a week without deployments is a value of deployment frequency, not of failure rate
    expect(seriesOf('deploymentFrequency', figures).map(p => p.value)).toEqual([2, 0, 4]);
    expect(seriesOf('changeFailureRate', figures)).toHaveLength(2);
    expect(seriesOf('timeToRestore', figures)).toEqual([]);
  });

  it('places each published NPS at its survey end, the running survey at its publication, and leaves out withheld ones', () => {
    const trend = [
      { surveyId: '2025-Q1', score: 10, n: 20, withheld: null, responseRate: 0.5 },
      { surveyId: '2025-Q3', score: 20, n: 20, withheld: null, responseRate: 0.5 },
      { surveyId: '2025-Q4', score: null, n: null, withheld: 'fewer than 5 responses', responseRate: null },
      { surveyId: '2026-Q2', score: 35, n: 20, withheld: null, responseRate: 0.5 },
    ];
    const year = summary({ nps: { ...summary({}).nps, trend, score: 35, n: 20, withheld: null, asOf: '2026-05-10T00:00:00.000Z' } });
    expect(seriesOf('nps', { year, yearWindow, ttfd: [] })).toEqual([
      // 2025-Q1 ended before the window
      { at: at('2025-10-01T00:00:00Z'), value: 20 },
      { at: at('2026-05-10T00:00:00Z'), value: 35 },
    ]);
  });

  it('takes adoption per snapshot, at the end of its day', () => {
    const adoption = { trend: [{ date: '2026-03-01', rate: 0.5 }, { date: '2026-03-02', rate: null }] } as OrgSummary['adoption'];
    expect(seriesOf('adoption', { year: summary({ adoption }), yearWindow, ttfd: [] })).toEqual([{ at: at('2026-03-02T00:00:00Z'), value: 0.5 }]);
  });
});

describe('ttfdByMonth', () => {
  it('takes the median of each month’s creation cohort that has deployed, at the end of the month or of the window', () => {
    const created = (name: string, iso: string) => ({ ...catalogComponent(name, 'group:default/a'), annotatedCreatedAt: at(iso), firstSeenAt: 0 });
    const entities = [
      created('a', '2026-04-02T00:00:00Z'),
      created('b', '2026-04-20T00:00:00Z'),
      created('c', '2026-05-30T00:00:00Z'),
      created('never', '2026-03-05T00:00:00Z'),
    ];
    const firsts = new Map([
      ['component:default/a', at('2026-04-06T00:00:00Z')],
      ['component:default/b', at('2026-04-22T00:00:00Z')],
      ['component:default/c', at('2026-05-31T00:00:00Z')],
    ]);
    expect(ttfdByMonth(entities, firsts, undefined, yearWindow)).toEqual([
      { at: at('2026-05-01T00:00:00Z'), value: 3 * 86_400 },
      { at: at('2026-06-01T00:00:00Z'), value: 86_400 },
    ]);
    // a window ending mid-month: that month's cohort so far
    const short = makeWindow(40, '2026-05-15T00:00:00Z');
    expect(ttfdByMonth(entities, firsts, undefined, short).map(p => p.at)).toEqual([at('2026-05-01T00:00:00Z')]);
    expect(short.to - short.from).toBe(40 * DAY);
  });
});

describe('currentOf and baselineOf', () => {
  const dora = {
    deploymentFrequency: { perDay: 1, perWeek: 7, count: 90 },
    leadTime: { median: 3600, n: 2 },
    timeToRestore: { median: null, n: 0 },
    changeFailureRate: { value: 0.1, failed: 9, total: 90 },
  } as unknown as OrgSummary['dora'];
  const side = (value: number | null, n: number) => ({ value, n });
  const metric = (before: { value: number | null; n: number }) => ({ before, after: side(null, 0) });
  const comparison = {
    against: 'baseline',
    metrics: {
      deploymentFrequency: metric(side(0.5, 45)),
      leadTime: metric(side(7200, 2)),
      changeFailureRate: metric(side(0.2, 45)),
      timeToRestore: metric(side(null, 0)),
    },
    timeToFirstDeploy: { before: side(86_400, 5), after: side(null, 0) },
    nps: { before: side(12, 30), after: side(null, 0) },
  } as unknown as OrgSummary['comparison'];

  it('reads the current figure and its sample, with no sample behind a missing figure', () => {
    const recent = summary({ dora });
    expect(currentOf('deploymentFrequency', recent)).toEqual({ value: 7, n: 90 });
    expect(currentOf('leadTime', recent)).toEqual({ value: 3600, n: 2 });
    expect(currentOf('timeToRestore', recent)).toEqual({ value: null, n: null });
    expect(currentOf('changeFailureRate', recent)).toEqual({ value: 0.1, n: 90 });
    // a withheld NPS
    expect(currentOf('nps', recent)).toEqual({ value: null, n: null });
  });

  it('takes the baseline side of the comparison, per week for deployments, medians and rates only from minSamples', () => {
    const figures = { recent: summary({ dora, comparison }), adoptionBaseline: 0.3 };
    expect(baselineOf('deploymentFrequency', figures, 3)).toBe(3.5);
    expect(baselineOf('leadTime', figures, 3)).toBeNull();
    expect(baselineOf('leadTime', figures, 2)).toBe(7200);
    expect(baselineOf('changeFailureRate', figures, 3)).toBe(0.2);
    expect(baselineOf('timeToRestore', figures, 3)).toBeNull();
    expect(baselineOf('timeToFirstDeploy', figures, 3)).toBe(86_400);
    expect(baselineOf('nps', figures, 3)).toBe(12);
    expect(baselineOf('adoption', figures, 3)).toBe(0.3);
    // without a baseline comparison, nothing but adoption's snapshot
    expect(baselineOf('nps', { recent: summary({ dora }), adoptionBaseline: null }, 3)).toBeNull();
  });
});

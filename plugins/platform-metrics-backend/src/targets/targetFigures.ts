import { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { EntityRow } from '../database/CatalogStore';
import { DAY, WEEK, Window } from '../lib/time';
import { SeriesPoint } from '../metrics/targets';
import { ttfdCohort } from '../metrics/ttfd';
import { surveyPeriod } from '../surveys/surveyIds';
import { TargetMetric } from './targetMetrics';

/**
 * A target's figures read off its scope's summaries (docs/metrics.md §12).
 * Pure: the target service reads the summaries. Every series point stands
 * at the end of the period it describes, never after the window's end.
 */

/** What a scope's targets are evaluated from. */
export interface ScopeFigures {
  /** The summary of the current window (90 days to `to`), with `comparison` against the baseline when one is configured. */
  recent: OrgSummary;
  /** The summary of the 365 days to `to`: its trends are the series. */
  year: OrgSummary;
  yearWindow: Window;
  /** Time to first deploy of each month's creation cohort in the year (see {@link ttfdByMonth}). */
  ttfd: SeriesPoint[];
  /** The adoption rate of the last snapshot of the baseline period, if any. */
  adoptionBaseline: number | null;
}

/** The current figure of a metric and the sample behind it (null: no figure). */
export function currentOf(metric: TargetMetric, recent: OrgSummary): { value: number | null; n: number | null } {
  const { dora } = recent;
  const of = (value: number | null, n: number | null) => ({ value, n: value === null ? null : n });
  switch (metric) {
    case 'nps':
      // a withheld NPS has neither score nor n: nothing the summary withholds is shown
      return of(recent.nps.score, recent.nps.n);
    case 'adoption':
      return of(recent.adoption.rate, recent.adoption.eligible - recent.adoption.exceptions);
    case 'timeToFirstDeploy':
      return of(recent.timeToFirstDeploy.median, recent.timeToFirstDeploy.n);
    case 'leadTime':
      return of(dora.leadTime.median, dora.leadTime.n);
    case 'timeToRestore':
      return of(dora.timeToRestore.median, dora.timeToRestore.n);
    case 'changeFailureRate':
      return of(dora.changeFailureRate.value, dora.changeFailureRate.total);
    default:
      return of(dora.deploymentFrequency.perWeek, dora.deploymentFrequency.count);
  }
}

/**
 * The baseline figure of a metric: the `before` side of the summary's
 * comparison with the baseline (medians and rates only from `minSamples`
 * samples), the last adoption snapshot of the baseline period; null when
 * there is none.
 */
export function baselineOf(
  metric: TargetMetric,
  figures: Pick<ScopeFigures, 'recent' | 'adoptionBaseline'>,
  minSamples: number,
): number | null {
  const { comparison } = figures.recent;
  if (metric === 'adoption') return figures.adoptionBaseline;
  if (!comparison || comparison.against !== 'baseline') return null;
  const sampled = (side: { value: number | null; n: number | null } | undefined) =>
    side && side.value !== null && (side.n ?? 0) >= minSamples ? side.value : null;
  switch (metric) {
    case 'nps':
      return comparison.nps?.before.value ?? null;
    case 'timeToFirstDeploy':
      return sampled(comparison.timeToFirstDeploy?.before);
    case 'leadTime':
    case 'timeToRestore':
    case 'changeFailureRate':
      return sampled(comparison.metrics[metric].before);
    default: {
      const perDay = comparison.metrics.deploymentFrequency.before.value;
      return perDay === null ? null : perDay * 7;
    }
  }
}

const points = <T>(rows: T[], at: (row: T) => number, value: (row: T) => number | null): SeriesPoint[] =>
  rows.flatMap(row => {
    const v = value(row);
    return v === null ? [] : [{ at: at(row), value: v }];
  });

/**
 * The series of a metric over the year: the DORA metrics per whole ISO week
 * inside the window (deployments per week, the week's median lead and
 * restore times, its failure rate; weeks without one left out), adoption per
 * daily snapshot, NPS per published survey (at the survey's end, the running
 * one's at its publication; withheld figures left out), TTFD per monthly
 * creation cohort.
 */
export function seriesOf(metric: TargetMetric, figures: Pick<ScopeFigures, 'year' | 'yearWindow' | 'ttfd'>): SeriesPoint[] {
  const { year, yearWindow: window } = figures;
  const weeks = year.trend.filter(w => {
    const start = Date.parse(w.weekStart);
    return start >= window.from && start + WEEK <= window.to;
  });
  const weekEnd = (w: { weekStart: string }) => Date.parse(w.weekStart) + WEEK;
  switch (metric) {
    case 'nps': {
      // the running survey's figure stands at its publication
      const published = year.nps.asOf === null ? window.to : Date.parse(year.nps.asOf);
      const end = (surveyId: string) =>
        Math.min(surveyPeriod(surveyId).end, window.to, surveyId === year.nps.surveyId ? published : Infinity);
      return points(
        year.nps.trend.filter(p => surveyPeriod(p.surveyId).end > window.from),
        p => end(p.surveyId),
        p => p.score,
      );
    }
    case 'adoption':
      return points(
        year.adoption.trend,
        s => Date.parse(`${s.date}T00:00:00Z`) + DAY,
        s => s.rate,
      );
    case 'timeToFirstDeploy':
      return figures.ttfd;
    case 'leadTime':
      return points(weeks, weekEnd, w => w.leadTimeMedian);
    case 'timeToRestore':
      return points(weeks, weekEnd, w => w.timeToRestoreMedian);
    case 'changeFailureRate':
      return points(weeks, weekEnd, w => w.changeFailureRate);
    default:
      return points(weeks, weekEnd, w => w.deployments);
  }
}

/**
 * Time to first deploy of each calendar month's creation cohort (UTC)
 * within the window, as the summary computes a window's cohort: the median
 * of those that have deployed, at the end of the month (or of the window).
 * Months whose cohort has not deployed yet are left out.
 */
export function ttfdByMonth(
  entities: EntityRow[],
  firsts: Map<string, number>,
  installedAt: number | undefined,
  window: Window,
): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  const start = new Date(window.from);
  let month = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  while (month < window.to) {
    const d = new Date(month);
    const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    const from = Math.max(month, window.from);
    const to = Math.min(next, window.to);
    const cohort = ttfdCohort(entities, firsts, installedAt, { from, to, days: Math.round((to - from) / DAY) });
    if (cohort.median !== null) out.push({ at: to, value: cohort.median });
    month = next;
  }
  return out;
}

import { DateTime } from 'luxon';
import type { CostService } from '../costs/CostService';
import { DAY, WEEK, Window, monthsEndingAt, monthsWindow } from '../lib/time';
import { SeriesPoint } from '../metrics/targets';
import type { OnboardingService } from '../onboarding/OnboardingService';
import type { PipelineService } from '../pipelines/PipelineService';
import type { PlatformIncidentService } from '../platformIncidents/PlatformIncidentService';
import type { SelfServiceService } from '../selfService/SelfServiceService';
import { KpiMetric } from './targetMetrics';

/**
 * The figures of a target on a platform KPI (docs/metrics.md §12, §13-§17),
 * read from the KPI's own service, as its route reads it: the current
 * figure of the 90 days to `to`, a series over the 365 days to `to`, and
 * the baseline period's figure. Nothing of a KPI's logic is computed here
 * twice; this module only decides which windows are read and where each
 * point of a series stands.
 */

/** The services the KPI targets read. */
export interface KpiServices {
  selfService: Pick<SelfServiceService, 'org'>;
  pipelines: Pick<PipelineService, 'durations'>;
  costs: Pick<CostService, 'perService'>;
  onboarding: Pick<OnboardingService, 'cohorts'>;
  platformIncidents: Pick<PlatformIncidentService, 'report'>;
}

/** A figure and the sample behind it (null: no figure). */
export interface Sampled {
  value: number | null;
  n: number | null;
}

export interface KpiFigures {
  current: Sampled;
  series: SeriesPoint[];
  /** The baseline period's figure; null without a baseline or without a figure in it. */
  baseline: number | null;
}

export interface KpiWindows {
  /** The 90 days to `to`. */
  recent: Window;
  /** The 365 days to `to`. */
  year: Window;
  /** `platformMetrics.baseline`, when configured. */
  baseline?: Window;
  minSamples: number;
}

/** Platform incident impact is a sum over this many whole weeks (91 days) at each point of its series. */
export const IMPACT_SERIES_WEEKS = 13;

const of = (value: number | null, n: number | null): Sampled => ({ value, n: value === null ? null : n });

/** The figure when it rests on at least `minSamples` samples, else null. */
const trusted = (s: Sampled, minSamples: number) => (s.value !== null && (s.n ?? 0) >= minSamples ? s.value : null);

/**
 * The ISO weeks of a weekly trend that lie wholly inside the window, each
 * with its end (a partial week would misstate a week's figure).
 */
export function wholeWeeks<T extends { weekStart: string }>(trend: T[], window: Pick<Window, 'from' | 'to'>): (T & { end: number })[] {
  return trend
    .map(w => ({ ...w, end: Date.parse(w.weekStart) + WEEK }))
    .filter(w => w.end - WEEK >= window.from && w.end <= window.to);
}

/** The whole weeks' figures at each week's end, weeks without one left out. */
export function weeklyPoints<T extends { weekStart: string }>(
  trend: T[],
  window: Pick<Window, 'from' | 'to'>,
  value: (week: T) => number | null,
): SeriesPoint[] {
  return wholeWeeks(trend, window).flatMap(w => {
    const v = value(w);
    return v === null ? [] : [{ at: w.end, value: v }];
  });
}

/**
 * At the end of each whole week, the sum over the {@link IMPACT_SERIES_WEEKS}
 * whole weeks ending there (from the 13th whole week of the window on): a
 * quarter's worth of developer-hours, comparable with the current 90 days.
 */
export function rollingWeekSums(
  trend: { weekStart: string; developerHours: number }[],
  window: Pick<Window, 'from' | 'to'>,
  weeks = IMPACT_SERIES_WEEKS,
): SeriesPoint[] {
  const whole = wholeWeeks(trend, window);
  const out: SeriesPoint[] = [];
  for (let i = weeks - 1; i < whole.length; i++) {
    const sum = whole.slice(i - weeks + 1, i + 1).reduce((s, w) => s + w.developerHours, 0);
    out.push({ at: whole[i].end, value: Math.round(sum * 10) / 10 });
  }
  return out;
}

/**
 * The `count` calendar months (UTC) that ended at or before `t`, oldest
 * first: costs are recorded per month, and a month still running would
 * read low.
 */
export function wholeMonthsBefore(t: number, count: number): string[] {
  const monthStart = DateTime.fromMillis(t, { zone: 'utc' }).startOf('month').toMillis();
  return monthsEndingAt(monthStart - 1, count);
}

/** The calendar months lying wholly inside `[from, to)`, oldest first (none when it holds no whole month). */
export function wholeMonthsIn(window: Pick<Window, 'from' | 'to'>): string[] {
  const first = DateTime.fromMillis(window.from, { zone: 'utc' });
  const start = first.equals(first.startOf('month')) ? first : first.startOf('month').plus({ months: 1 });
  const months: string[] = [];
  for (let m = start; m.plus({ months: 1 }).toMillis() <= window.to; m = m.plus({ months: 1 })) months.push(m.toFormat('yyyy-MM'));
  return months;
}

/**
 * The windows of the onboarding series: the 90-day cohort (as the current
 * figure's) ending at each calendar month's end that lies within the year
 * and leaves the 90 days inside it.
 */
export function monthEndWindows(year: Window, days: number): Window[] {
  const out: Window[] = [];
  let m = DateTime.fromMillis(year.from, { zone: 'utc' }).startOf('month').plus({ months: 1 });
  for (; m.toMillis() <= year.to; m = m.plus({ months: 1 })) {
    const to = m.toMillis();
    if (to - days * DAY >= year.from) out.push({ from: to - days * DAY, to, days });
  }
  return out;
}

/** The figures of a KPI target of the org (`group` undefined) or of one Group. */
export async function kpiFigures(
  metric: KpiMetric,
  group: string | undefined,
  services: KpiServices,
  w: KpiWindows,
): Promise<KpiFigures> {
  switch (metric) {
    case 'selfServiceRatio': {
      const read = (window: Window) => services.selfService.org(window, group);
      const [recent, year, base] = await Promise.all([read(w.recent), read(w.year), w.baseline && read(w.baseline)]);
      return {
        current: of(recent.ratio, recent.n),
        series: weeklyPoints(year.trend, w.year, p => p.ratio),
        baseline: base ? trusted(of(base.ratio, base.n), w.minSamples) : null,
      };
    }
    case 'ciDuration': {
      // one read of the runs for every window: a year of them is the heaviest read of the targets
      const [recent, year, base] = await services.pipelines.durations([w.recent, w.year, ...(w.baseline ? [w.baseline] : [])], group);
      return {
        current: of(recent.duration.median, recent.duration.n),
        series: weeklyPoints(year.trend, w.year, p => p.durationMedian),
        baseline: base ? trusted(of(base.duration.median, base.duration.n), w.minSamples) : null,
      };
    }
    case 'costPerService': {
      const read = (months: string[]) => services.costs.perService({ months }, group);
      const baseMonths = w.baseline ? wholeMonthsIn(w.baseline) : [];
      const [recent, year, base] = await Promise.all([
        read(wholeMonthsBefore(w.recent.to, 3)),
        read(wholeMonthsBefore(w.recent.to, 12)),
        baseMonths.length > 0 ? read(baseMonths) : undefined,
      ]);
      return {
        current: of(recent.perService.median, recent.perService.n),
        series: year.monthly.flatMap(m =>
          m.medianPerService === null ? [] : [{ at: monthsWindow(m.month, m.month).to, value: m.medianPerService }],
        ),
        baseline: base ? trusted(of(base.perService.median, base.perService.n), w.minSamples) : null,
      };
    }
    case 'onboardingTime': {
      const months = monthEndWindows(w.year, w.recent.days);
      const windows = [w.recent, ...months, ...(w.baseline ? [w.baseline] : [])];
      const shown = await services.onboarding.cohorts(windows, group);
      const base = w.baseline ? shown[shown.length - 1] : undefined;
      return {
        // a withheld figure (fewer than k people) is null here too
        current: of(shown[0].median, shown[0].n),
        series: months.flatMap((m, i) => {
          const median = shown[i + 1].median;
          return median === null ? [] : [{ at: m.to, value: median }];
        }),
        baseline: base ? trusted(of(base.median, base.n), w.minSamples) : null,
      };
    }
    default: {
      // platform incident impact: org-wide only; the costliest list is not needed
      const read = (window: Window) => services.platformIncidents.report(window, async () => []);
      const [recent, year, base] = await Promise.all([read(w.recent), read(w.year), w.baseline && read(w.baseline)]);
      return {
        current: of(recent.totalDeveloperHours, recent.incidents),
        series: rollingWeekSums(year.trend, w.year),
        // scaled to the current window's 90 days; a baseline without a single incident recorded has no figure
        baseline:
          base && base.incidents > 0 ? Math.round(((base.totalDeveloperHours * w.recent.days) / w.baseline!.days) * 10) / 10 : null,
      };
    }
  }
}

import { DayFacts } from '../database/RollupStore';
import { DAY, Window, dayStart } from '../lib/time';
import { LOWER_IS_BETTER } from './direction';
import { median } from './stats';
import { TestResult, mannWhitneyU, poissonRateTest, twoProportionZ } from './significance';

/**
 * Before/after an annotation (docs/metrics.md §11): each DORA metric over
 * the N days before the annotation's day against the N days from it, with a
 * two-sided significance test at 0.05. Pure: the caller reads the day
 * rollups of the scope.
 */

/** The significance level of `significant`. */
export const ALPHA = 0.05;

export type ImpactTest = 'mann-whitney-u' | 'two-proportion-z' | 'poisson-rate';
export type ImpactDirection = 'better' | 'worse' | 'same';

/** One metric before and after. */
export interface ImpactMetric {
  before: { value: number | null; n: number };
  after: { value: number | null; n: number };
  /** after - before; null when either is null. */
  absoluteChange: number | null;
  /** (after - before) / before; null when before is null or 0. */
  relativeChange: number | null;
  /** By the metric's direction (lower lead time, CFR, restore time are better); null without both values. */
  direction: ImpactDirection | null;
  test: ImpactTest;
  /** Two-sided; null with insufficient data. */
  pValue: number | null;
  /** Exactly one of these three is true. */
  significant: boolean;
  inconclusive: boolean;
  insufficientData: boolean;
}

export interface ImpactMetrics {
  deploymentFrequency: ImpactMetric;
  leadTime: ImpactMetric;
  changeFailureRate: ImpactMetric;
  timeToRestore: ImpactMetric;
}

/** The two windows of a comparison. */
export interface ImpactWindows {
  before: Window;
  after: Window;
  /** False while the after window has not fully elapsed (it ends at the end of today). */
  complete: boolean;
}

/**
 * `[d - days, d)` and `[d, d + days)` for `d` the UTC midnight starting the
 * annotation's day (rollups are per UTC day, so the annotation's day counts
 * after it). The after window ends no later than the end of the current UTC
 * day, and is empty for an annotation in the future.
 */
export function impactWindows(at: number, days: number, now: number): ImpactWindows {
  const d = dayStart(at);
  const cap = Math.ceil(now / DAY) * DAY;
  const afterTo = Math.max(d, Math.min(d + days * DAY, cap));
  return {
    before: { from: d - days * DAY, to: d, days },
    after: { from: d, to: afterTo, days: Math.round((afterTo - d) / DAY) },
    complete: afterTo === d + days * DAY,
  };
}

interface Side {
  deployments: number;
  failed: number;
  leadTimes: number[];
  restores: number[];
  days: number;
}

function pool(days: DayFacts[], length: number): Side {
  const side: Side = { deployments: 0, failed: 0, leadTimes: [], restores: [], days: length };
  for (const d of days) {
    side.deployments += d.deployments;
    side.failed += d.failed;
    for (const v of d.leadTimes) side.leadTimes.push(v);
    for (const v of d.restores) side.restores.push(v);
  }
  return side;
}

/**
 * The change from `before` to `after` and whether it is better or worse by
 * the metric's direction: the one rule every comparison uses.
 */
export function changeBetween(
  before: number | null,
  after: number | null,
  lowerIsBetter: boolean,
): { absoluteChange: number | null; relativeChange: number | null; direction: ImpactDirection | null } {
  if (before === null || after === null) return { absoluteChange: null, relativeChange: null, direction: null };
  const absoluteChange = after - before;
  const relativeChange = before !== 0 ? absoluteChange / before : null;
  let direction: ImpactDirection = 'same';
  if (absoluteChange !== 0) direction = absoluteChange < 0 === lowerIsBetter ? 'better' : 'worse';
  return { absoluteChange, relativeChange, direction };
}

function metric(
  before: { value: number | null; n: number },
  after: { value: number | null; n: number },
  test: ImpactTest,
  result: () => TestResult,
  lowerIsBetter: boolean,
  minSamples: number,
): ImpactMetric {
  const { absoluteChange, relativeChange, direction } = changeBetween(before.value, after.value, lowerIsBetter);
  const insufficientData = before.n < minSamples || after.n < minSamples;
  const pValue = insufficientData ? null : result().pValue;
  const significant = pValue !== null && pValue < ALPHA;
  return {
    before,
    after,
    absoluteChange,
    relativeChange,
    direction,
    test,
    pValue,
    significant,
    inconclusive: !insufficientData && !significant,
    insufficientData: insufficientData || pValue === null,
  };
}

/**
 * Compares the pooled day facts of the two windows. `n` is the number of
 * deployments (frequency, failure rate), changes (lead time) and resolved
 * incidents (restore time); below `minSamples` on either side a metric is
 * `insufficientData` and untested.
 */
export function compareImpact(
  beforeDays: DayFacts[],
  afterDays: DayFacts[],
  windows: ImpactWindows,
  minSamples: number,
): ImpactMetrics {
  const b = pool(beforeDays, windows.before.days);
  const a = pool(afterDays, windows.after.days);
  const perDay = (s: Side) => (s.days > 0 ? s.deployments / s.days : null);
  const cfr = (s: Side) => (s.deployments > 0 ? s.failed / s.deployments : null);
  return {
    deploymentFrequency: metric(
      { value: perDay(b), n: b.deployments },
      { value: perDay(a), n: a.deployments },
      'poisson-rate',
      () => poissonRateTest(b.deployments, b.days, a.deployments, a.days),
      LOWER_IS_BETTER.deploymentFrequency,
      minSamples,
    ),
    leadTime: metric(
      { value: median(b.leadTimes), n: b.leadTimes.length },
      { value: median(a.leadTimes), n: a.leadTimes.length },
      'mann-whitney-u',
      () => mannWhitneyU(b.leadTimes, a.leadTimes),
      LOWER_IS_BETTER.leadTime,
      minSamples,
    ),
    changeFailureRate: metric(
      { value: cfr(b), n: b.deployments },
      { value: cfr(a), n: a.deployments },
      'two-proportion-z',
      () => twoProportionZ(b.failed, b.deployments, a.failed, a.deployments),
      LOWER_IS_BETTER.changeFailureRate,
      minSamples,
    ),
    timeToRestore: metric(
      { value: median(b.restores), n: b.restores.length },
      { value: median(a.restores), n: a.restores.length },
      'mann-whitney-u',
      () => mannWhitneyU(b.restores, a.restores),
      LOWER_IS_BETTER.timeToRestore,
      minSamples,
    ),
  };
}

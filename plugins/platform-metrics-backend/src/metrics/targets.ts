import { WEEK } from '../lib/time';

/**
 * Progress towards a metric target and its status by projection
 * (docs/metrics.md §12). Pure: the target service reads the figures from
 * the scope's summaries.
 */

export type TargetDirection = 'higher' | 'lower';
export type TargetStatus = 'met' | 'on-track' | 'at-risk' | 'off-track' | 'insufficient-data';
export type StartFrom = 'baseline' | 'first-value';

/** One value of a metric at a time (epoch ms). */
export interface SeriesPoint {
  at: number;
  value: number;
}

/** Fewer points than this and there is no projection. */
export const MIN_POINTS = 3;

/** A projection that misses by at most this share of |target - start| is at risk. */
export const AT_RISK_SHARE = 0.1;

export interface TargetInput {
  direction: TargetDirection;
  /** The target value. */
  target: number;
  /** When the target is to be met (epoch ms). */
  by: number;
  /** The end of the figures (epoch ms): `by` at or before it has passed. */
  asOf: number;
  /** The metric over time, oldest first. */
  series: SeriesPoint[];
  current: number | null;
  /** The figure of the baseline period, when one is configured and has one. */
  baseline: number | null;
  /** False when the current figure rests on fewer samples than `minSamples`. */
  enoughSamples?: boolean;
  /** The range of the metric (a rate 0..1, NPS -100..100, durations from 0): projections are kept inside it. */
  bounds?: { min?: number; max?: number };
}

export interface TargetProgress {
  start: number | null;
  startFrom: StartFrom | null;
  progress: number | null;
  projected: number | null;
  /** The slope of the fitted line per week; null with fewer than {@link MIN_POINTS} points. */
  slopePerWeek: number | null;
  status: TargetStatus;
}

/** A tolerance for figures computed in floating point (7 / 10 is 0.7). */
const EPSILON = 1e-9;

/** Whether `value` meets the target by the metric's direction (reaching it exactly counts). */
export function meets(direction: TargetDirection, value: number, target: number): boolean {
  const tolerance = EPSILON * Math.max(1, Math.abs(target));
  return direction === 'higher' ? value >= target - tolerance : value <= target + tolerance;
}

/**
 * The ordinary least-squares line through the points: `value = intercept
 * + slope * at` (slope per ms). Null without points; flat through their
 * mean when every point has the same time.
 */
export function leastSquares(points: SeriesPoint[]): { slope: number; intercept: number } | null {
  if (points.length === 0) return null;
  const n = points.length;
  const meanAt = points.reduce((s, p) => s + p.at, 0) / n;
  const meanValue = points.reduce((s, p) => s + p.value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.at - meanAt) * (p.value - meanValue);
    sxx += (p.at - meanAt) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: meanValue - slope * meanAt };
}

const clamp = (v: number, bounds: TargetInput['bounds']) =>
  Math.min(bounds?.max ?? Infinity, Math.max(bounds?.min ?? -Infinity, v));

/**
 * `(current - start) / (target - start)`, not clamped: a regression is
 * negative, going beyond the target more than 1. Null without both figures,
 * and when the start equals or already meets the target (there is no
 * distance to cover, and the ratio would read backwards).
 */
export function progressOf(
  direction: TargetDirection,
  target: number,
  start: number | null,
  current: number | null,
): number | null {
  if (start === null || current === null) return null;
  if (meets(direction, start, target)) return null;
  return (current - start) / (target - start);
}

/**
 * Start, progress, projection and status of one target:
 * - start: the baseline figure, else the first point of the series;
 * - projected: the least-squares line through the series at `by` (within
 *   the metric's bounds); once `by` has passed, the current figure;
 * - status: `insufficient-data` without a current figure (or on too few
 *   samples); `met` when the current figure meets the target already;
 *   `insufficient-data` with fewer than {@link MIN_POINTS} points while `by`
 *   is ahead; then `on-track` when the projection meets the target,
 *   `at-risk` when it misses by at most {@link AT_RISK_SHARE} of
 *   |target - start|, `off-track` otherwise.
 */
export function evaluateTarget(input: TargetInput): TargetProgress {
  const { direction, target, series, current } = input;
  const first = series.length > 0 ? series[0].value : null;
  let startFrom: StartFrom | null = null;
  if (input.baseline !== null) startFrom = 'baseline';
  else if (first !== null) startFrom = 'first-value';
  const start = input.baseline ?? first;
  const fit = series.length >= MIN_POINTS ? leastSquares(series) : null;
  const passed = input.by <= input.asOf;
  let projected: number | null = null;
  if (passed) projected = current;
  else if (fit) projected = clamp(fit.intercept + fit.slope * input.by, input.bounds);
  const result = {
    start,
    startFrom,
    progress: progressOf(direction, target, start, current),
    projected,
    slopePerWeek: fit ? fit.slope * WEEK : null,
  };

  let status: TargetStatus;
  if (current === null || input.enoughSamples === false) status = 'insufficient-data';
  else if (meets(direction, current, target)) status = 'met';
  else if (projected === null) status = 'insufficient-data';
  else if (meets(direction, projected, target)) status = 'on-track';
  else {
    const miss = Math.abs(projected - target);
    const distance = start === null ? 0 : Math.abs(target - start);
    status = miss <= AT_RISK_SHARE * distance ? 'at-risk' : 'off-track';
  }
  return { ...result, status };
}

import { NpsBand, NpsResult } from './types';

/**
 * Net Promoter Score of a set of 0..10 scores: promoters 9-10, passives 7-8,
 * detractors 0-6; `round(100 * (promoters - detractors) / n)` with halves
 * rounded up (`Math.round`); `null` when there are no scores.
 *
 * @public
 */
export function computeNps(scores: readonly number[]): NpsResult {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    if (s >= 9) promoters++;
    else if (s >= 7) passives++;
    else detractors++;
  }
  return fromCounts(promoters, passives, detractors);
}

/**
 * NPS from the three counts (same rounding as {@link computeNps}).
 *
 * @public
 */
export function fromCounts(
  promoters: number,
  passives: number,
  detractors: number,
): NpsResult {
  const n = promoters + passives + detractors;
  const score =
    n === 0 ? null : Math.round((100 * (promoters - detractors)) / n) || 0;
  return { score, n, promoters, passives, detractors };
}

/**
 * The NPS band of a score (lower bounds inclusive): [-100,-20) critical,
 * [-20,0) poor, [0,20) acceptable, [20,50) good, [50,80) amazing,
 * [80,100] top percentile.
 *
 * @public
 */
export function npsBand(score: number | null): NpsBand | null {
  if (score === null) return null;
  if (score < -20) return 'critical';
  if (score < 0) return 'poor';
  if (score < 20) return 'acceptable';
  if (score < 50) return 'good';
  if (score < 80) return 'amazing';
  return 'top-percentile';
}

/** Human labels of the NPS bands. @public */
export const NPS_BAND_LABELS: Readonly<Record<NpsBand, string>> = {
  critical: 'Critical',
  poor: 'Poor',
  acceptable: 'Acceptable',
  good: 'Good',
  amazing: 'Amazing',
  'top-percentile': 'Top percentile',
};

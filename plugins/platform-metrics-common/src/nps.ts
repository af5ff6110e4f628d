import { NpsBand } from './schema/openapi';

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

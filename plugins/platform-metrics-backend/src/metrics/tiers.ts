import { Tier } from '@platform-metrics/plugin-platform-metrics-common';
import { BenchmarkProfile } from '../benchmarks';

/** The four DORA metrics that carry a tier. */
export type TieredMetric =
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailureRate'
  | 'timeToRestore';

const ORDER: Tier[] = ['elite', 'high', 'medium', 'low'];

/**
 * The best tier that `value` meets under `profile`; `insufficient-data`
 * when the sample size is below `minSamples` or there is no value.
 */
export function tierFor(
  metric: TieredMetric,
  value: number | null,
  n: number,
  profile: BenchmarkProfile,
  minSamples: number,
): Tier {
  if (value === null || !Number.isFinite(value) || n < minSamples) {
    return 'insufficient-data';
  }
  const bounds = profile[metric];
  for (const tier of ['elite', 'high', 'medium'] as const) {
    const bound = bounds[tier];
    let meets: boolean;
    if (metric === 'deploymentFrequency') meets = value >= bound;
    else if (metric === 'changeFailureRate') meets = value <= bound;
    else meets = value < bound;
    if (meets) return tier;
  }
  return 'low';
}

/**
 * The worst of the given tiers that is not `insufficient-data`; all
 * insufficient (or none): `insufficient-data`.
 */
export function overallTier(tiers: readonly Tier[]): Tier {
  let worst = -1;
  for (const t of tiers) {
    const i = ORDER.indexOf(t);
    if (i > worst) worst = i;
  }
  return worst < 0 ? 'insufficient-data' : ORDER[worst];
}

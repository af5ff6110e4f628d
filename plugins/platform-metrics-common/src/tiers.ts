import { Tier } from './types';

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The four DORA metrics that carry a tier. @public */
export type TieredMetric =
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailureRate'
  | 'timeToRestore';

/**
 * A benchmark profile. For deployment frequency a tier is met when the value
 * is at least the bound (deploys per day); for lead time and time to restore
 * when the median is strictly below the bound (seconds); for change failure
 * rate when the rate is at most the bound.
 *
 * @public
 */
export interface BenchmarkProfile {
  deploymentFrequency: { elite: number; high: number; medium: number };
  leadTime: { elite: number; high: number; medium: number };
  changeFailureRate: { elite: number; high: number; medium: number };
  timeToRestore: { elite: number; high: number; medium: number };
}

/** The built-in profiles of metrics.md. @public */
export const BENCHMARK_PROFILES: Readonly<Record<string, BenchmarkProfile>> =
  {
    'dora-2021': {
      deploymentFrequency: { elite: 1, high: 1 / 7, medium: 1 / 30 },
      leadTime: { elite: HOUR, high: 7 * DAY, medium: 182 * DAY },
      changeFailureRate: { elite: 0.15, high: 0.2, medium: 0.3 },
      timeToRestore: { elite: HOUR, high: DAY, medium: 7 * DAY },
    },
    'dora-2023': {
      deploymentFrequency: { elite: 1, high: 1 / 7, medium: 1 / 30 },
      leadTime: { elite: DAY, high: 7 * DAY, medium: 30 * DAY },
      changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
      timeToRestore: { elite: HOUR, high: DAY, medium: 7 * DAY },
    },
  };

/** @public */
export const DEFAULT_BENCHMARK = 'dora-2021';

const ORDER: Tier[] = ['elite', 'high', 'medium', 'low'];

/**
 * The best tier that `value` meets under `profile`; `insufficient-data`
 * when the sample size is below `minSamples` or there is no value.
 *
 * @public
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
 *
 * @public
 */
export function overallTier(tiers: readonly Tier[]): Tier {
  let worst = -1;
  for (const t of tiers) {
    const i = ORDER.indexOf(t);
    if (i > worst) worst = i;
  }
  return worst < 0 ? 'insufficient-data' : ORDER[worst];
}

import { seconds } from './lib/time';

const HOUR = seconds({ hours: 1 });
const DAY = seconds({ days: 1 });

/**
 * A benchmark profile. For deployment frequency a tier is met when the value
 * is at least the bound (deploys per day); for lead time and time to restore
 * when the median is strictly below the bound (seconds); for change failure
 * rate when the rate is at most the bound.
 */
export interface BenchmarkProfile {
  deploymentFrequency: { elite: number; high: number; medium: number };
  leadTime: { elite: number; high: number; medium: number };
  changeFailureRate: { elite: number; high: number; medium: number };
  timeToRestore: { elite: number; high: number; medium: number };
}

/** The built-in profiles of metrics.md. */
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

/** The profile used when none is configured. */
export const DEFAULT_BENCHMARK = 'dora-2021';

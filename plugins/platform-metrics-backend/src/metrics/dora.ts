import {
  DoraMetrics,
  Tier,
  TierDistribution,
  WeeklyTrendPoint,
} from '@platform-metrics/plugin-platform-metrics-common';
import { DayFacts } from '../database/RollupStore';
import { WEEK, Window, weekStart } from '../lib/time';
import { median, medianAndPercentile } from './stats';
import { BenchmarkProfile } from '../benchmarks';
import { overallTier, tierFor } from './tiers';

export interface DoraSettings {
  profile: BenchmarkProfile;
  minSamples: number;
}

/** The facts of one entity in a window, from its day rollups. */
export interface EntityFacts {
  entityRef: string;
  /** The days of the window that hold anything, ascending. */
  days: DayFacts[];
  /** Incidents opened before `to` and not resolved by then. */
  open: number;
}

/** The DORA metrics of one entity's facts, or pooled over many. */
export function summarise(
  facts: EntityFacts[],
  window: Window,
  settings: DoraSettings,
): DoraMetrics {
  const { profile, minSamples } = settings;
  let count = 0;
  let failed = 0;
  let rework = 0;
  let deploying = 0;
  let leadCount = 0;
  let restoreCount = 0;
  for (const f of facts) {
    let own = 0;
    for (const d of f.days) {
      own += d.deployments;
      failed += d.failed;
      rework += d.rework;
      leadCount += d.leadTimes.length;
      restoreCount += d.restores.length;
    }
    count += own;
    if (own > 0) deploying++;
  }
  // One typed array per metric; the median and the nearest-rank p90 are
  // selected in linear time, no sort.
  const leadTimes = new Float64Array(leadCount);
  const restores = new Float64Array(restoreCount);
  let li = 0;
  let ri = 0;
  for (const f of facts) {
    for (const d of f.days) {
      leadTimes.set(d.leadTimes, li);
      li += d.leadTimes.length;
      restores.set(d.restores, ri);
      ri += d.restores.length;
    }
  }
  const lead = medianAndPercentile(leadTimes, 90);
  const restore = medianAndPercentile(restores, 90);
  const perDay = count / window.days;
  const leadMedian = lead.median;
  const restoreMedian = restore.median;
  const cfr = count === 0 ? null : failed / count;

  // Pooled over several entities, the tier rates the typical deploying
  // entity (deploys per day per entity that deployed), not the sum: ten
  // services deploying weekly are not an elite team.
  const dfTier = tierFor(
    'deploymentFrequency',
    deploying > 0 ? perDay / deploying : perDay,
    count,
    profile,
    minSamples,
  );
  const ltTier = tierFor('leadTime', leadMedian, leadTimes.length, profile, minSamples);
  const cfrTier = tierFor('changeFailureRate', cfr, count, profile, minSamples);
  const ttrTier = tierFor('timeToRestore', restoreMedian, restores.length, profile, minSamples);

  return {
    deploymentFrequency: { perDay, perWeek: (count * 7) / window.days, count, tier: dfTier },
    leadTime: {
      median: leadMedian,
      p90: lead.percentile,
      n: leadTimes.length,
      tier: ltTier,
    },
    changeFailureRate: { value: cfr, failed, total: count, tier: cfrTier },
    timeToRestore: {
      median: restoreMedian,
      p90: restore.percentile,
      n: restores.length,
      tier: ttrTier,
      open: facts.reduce((sum, f) => sum + f.open, 0),
    },
    reworkRate: { value: count === 0 ? null : rework / count, rework, total: count },
    overallTier: overallTier([dfTier, ltTier, cfrTier, ttrTier]),
  };
}

/** Counts the overall tiers of per-entity metrics. */
export function tierDistribution(tiers: Tier[]): TierDistribution {
  const dist: TierDistribution = {
    elite: 0,
    high: 0,
    medium: 0,
    low: 0,
    'insufficient-data': 0,
  };
  for (const t of tiers) dist[t]++;
  return dist;
}

/** Weekly buckets over the window (ISO weeks; the first and last may be partial). */
export function weeklyTrend(facts: EntityFacts[], window: Window): WeeklyTrendPoint[] {
  const first = weekStart(window.from);
  const last = weekStart(window.to - 1);
  const weeks = Math.round((last - first) / WEEK) + 1;
  const buckets = Array.from({ length: weeks }, () => ({
    deployments: 0,
    failed: 0,
    leadTimes: [] as number[],
    restores: [] as number[],
  }));
  // days and `first` are UTC midnights and UTC weeks are 7 days long, so a
  // day's week is its distance from the first Monday in whole weeks
  const index = (t: number) => Math.floor((t - first) / WEEK);
  for (const f of facts) {
    for (const d of f.days) {
      const b = buckets[index(d.day)];
      if (!b) continue; // a day outside the window
      b.deployments += d.deployments;
      b.failed += d.failed;
      for (const v of d.leadTimes) b.leadTimes.push(v);
      for (const v of d.restores) b.restores.push(v);
    }
  }
  return buckets.map((b, i) => ({
    weekStart: new Date(first + i * WEEK).toISOString(),
    deployments: b.deployments,
    leadTimeMedian: median(b.leadTimes),
    changeFailureRate: b.deployments === 0 ? null : b.failed / b.deployments,
    timeToRestoreMedian: median(b.restores),
  }));
}

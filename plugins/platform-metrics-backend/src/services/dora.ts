import {
  BenchmarkProfile,
  DoraMetrics,
  Tier,
  TierDistribution,
  WeeklyTrendPoint,
  median,
  medianAndPercentile,
  overallTier,
  tierFor,
} from '@platform-metrics/plugin-platform-metrics-common';
import {
  DayFacts,
  DeploymentRow,
  EntityRollup,
  FirstChangeRow,
  IncidentRow,
} from '../database/MetricsStore';

/** A window `[from, to)` in epoch ms. */
export interface Window {
  from: number;
  to: number;
  days: number;
}

export interface DoraSettings {
  profile: BenchmarkProfile;
  minSamples: number;
  incidentAttribution: 'nearest-deployment' | 'explicit-only';
}

const SECOND = 1000;
export const DAY = 86_400_000;

/** 00:00 UTC of the day holding `t` (epoch ms). */
export const dayStart = (t: number) => Math.floor(t / DAY) * DAY;

/** The facts of one entity in a window, from its day rollups. */
export interface EntityFacts {
  entityRef: string;
  /** The days of the window that hold anything, ascending. */
  days: DayFacts[];
  /** Incidents opened before `to` and not resolved by then. */
  open: number;
}

/**
 * Rolls one entity's whole history up by day (metrics.md §1-5).
 * `deployments` are its production deployments (any status), `firstChanges`
 * each change at its earliest successful production deployment, `incidents`
 * all of its incidents.
 *
 * Failures are attributed with everything known, whenever it became known:
 * an incident opened after a window closed still marks a deployment inside
 * it as failed, so a window reads the same whenever it is asked for.
 */
export function rollupEntity(
  entityRef: string,
  input: {
    deployments: DeploymentRow[];
    firstChanges: FirstChangeRow[];
    incidents: IncidentRow[];
  },
  settings: Pick<DoraSettings, 'incidentAttribution'>,
): EntityRollup {
  const succeeded = input.deployments
    .filter(d => d.status === 'succeeded')
    .sort((a, b) => a.finishedAt - b.finishedAt || a.id.localeCompare(b.id));
  const ids = new Set(succeeded.map(d => d.id));
  const failed = new Set<string>();

  // (b) another successful production deployment remediates it
  for (const d of succeeded) {
    if (d.remediates && d.remediates !== d.id && ids.has(d.remediates)) {
      failed.add(d.remediates);
    }
  }
  for (const incident of input.incidents) {
    if (incident.causedBy) {
      // (a) an incident names it
      if (ids.has(incident.causedBy)) failed.add(incident.causedBy);
    } else if (settings.incidentAttribution === 'nearest-deployment') {
      // (c) the last deployment that finished strictly before the incident opened
      const d = lastBefore(succeeded, incident.openedAt);
      if (d) failed.add(d.id);
    }
  }

  const days = new Map<number, DayFacts>();
  const dayOf = (t: number) => {
    const key = dayStart(t);
    let f = days.get(key);
    if (!f) {
      f = { day: key, deployments: 0, failed: 0, rework: 0, leadTimes: [], restores: [] };
      days.set(key, f);
    }
    return f;
  };
  const failedDeployments: EntityRollup['failedDeployments'] = [];
  for (const d of succeeded) {
    const f = dayOf(d.finishedAt);
    f.deployments++;
    if (failed.has(d.id)) {
      f.failed++;
      failedDeployments.push({ source: d.source, id: d.id });
    }
    if (d.type !== 'standard' || d.remediates !== null) f.rework++;
  }
  for (const c of input.firstChanges) {
    const seconds = (c.deployedAt - c.committedAt) / SECOND;
    // a commit after its deployment is clock skew: skipped
    if (seconds > 0) dayOf(c.deployedAt).leadTimes.push(seconds);
  }
  for (const i of input.incidents) {
    if (i.resolvedAt !== null) {
      dayOf(i.resolvedAt).restores.push((i.resolvedAt - i.openedAt) / SECOND);
    }
  }
  const ascending = (a: number, b: number) => a - b;
  for (const f of days.values()) {
    f.leadTimes.sort(ascending);
    f.restores.sort(ascending);
  }
  return {
    entityRef,
    days: [...days.values()].sort((a, b) => a.day - b.day),
    failedDeployments,
    firstDeployAt: succeeded.length > 0 ? succeeded[0].finishedAt : null,
  };
}

function lastBefore<T extends { finishedAt: number }>(sorted: T[], t: number) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].finishedAt < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? sorted[lo - 1] : undefined;
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

const WEEK = 7 * DAY;

/** Monday 00:00 UTC of the ISO week holding `t`. */
export function weekStart(t: number): number {
  const day = Math.floor(t / DAY) * DAY;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return day - weekday * DAY;
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
  const index = (t: number) => Math.round((weekStart(t) - first) / WEEK);
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

/** Groups rows by entity ref. */
export function byEntity<T extends { entityRef: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.entityRef);
    if (list) list.push(r);
    else map.set(r.entityRef, [r]);
  }
  return map;
}

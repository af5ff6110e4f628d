import {
  BenchmarkProfile,
  DoraMetrics,
  Tier,
  TierDistribution,
  WeeklyTrendPoint,
  median,
  overallTier,
  percentileNearestRank,
  tierFor,
} from '@platform-metrics/plugin-platform-metrics-common';
import {
  DeploymentRow,
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

/**
 * The facts of one entity in a window from which every DORA number is
 * derived; per-entity and pooled metrics are both summaries of these.
 */
export interface EntityFacts {
  entityRef: string;
  /** Successful production deployments with finishedAt in the window. */
  deployments: Array<{ id: string; at: number; failed: boolean; rework: boolean }>;
  /** Lead times (seconds) of the changes counted in the window, at their deployment time. */
  leadTimes: Array<{ at: number; seconds: number }>;
  /** Restore times (seconds) of incidents resolved in the window, at resolution. */
  restores: Array<{ at: number; seconds: number }>;
  /** Incidents opened before `to` and not resolved by then. */
  open: number;
}

const SECOND = 1000;

/**
 * Derives the facts of one entity (metrics.md §1-5). `deployments` are the
 * entity's production deployments in the window (any status), `firstChanges`
 * its changes first deployed in the window, `incidents` as returned by
 * `MetricsStore.listIncidents`.
 */
export function entityFacts(
  entityRef: string,
  input: {
    deployments: DeploymentRow[];
    firstChanges: FirstChangeRow[];
    incidents: IncidentRow[];
  },
  window: Window,
  settings: Pick<DoraSettings, 'incidentAttribution'>,
): EntityFacts {
  const succeeded = input.deployments
    .filter(
      d =>
        d.status === 'succeeded' &&
        d.finishedAt >= window.from &&
        d.finishedAt < window.to,
    )
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
    if (incident.openedAt >= window.to) continue;
    if (incident.causedBy) {
      // (a) an incident names it
      if (ids.has(incident.causedBy)) failed.add(incident.causedBy);
    } else if (
      settings.incidentAttribution === 'nearest-deployment' &&
      incident.openedAt >= window.from
    ) {
      // (c) the last deployment that finished strictly before the incident opened
      const d = lastBefore(succeeded, incident.openedAt);
      if (d) failed.add(d.id);
    }
  }

  const leadTimes = input.firstChanges
    .filter(c => c.deployedAt >= window.from && c.deployedAt < window.to)
    .map(c => ({ at: c.deployedAt, seconds: (c.deployedAt - c.committedAt) / SECOND }))
    .filter(c => c.seconds > 0);

  const restores: EntityFacts['restores'] = [];
  let open = 0;
  for (const i of input.incidents) {
    if (i.openedAt >= window.to) continue;
    if (i.resolvedAt === null || i.resolvedAt >= window.to) {
      open++;
    } else if (i.resolvedAt >= window.from) {
      restores.push({ at: i.resolvedAt, seconds: (i.resolvedAt - i.openedAt) / SECOND });
    }
  }

  return {
    entityRef,
    deployments: succeeded.map(d => ({
      id: d.id,
      at: d.finishedAt,
      failed: failed.has(d.id),
      rework: d.type !== 'standard' || d.remediates !== null,
    })),
    leadTimes,
    restores,
    open,
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
  const deployments = facts.flatMap(f => f.deployments);
  // sorted once: median and nearest-rank p90 read the same order
  const ascending = (a: number, b: number) => a - b;
  const leadTimes = facts.flatMap(f => f.leadTimes.map(l => l.seconds)).sort(ascending);
  const restores = facts.flatMap(f => f.restores.map(r => r.seconds)).sort(ascending);
  const count = deployments.length;
  const failed = deployments.filter(d => d.failed).length;
  const rework = deployments.filter(d => d.rework).length;
  const perDay = count / window.days;
  const leadMedian = median(leadTimes);
  const restoreMedian = median(restores);
  const cfr = count === 0 ? null : failed / count;

  // Pooled over several entities, the tier rates the typical deploying
  // entity (deploys per day per entity that deployed), not the sum: ten
  // services deploying weekly are not an elite team.
  const deploying = facts.filter(f => f.deployments.length > 0).length;
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
      p90: percentileNearestRank(leadTimes, 90),
      n: leadTimes.length,
      tier: ltTier,
    },
    changeFailureRate: { value: cfr, failed, total: count, tier: cfrTier },
    timeToRestore: {
      median: restoreMedian,
      p90: percentileNearestRank(restores, 90),
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

const DAY = 86_400_000;
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
    for (const d of f.deployments) {
      const b = buckets[index(d.at)];
      b.deployments++;
      if (d.failed) b.failed++;
    }
    for (const l of f.leadTimes) buckets[index(l.at)].leadTimes.push(l.seconds);
    for (const r of f.restores) buckets[index(r.at)].restores.push(r.seconds);
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

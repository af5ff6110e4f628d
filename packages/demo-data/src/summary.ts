/**
 * A compact, independent computation of the headline metrics of generated
 * data (metrics.md), per team: used by the tests to check that the data tells
 * the intended story, and by the CLI's `stats` command.
 */
import type {
  GeneratedDeployment,
  GeneratedEvents,
  GeneratedIncident,
} from './events';

const DAY = 86_400_000;

/** The exact median (mean of the two middle values), by sorting; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** NPS of 0..10 scores: round(100 * (promoters - detractors) / n); null for none. */
export function computeNps(scores: readonly number[]): { score: number | null; n: number } {
  const n = scores.length;
  if (n === 0) return { score: null, n };
  const promoters = scores.filter(s => s >= 9).length;
  const detractors = scores.filter(s => s <= 6).length;
  return { score: Math.round((100 * (promoters - detractors)) / n) || 0, n };
}

export interface TeamSummary {
  team: string;
  entities: number;
  /** Successful production deployments in the window. */
  deployments: number;
  deploysPerDay: number;
  /** Median lead time for changes, hours. */
  leadTimeMedianHours: number | null;
  changeFailureRate: number | null;
  /** Median time to restore, hours. */
  timeToRestoreMedianHours: number | null;
  reworkRate: number | null;
  openIncidents: number;
  /** NPS by survey id: score and n. */
  nps: Record<string, { score: number | null; n: number }>;
}

const isProd = (d: GeneratedDeployment) =>
  d.environment === 'production' && d.status === 'succeeded';

interface EntityData {
  deployments: GeneratedDeployment[];
  incidents: GeneratedIncident[];
}

/** Per-entity facts needed for windowed metrics. */
function perEntity(events: Pick<GeneratedEvents, 'deployments' | 'incidents'>) {
  const byEntity = new Map<string, EntityData>();
  const get = (ref: string) => {
    let e = byEntity.get(ref);
    if (!e) byEntity.set(ref, (e = { deployments: [], incidents: [] }));
    return e;
  };
  for (const d of events.deployments)
    if (isProd(d)) get(d.entityRef).deployments.push(d);
  for (const i of events.incidents) get(i.entityRef).incidents.push(i);
  for (const e of byEntity.values()) {
    e.deployments.sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
  }
  return byEntity;
}

/** Ids of the failed deployments of one entity (metrics.md, change failure rate). */
export function failedDeploymentIds(e: EntityData): Set<string> {
  const failed = new Set<string>();
  const ids = new Set(e.deployments.map(d => d.id));
  for (const d of e.deployments)
    if (d.remediates && ids.has(d.remediates)) failed.add(d.remediates);
  for (const i of e.incidents) {
    if (i.causedBy) {
      if (ids.has(i.causedBy)) failed.add(i.causedBy);
      continue;
    }
    let latest: GeneratedDeployment | undefined;
    for (const d of e.deployments) {
      if (d.finishedAt < i.openedAt) latest = d;
      else break;
    }
    if (latest) failed.add(latest.id);
  }
  return failed;
}

/** Lead times (seconds) of the changes first shipped in [fromMs, toMs). */
export function leadTimes(
  deployments: GeneratedDeployment[],
  fromMs: number,
  toMs: number,
): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  for (const d of deployments) {
    const fin = Date.parse(d.finishedAt);
    for (const c of d.changes) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      if (fin < fromMs || fin >= toMs) continue;
      const diff = (fin - Date.parse(c.committedAt)) / 1000;
      if (diff > 0) out.push(diff);
    }
  }
  return out;
}

/** Headline metrics per team over `[to - windowDays, to)`. */
export function summarizeByTeam(
  events: GeneratedEvents,
  opts: { windowDays?: number; to?: string } = {},
): TeamSummary[] {
  const windowDays = opts.windowDays ?? 90;
  const toMs = Date.parse(opts.to ?? events.now);
  const fromMs = toMs - windowDays * DAY;
  const inWindow = (ts: string) => {
    const t = Date.parse(ts);
    return t >= fromMs && t < toMs;
  };
  const byEntity = perEntity(events);
  const teamOf = new Map(
    events.org.components.map(c => [`component:default/${c.name}`, c.owner]),
  );
  const teamOfUser = new Map(
    events.org.users.map(u => [`user:default/${u.name}`, u.memberOf[0]]),
  );

  return events.org.teams.map(team => {
    let deployments = 0;
    let failed = 0;
    let rework = 0;
    let open = 0;
    const leads: number[] = [];
    const restores: number[] = [];
    const refs = [...teamOf.entries()]
      .filter(([, t]) => t === team.name)
      .map(([r]) => r);
    for (const ref of refs) {
      const e = byEntity.get(ref);
      if (!e) continue;
      const failedIds = failedDeploymentIds(e);
      for (const d of e.deployments) {
        if (!inWindow(d.finishedAt)) continue;
        deployments++;
        if (failedIds.has(d.id)) failed++;
        if (d.type !== 'standard' || d.remediates) rework++;
      }
      leads.push(...leadTimes(e.deployments, fromMs, toMs));
      for (const i of e.incidents) {
        if (i.resolvedAt && inWindow(i.resolvedAt)) {
          restores.push(
            (Date.parse(i.resolvedAt) - Date.parse(i.openedAt)) / 1000,
          );
        }
        if (
          Date.parse(i.openedAt) < toMs &&
          (!i.resolvedAt || Date.parse(i.resolvedAt) >= toMs)
        )
          open++;
      }
    }
    const nps: TeamSummary['nps'] = {};
    for (const surveyId of events.surveys) {
      const scores = events.surveyResponses
        .filter(
          r =>
            r.surveyId === surveyId && teamOfUser.get(r.userRef) === team.name,
        )
        .map(r => r.score);
      const result = computeNps(scores);
      nps[surveyId] = { score: result.score, n: result.n };
    }
    const lt = median(leads);
    const ttr = median(restores);
    return {
      team: team.name,
      entities: refs.length,
      deployments,
      deploysPerDay: deployments / windowDays,
      leadTimeMedianHours: lt === null ? null : lt / 3600,
      changeFailureRate: deployments ? failed / deployments : null,
      timeToRestoreMedianHours: ttr === null ? null : ttr / 3600,
      reworkRate: deployments ? rework / deployments : null,
      openIncidents: open,
      nps,
    };
  });
}

/** Org-wide NPS per survey. */
export function npsBySurvey(
  events: GeneratedEvents,
): Record<string, { score: number | null; n: number }> {
  const out: Record<string, { score: number | null; n: number }> = {};
  for (const surveyId of events.surveys) {
    const r = computeNps(
      events.surveyResponses
        .filter(x => x.surveyId === surveyId)
        .map(x => x.score),
    );
    out[surveyId] = { score: r.score, n: r.n };
  }
  return out;
}

import { IncidentAttribution } from '../config';
import { DeploymentRow, FirstChangeRow, IncidentRow } from '../database/EventStore';
import { DayFacts, EntityRollup } from '../database/RollupStore';
import { dayStart } from '../lib/time';

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
  settings: { incidentAttribution: IncidentAttribution },
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
  // when each failed deployment recovered (§4b): the earliest resolution of an
  // incident attributed to it or finish of a deployment that remediates it
  const recoveredAt = new Map<string, number>();
  const recovers = (id: string, at: number | null) => {
    if (at === null) return;
    const known = recoveredAt.get(id);
    if (known === undefined || at < known) recoveredAt.set(id, at);
  };
  for (const d of succeeded) {
    if (d.remediates && d.remediates !== d.id && ids.has(d.remediates)) recovers(d.remediates, d.finishedAt);
  }
  for (const incident of input.incidents) {
    if (incident.causedBy) {
      // (a) an incident names it
      if (ids.has(incident.causedBy)) {
        failed.add(incident.causedBy);
        recovers(incident.causedBy, incident.resolvedAt);
      }
    } else if (settings.incidentAttribution === 'nearest-deployment') {
      // (c) the last deployment that finished strictly before the incident opened
      const d = lastBefore(succeeded, incident.openedAt);
      if (d) {
        failed.add(d.id);
        recovers(d.id, incident.resolvedAt);
      }
    }
  }

  const days = new Map<number, DayFacts>();
  const dayOf = (t: number) => {
    const key = dayStart(t);
    let f = days.get(key);
    if (!f) {
      f = { day: key, deployments: 0, failed: 0, rework: 0, leadTimes: [], restores: [], recoveries: [], unrecovered: 0 };
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
      const at = recoveredAt.get(d.id);
      // a resolution before the deployment finished is contradictory data: counted as 0
      if (at === undefined) f.unrecovered++;
      else f.recoveries.push(Math.max(0, (at - d.finishedAt) / 1000));
    }
    if (d.type !== 'standard' || d.remediates !== null) f.rework++;
  }
  for (const c of input.firstChanges) {
    const seconds = (c.deployedAt - c.committedAt) / 1000;
    // a commit after its deployment is clock skew: skipped
    if (seconds > 0) dayOf(c.deployedAt).leadTimes.push(seconds);
  }
  for (const i of input.incidents) {
    if (i.resolvedAt !== null) {
      dayOf(i.resolvedAt).restores.push((i.resolvedAt - i.openedAt) / 1000);
    }
  }
  const ascending = (a: number, b: number) => a - b;
  for (const f of days.values()) {
    f.leadTimes.sort(ascending);
    f.restores.sort(ascending);
    f.recoveries.sort(ascending);
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

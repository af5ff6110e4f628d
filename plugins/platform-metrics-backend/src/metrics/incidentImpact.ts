import type {
  PlatformIncident,
  PlatformIncidentImpact,
  PlatformIncidentQuarter,
  PlatformIncidentWeek,
} from '@platform-metrics/plugin-platform-metrics-common';
import { DateTime } from 'luxon';
import { DependencyEdge } from '../database/DependencyStore';
import { IncidentRow } from '../database/EventStore';
import { groupBy } from '../lib/collections';
import { isKind } from '../lib/refs';
import { WEEK, Window, weekStart } from '../lib/time';

/*
 * Platform incident impact (metrics.md §14): what incidents on the platform's
 * own components and resources cost the developers who depend on them, in
 * developer-hours. Pure functions over the incidents and the catalog's
 * dependency graph; the service reads both.
 */

/** How many incidents the report lists as the costliest. */
export const COSTLIEST = 10;

const HOUR_MS = 3_600_000;

/** The figures of the report that do not depend on configuration or the caller. */
export type ImpactFigures = Pick<
  PlatformIncidentImpact,
  'incidents' | 'affectedFromIncident' | 'totalDeveloperHours' | 'open' | 'quarters' | 'trend'
> & {
  /** Every counted incident, costliest first (the route keeps the ten the caller may see). */
  rated: PlatformIncident[];
};

/** For each entity, the entities that depend on it directly (the `dependsOn` edges reversed), sorted. */
export function dependentsIndex(edges: DependencyEdge[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [target, list] of groupBy(edges, e => e.dependsOnRef)) {
    index.set(target, [...new Set(list.map(e => e.entityRef))].sort());
  }
  return index;
}

/**
 * The entities that depend on `entityRef` directly (hop 1) or through a
 * chain of at most `depth` `dependsOn` relations: a breadth-first walk of
 * the reversed edges that visits each entity once, so a cycle ends it and
 * the entity itself is never among them.
 */
export function dependentsWithin(entityRef: string, dependents: Map<string, string[]>, depth: number): Set<string> {
  const seen = new Set<string>([entityRef]);
  const found = new Set<string>();
  let frontier = [entityRef];
  for (let hop = 1; hop <= depth && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const ref of frontier) {
      for (const dependent of dependents.get(ref) ?? []) {
        if (seen.has(dependent)) continue;
        seen.add(dependent);
        found.add(dependent);
        next.push(dependent);
      }
    }
    frontier = next;
  }
  return found;
}

/** What the catalog says about who an incident affects. */
export interface ImpactCatalog {
  /** The reversed `dependsOn` edges ({@link dependentsIndex}). */
  dependents: Map<string, string[]>;
  /** The owner (a group or a user ref) of each component in the catalog. */
  ownerOf: Map<string, string | null>;
  depth: number;
}

/**
 * The owners (groups, or users) of the components that depend on the entity
 * within the catalog's depth. Resources and other kinds on the way pass the
 * dependency on; only components' owners count.
 */
export function affectedOwners(entityRef: string, catalog: ImpactCatalog): Set<string> {
  const owners = new Set<string>();
  for (const ref of dependentsWithin(entityRef, catalog.dependents, catalog.depth)) {
    const owner = isKind(ref, 'component') ? catalog.ownerOf.get(ref) : undefined;
    if (owner) owners.add(owner);
  }
  return owners;
}

/**
 * The distinct developers of the owners: the members of each owning group
 * (a user in two of them counts once) and each owning user, less the
 * `excluded` users (the platform owners' members).
 */
export function affectedUsers(
  owners: Iterable<string>,
  membersOf: Map<string, string[]>,
  excluded: Set<string>,
): Set<string> {
  const users = new Set<string>();
  for (const owner of owners) {
    const people = isKind(owner, 'user') ? [owner] : membersOf.get(owner) ?? [];
    for (const user of people) if (!excluded.has(user)) users.add(user);
  }
  return users;
}

/** An incident resolved in `[from, to)`: one resolved exactly at `to` belongs to the next window. */
export const resolvedIn = (i: IncidentRow, window: Pick<Window, 'from' | 'to'>) =>
  i.resolvedAt !== null && i.resolvedAt >= window.from && i.resolvedAt < window.to;

/** An incident open at `at`: opened before it and not resolved before it. */
export const openAt = (i: IncidentRow, at: number) => i.openedAt < at && (i.resolvedAt === null || i.resolvedAt >= at);

/**
 * One resolved incident with its cost: the developers it names, else the
 * catalog's count for its entity, times its duration in hours.
 */
export function rateIncident(i: IncidentRow, catalogCount: (entityRef: string) => number): PlatformIncident {
  const resolvedAt = i.resolvedAt as number;
  const named = i.affectedDevelopers ?? null;
  const affectedDevelopers = named ?? catalogCount(i.entityRef);
  const durationMs = resolvedAt - i.openedAt;
  return {
    id: i.id,
    source: i.source,
    entityRef: i.entityRef,
    severity: i.severity,
    openedAt: new Date(i.openedAt).toISOString(),
    resolvedAt: new Date(resolvedAt).toISOString(),
    durationSeconds: durationMs / 1000,
    affectedDevelopers,
    affectedFrom: named === null ? 'catalog' : 'incident',
    developerHours: (durationMs / HOUR_MS) * affectedDevelopers,
  };
}

const sum = (rated: PlatformIncident[]) => rated.reduce((total, r) => total + r.developerHours, 0);

/** Costliest first; equal costs by the latest resolved, then by source and id (a stable order). */
function byCost(a: PlatformIncident, b: PlatformIncident): number {
  if (a.developerHours !== b.developerHours) return b.developerHours - a.developerHours;
  if (a.resolvedAt !== b.resolvedAt) return a.resolvedAt < b.resolvedAt ? 1 : -1;
  return `${a.source}\u0000${a.id}` < `${b.source}\u0000${b.id}` ? -1 : 1;
}

/** Every calendar quarter (UTC) overlapping the window, clipped to it, with the incidents resolved in it. */
function quartersOf(rated: PlatformIncident[], window: Window): PlatformIncidentQuarter[] {
  const out: PlatformIncidentQuarter[] = [];
  let start = DateTime.fromMillis(window.from, { zone: 'utc' }).startOf('quarter');
  while (start.toMillis() < window.to) {
    const end = start.plus({ quarters: 1 });
    const from = Math.max(start.toMillis(), window.from);
    const to = Math.min(end.toMillis(), window.to);
    const inQuarter = rated.filter(r => Date.parse(r.resolvedAt) >= from && Date.parse(r.resolvedAt) < to);
    out.push({
      quarter: `${start.year}-Q${start.quarter}`,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      incidents: inQuarter.length,
      developerHours: sum(inQuarter),
    });
    start = end;
  }
  return out;
}

/** Every ISO week of the window, empty ones too, by `resolvedAt`. */
function weeksOf(rated: PlatformIncident[], window: Window): PlatformIncidentWeek[] {
  const byWeek = groupBy(rated, r => weekStart(Date.parse(r.resolvedAt)));
  const out: PlatformIncidentWeek[] = [];
  for (let w = weekStart(window.from); w <= weekStart(window.to - 1); w += WEEK) {
    const week = byWeek.get(w) ?? [];
    out.push({ weekStart: new Date(w).toISOString(), incidents: week.length, developerHours: sum(week) });
  }
  return out;
}

/**
 * The impact of the platform's incidents in a window. `incidents` are the
 * incidents of platform-owned entities (any others are the caller's to
 * leave out); those resolved in the window count, those open at its end
 * are counted apart. `catalogCount` gives the catalog's affected
 * developers of an entity, for incidents that name none.
 */
export function platformIncidentImpact(
  incidents: IncidentRow[],
  window: Window,
  catalogCount: (entityRef: string) => number,
): ImpactFigures {
  const rated = incidents
    .filter(i => resolvedIn(i, window))
    .map(i => rateIncident(i, catalogCount))
    .sort(byCost);
  return {
    incidents: rated.length,
    affectedFromIncident: rated.filter(r => r.affectedFrom === 'incident').length,
    totalDeveloperHours: sum(rated),
    open: incidents.filter(i => openAt(i, window.to)).length,
    quarters: quartersOf(rated, window),
    trend: weeksOf(rated, window),
    rated,
  };
}

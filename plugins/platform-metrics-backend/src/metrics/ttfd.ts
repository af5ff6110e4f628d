import { STALLED_AFTER_DAYS, TemplateTimeToFirstDeploy } from '@platform-metrics/plugin-platform-metrics-common';
import { EntityRow } from '../database/CatalogStore';
import { groupBy } from '../lib/collections';
import { DAY, Window } from '../lib/time';
import { median } from './stats';

/** After this long without a production deployment, a new entity has stalled (metrics.md §7). */
const STALLED_AFTER = STALLED_AFTER_DAYS * DAY;

/**
 * createdAt of metrics.md §7: the annotation, else the first sighting when it
 * came after the suite was installed; otherwise unknown. A first sighting is
 * not taken when a production deployment predates it: the entity existed
 * before the suite saw it, so its creation time is unknown, never a guess.
 */
export function createdAtOf(
  entity: EntityRow,
  installedAt: number | undefined,
  firstDeployAt: number | undefined,
): number | null {
  if (entity.annotatedCreatedAt !== null && Number.isFinite(entity.annotatedCreatedAt)) {
    return entity.annotatedCreatedAt;
  }
  if (
    installedAt !== undefined &&
    entity.firstSeenAt > installedAt &&
    (firstDeployAt === undefined || firstDeployAt >= entity.firstSeenAt)
  ) {
    return entity.firstSeenAt;
  }
  return null;
}

/** Seconds from creation to first deploy, or null when either is unknown. */
export function ttfdSeconds(createdAt: number | null, firstDeployAt: number | null): number | null {
  return createdAt !== null && firstDeployAt !== null ? Math.max(0, (firstDeployAt - createdAt) / 1000) : null;
}

/** The TTFD of a cohort (metrics.md §7), with how many entities it has. */
interface Cohort {
  median: number | null;
  n: number;
  stalled: number;
  /** Entities created in the window. */
  created: number;
}

function cohortOf(
  entities: EntityRow[],
  firsts: Map<string, number>,
  installedAt: number | undefined,
  window: Window,
): Cohort {
  const ttfd: number[] = [];
  let stalled = 0;
  let created = 0;
  for (const e of entities) {
    const first = firsts.get(e.entityRef);
    const createdAt = createdAtOf(e, installedAt, first);
    if (createdAt === null || createdAt < window.from || createdAt >= window.to) continue;
    created++;
    const seconds = ttfdSeconds(createdAt, first ?? null);
    if (seconds !== null) ttfd.push(seconds);
    if (createdAt <= window.to - STALLED_AFTER && (first === undefined || first > createdAt + STALLED_AFTER)) {
      stalled++;
    }
  }
  return { median: median(ttfd), n: ttfd.length, stalled, created };
}

/**
 * Time to first deploy of the cohort created in the window: its median, how
 * many of it deployed, and how many stalled (metrics.md §7).
 */
export function ttfdCohort(
  entities: EntityRow[],
  firsts: Map<string, number>,
  installedAt: number | undefined,
  window: Window,
): { median: number | null; n: number; stalled: number } {
  const { median: m, n, stalled } = cohortOf(entities, firsts, installedAt, window);
  return { median: m, n, stalled };
}

/**
 * The TTFD cohort of each software template (metrics.md, "TTFD per software
 * template (§3)"): the entities made from it, computed as {@link ttfdCohort};
 * one row per template with at least one entity created in the window, by
 * median ascending (templates without a median last), then by template ref.
 * Entities made from no template are in no row.
 */
export function ttfdByTemplate(
  entities: EntityRow[],
  firsts: Map<string, number>,
  installedAt: number | undefined,
  window: Window,
): TemplateTimeToFirstDeploy[] {
  const rows: TemplateTimeToFirstDeploy[] = [];
  for (const [template, made] of groupBy(entities, e => e.sourceTemplate)) {
    const { created, ...timeToFirstDeploy } = cohortOf(made, firsts, installedAt, window);
    if (created > 0) rows.push({ template, created, timeToFirstDeploy });
  }
  return rows.sort((a, b) => {
    const [x, y] = [a.timeToFirstDeploy.median, b.timeToFirstDeploy.median];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return x - y;
    }
    return a.template < b.template ? -1 : 1;
  });
}

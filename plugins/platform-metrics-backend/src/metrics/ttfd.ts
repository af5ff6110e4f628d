import { STALLED_AFTER_DAYS } from '@platform-metrics/plugin-platform-metrics-common';
import { EntityRow } from '../database/CatalogStore';
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
  const ttfd: number[] = [];
  let stalled = 0;
  for (const e of entities) {
    const first = firsts.get(e.entityRef);
    const createdAt = createdAtOf(e, installedAt, first);
    if (createdAt === null || createdAt < window.from || createdAt >= window.to) continue;
    const seconds = ttfdSeconds(createdAt, first ?? null);
    if (seconds !== null) ttfd.push(seconds);
    if (createdAt <= window.to - STALLED_AFTER && (first === undefined || first > createdAt + STALLED_AFTER)) {
      stalled++;
    }
  }
  return { median: median(ttfd), n: ttfd.length, stalled };
}

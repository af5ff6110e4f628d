import { STALLED_AFTER_DAYS } from '@platform-metrics/plugin-platform-metrics-common';
import { UserRow } from '../database/PeopleStore';
import { DAY, Window } from '../lib/time';
import { median } from './stats';

/**
 * Time to onboard a new engineer (metrics.md §6d): from a User's start to
 * the first successful production deployment that shipped a change they
 * authored. Pure: the service reads the Users and the deployments of their
 * changes, this module decides who is in a cohort and what it shows.
 */

/** After this long without such a deployment, a new engineer has stalled (as a new entity has, §7). */
const STALLED_AFTER = STALLED_AFTER_DAYS * DAY;

/** The background articles' target: a new engineer ships to production on their first day. */
export const ONBOARDING_TARGET_SECONDS = DAY / 1000;

/** The figures of one cohort, before the anonymity rules. */
export interface OnboardingFigures {
  /** Median seconds from start to first deployment of those with one; null without any. */
  median: number | null;
  /** Cohort members with a first deployment before the window's end. */
  n: number;
  /** Users whose start is in the window. */
  cohort: number;
  /** Started at least 30 days before the window's end, with no first deployment within 30 days of the start. */
  stalled: number;
  /** Started less than 30 days before the window's end, with no first deployment yet. */
  pending: number;
}

/** The figures as the API shows them: all null when withheld (and why), the median also alone. */
export interface ShownOnboarding {
  median: number | null;
  n: number | null;
  cohort: number | null;
  stalled: number | null;
  pending: number | null;
  withheld: string | null;
  medianWithheld: string | null;
}

/** One User of a cohort: when they started and when their first change reached production (epoch ms). */
export interface Onboarded {
  userRef: string;
  start: number;
  end: number | null;
}

/**
 * The keys a User's changes are stored under: the user ref, and the email
 * address of their `spec.profile.email` when no other User in the catalog
 * has the same one (an address two Users share names neither).
 */
export function authorKeys(users: UserRow[]): Map<string, string[]> {
  const holders = new Map<string, number>();
  for (const u of users) if (u.email) holders.set(u.email, (holders.get(u.email) ?? 0) + 1);
  return new Map(
    users.map(u => [u.userRef, u.email && holders.get(u.email) === 1 ? [u.userRef, u.email] : [u.userRef]]),
  );
}

/**
 * A User's start: the `platform-metrics.io/start-date` annotation, else
 * the first catalog sync that saw them when it came after `since` (the
 * later of the suite's installation and its first sync of Users: those
 * seen then were there before). A first sighting is not taken when a
 * change of theirs reached production before it: they were there before
 * the suite saw them, so their start is unknown, never a guess (as §7).
 */
export function startOf(user: UserRow, since: number | undefined, firstAuthoredAt: number | undefined): number | null {
  if (user.annotatedStartAt !== null && Number.isFinite(user.annotatedStartAt)) return user.annotatedStartAt;
  if (
    since !== undefined &&
    user.firstSeenAt > since &&
    (firstAuthoredAt === undefined || firstAuthoredAt >= user.firstSeenAt)
  ) {
    return user.firstSeenAt;
  }
  return null;
}

/**
 * The cohort of the window: each User whose start is in `[from, to)` with
 * the first deployment (at or after the start, before `to`) that shipped a
 * change under one of their keys. `authored` maps an author (ref or email)
 * to the finish times of those deployments, ascending.
 */
export function onboardingCohort(
  users: UserRow[],
  authored: Map<string, number[]>,
  since: number | undefined,
  window: Window,
): Onboarded[] {
  const keys = authorKeys(users);
  const cohort: Onboarded[] = [];
  for (const user of users) {
    const times = keys.get(user.userRef)!.flatMap(k => authored.get(k) ?? []).filter(t => t < window.to);
    const first = times.length ? Math.min(...times) : undefined;
    const start = startOf(user, since, first);
    if (start === null || start < window.from || start >= window.to) continue;
    const after = times.filter(t => t >= start);
    cohort.push({ userRef: user.userRef, start, end: after.length ? Math.min(...after) : null });
  }
  return cohort;
}

/** The figures of (part of) a cohort as of the window's end. */
export function onboardingFigures(cohort: Onboarded[], window: Window): OnboardingFigures {
  const durations: number[] = [];
  let stalled = 0;
  let pending = 0;
  for (const { start, end } of cohort) {
    if (end !== null) durations.push((end - start) / 1000);
    if (start <= window.to - STALLED_AFTER) {
      if (end === null || end > start + STALLED_AFTER) stalled++;
    } else if (end === null) {
      pending++;
    }
  }
  return { median: median(durations), n: durations.length, cohort: cohort.length, stalled, pending };
}

/**
 * The anonymity rules (metrics.md §6d), with k = `survey.minGroupSize`: a
 * scope's figures show only when its cohort has at least k people; a
 * team's also only when the rest of the org's cohort (org minus team) is
 * none or at least k, so that no subtraction of the two reveals fewer than
 * k people. The median shows only when at least k of them have deployed:
 * a median of fewer is close to one person's time.
 */
export function showOnboarding(figures: OnboardingFigures, k: number, orgCohort?: number): ShownOnboarding {
  const hidden = (withheld: string): ShownOnboarding => ({
    median: null,
    n: null,
    cohort: null,
    stalled: null,
    pending: null,
    withheld,
    medianWithheld: null,
  });
  if (figures.cohort < k) return hidden(`fewer than ${k} people`);
  if (orgCohort !== undefined) {
    const rest = orgCohort - figures.cohort;
    if (rest > 0 && rest < k) return hidden(`withheld so that no subtraction reveals fewer than ${k} people`);
  }
  const shown = figures.n >= k;
  return {
    ...figures,
    median: shown ? figures.median : null,
    withheld: null,
    medianWithheld: shown ? null : `fewer than ${k} people with a first deployment`,
  };
}

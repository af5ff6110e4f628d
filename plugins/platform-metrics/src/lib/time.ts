/**
 * The frontend's calendar and clock arithmetic, all of it through luxon:
 * unit lengths, UTC days, windows, instants and the durations between them.
 * The rest of the frontend takes unit lengths from here and never writes
 * them out.
 */
import { DateTime, Duration } from 'luxon';

/** Seconds in a minute. */
export const SECONDS_PER_MINUTE = Duration.fromObject({ minutes: 1 }).as(
  'seconds',
);
/** Seconds in an hour. */
export const SECONDS_PER_HOUR = Duration.fromObject({ hours: 1 }).as('seconds');
/** Seconds in a day. */
export const SECONDS_PER_DAY = Duration.fromObject({ days: 1 }).as('seconds');
/** Days in a week. */
export const DAYS_PER_WEEK = Duration.fromObject({ weeks: 1 }).as('days');
/** Days in a month, as luxon counts a month without a calendar (30). */
export const DAYS_PER_MONTH = Duration.fromObject({ months: 1 }).as('days');

function parseUtc(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
}

/** An instant as a local date, e.g. "Mar 3, 2026"; an unparseable one as given. */
export function formatDate(iso: string): string {
  const dt = parseUtc(iso);
  return dt.isValid ? dt.toLocal().toLocaleString(DateTime.DATE_MED) : iso;
}

/** An instant as a local date and time; an unparseable one as given. */
export function formatDateTime(iso: string): string {
  const dt = parseUtc(iso);
  return dt.isValid ? dt.toLocal().toLocaleString(DateTime.DATETIME_MED) : iso;
}

/** The UTC day of an instant for chart axes, e.g. "Mar 3". */
export function formatShortDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const dt = parseUtc(iso);
  return dt.isValid ? dt.toFormat('LLL d') : iso;
}

/**
 * The first and the last whole UTC day a metric window covers, as dates. Its
 * end is exclusive (the next UTC midnight), so the last day is the one before
 * it. Null when either end does not parse.
 */
export function windowUtcDays(window: {
  from: string;
  to: string;
}): { first: string; last: string } | null {
  const from = parseUtc(window.from);
  const to = parseUtc(window.to).minus({ milliseconds: 1 });
  if (!from.isValid || !to.isValid) return null;
  return {
    first: from.toLocaleString(DateTime.DATE_MED),
    last: to.toLocaleString(DateTime.DATE_MED),
  };
}

/** Seconds from one instant to a later one; null when either does not parse. */
export function secondsBetween(fromIso: string, toIso: string): number | null {
  const from = DateTime.fromISO(fromIso);
  const to = DateTime.fromISO(toIso);
  return from.isValid && to.isValid ? to.diff(from).as('seconds') : null;
}

/** True when the instant parses and is later than `now`. */
export function isLaterThan(iso: string, now: DateTime = DateTime.now()) {
  const dt = DateTime.fromISO(iso);
  return dt.isValid && dt > now;
}

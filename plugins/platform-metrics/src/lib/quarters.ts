/**
 * Calendar quarters in UTC, the periods of the Quarter in review: a quarter
 * `YYYY-Qn` runs from its first day 00:00 UTC to the next quarter's first
 * day (exclusive), the same ids as the quarterly developer surveys.
 */
import { DateTime } from 'luxon';

/** A calendar quarter: its id (`2026-Q3`) and its `[start, end)` in UTC. */
export interface Quarter {
  id: string;
  year: number;
  quarter: number;
  start: DateTime;
  end: DateTime;
}

/** The window a summary read covers for a quarter. */
export interface QuarterWindow {
  /** Whole UTC days from the quarter's start to `to`. */
  windowDays: number;
  /** The quarter's start, ISO-8601. */
  from: string;
  /** The quarter's end, or the next UTC midnight while it runs, ISO-8601. */
  to: string;
  /** True while the quarter runs: `to` is the end of today, not of the quarter. */
  inProgress: boolean;
}

/** How many quarters the review offers: the running one and the seven before it. */
export const QUARTERS_OFFERED = 8;

const QUARTER_ID = /^(\d{4})-Q([1-4])$/;

function quarterOf(year: number, quarter: number): Quarter {
  const start = DateTime.utc(year, (quarter - 1) * 3 + 1, 1);
  return {
    id: `${year}-Q${quarter}`,
    year,
    quarter,
    start,
    end: start.plus({ months: 3 }),
  };
}

/** The quarter an instant falls in (in UTC). */
export function quarterAt(instant: DateTime): Quarter {
  const utc = instant.toUTC();
  return quarterOf(utc.year, Math.ceil(utc.month / 3));
}

/** A quarter from its id (`2026-Q3`); null for anything else. */
export function parseQuarter(id: string | null | undefined): Quarter | null {
  const m = QUARTER_ID.exec(id ?? '');
  return m ? quarterOf(Number(m[1]), Number(m[2])) : null;
}

/** The quarter before. */
export function previousQuarter(q: Quarter): Quarter {
  return quarterAt(q.start.minus({ days: 1 }));
}

/** The latest quarter that has ended by `now`. */
export function lastCompleteQuarter(now: DateTime = DateTime.now()): Quarter {
  return previousQuarter(quarterAt(now));
}

/** The running quarter and the ones before it, newest first. */
export function recentQuarters(
  now: DateTime = DateTime.now(),
  count: number = QUARTERS_OFFERED,
): Quarter[] {
  const quarters = [quarterAt(now)];
  while (quarters.length < count) {
    quarters.push(previousQuarter(quarters[quarters.length - 1]));
  }
  return quarters;
}

/**
 * The summary window of a quarter: all of it once it has ended; while it
 * runs, from its start to the next UTC midnight (the backend rounds a
 * window's end up to a UTC midnight anyway).
 */
export function quarterWindow(
  q: Quarter,
  now: DateTime = DateTime.now(),
): QuarterWindow {
  const utcNow = now.toUTC();
  const inProgress = utcNow < q.end;
  const today = utcNow.startOf('day');
  let end = q.end;
  if (inProgress) end = today.equals(utcNow) ? utcNow : today.plus({ days: 1 });
  return {
    windowDays: Math.max(1, Math.round(end.diff(q.start, 'days').days)),
    from: q.start.toISO()!,
    to: end.toISO()!,
    inProgress,
  };
}

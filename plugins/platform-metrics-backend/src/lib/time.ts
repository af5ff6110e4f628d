import { DateTime, Duration } from 'luxon';

/**
 * Time on the backend: epoch milliseconds in UTC throughout. Calendar
 * arithmetic (ISO weeks, quarters, months, ISO dates) goes through luxon;
 * the hot paths that only floor a timestamp to its UTC day use the fixed
 * length of a UTC day (UTC has no daylight-saving shifts).
 */

/** One UTC day in milliseconds. */
export const DAY = Duration.fromObject({ days: 1 }).as('milliseconds');

/** One week in milliseconds. */
export const WEEK = 7 * DAY;

/** Seconds in a duration given in luxon's units, for the metric bounds. */
export const seconds = (duration: { hours?: number; days?: number }) =>
  Duration.fromObject(duration).as('seconds');

/** A window `[from, to)` in epoch ms of `days` whole UTC days. */
export interface Window {
  from: number;
  to: number;
  days: number;
}

/** A clock: epoch ms now. Every service and store takes one. */
export type Clock = () => number;

const utc = (t: number) => DateTime.fromMillis(t, { zone: 'utc' });

/** 00:00 UTC of the day holding `t`. */
export const dayStart = (t: number) => Math.floor(t / DAY) * DAY;

/** Days since 1970-01-01 of the UTC day holding `t`. */
export const dayNumber = (t: number) => Math.floor(t / DAY);

/** The ISO date (`2026-03-02`) of the UTC day holding `t`. */
export const isoDay = (t: number) => utc(t).toISODate()!;

/** An ISO-8601 UTC timestamp, or null. */
export const isoOrNull = (t: number | null | undefined) =>
  t === null || t === undefined ? null : new Date(t).toISOString();

/** Monday 00:00 UTC of the ISO week holding `t`. */
export const weekStart = (t: number) => utc(t).startOf('week').toMillis();

/** The calendar quarter (1-4) and month (1-12) of `t`, in UTC. */
export function calendarOf(t: number): { year: number; quarter: number; month: number } {
  const d = utc(t);
  return { year: d.year, quarter: d.quarter, month: d.month };
}

/**
 * The window of `windowDays` whole UTC days ending at `to` (or now), rounded
 * up to the next UTC midnight: every replica and every precomputed summary
 * agree on it, and the day rollups answer it exactly. A `to` that is already
 * a midnight is kept.
 */
export function makeWindow(windowDays: number, to?: string, now = Date.now()): Window {
  const end = Math.ceil((to ? Date.parse(to) : now) / DAY) * DAY;
  return { from: end - windowDays * DAY, to: end, days: windowDays };
}

/** A window as the API returns it. */
export function windowJson(w: Window): { from: string; to: string; days: number } {
  return { from: new Date(w.from).toISOString(), to: new Date(w.to).toISOString(), days: w.days };
}

/** The `count` calendar months (`YYYY-MM`, UTC) ending with the month of `t`, oldest first. */
export function monthsEndingAt(t: number, count: number): string[] {
  const last = utc(t).startOf('month');
  return Array.from({ length: count }, (_, i) => last.minus({ months: count - 1 - i }).toFormat('yyyy-MM'));
}

/** `[from, to)` in epoch ms of the calendar months `first..last` (`YYYY-MM`, UTC). */
export function monthsWindow(first: string, last: string): { from: number; to: number } {
  const from = DateTime.fromFormat(first, 'yyyy-MM', { zone: 'utc' });
  const to = DateTime.fromFormat(last, 'yyyy-MM', { zone: 'utc' }).plus({ months: 1 });
  return { from: from.toMillis(), to: to.toMillis() };
}

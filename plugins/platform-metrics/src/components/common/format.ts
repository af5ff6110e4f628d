import { DateTime } from 'luxon';
import type {
  Tier,
  WeeklyTrendPoint,
} from '@platform-metrics/plugin-platform-metrics-common';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Allowed window lengths of the window selectors, in days. */
export const WINDOW_OPTIONS = [30, 90, 180, 365] as const;
export const DEFAULT_WINDOW_DAYS = 90;

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function trim(n: number, digits: number): string {
  return Number(n.toFixed(digits)).toString();
}

/** A duration in seconds in human units: "45 min", "3.5 hours", "12 days". */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isNum(seconds)) return '—';
  if (seconds < MINUTE) return `${Math.round(seconds)} s`;
  if (seconds < HOUR) return `${Math.round(seconds / MINUTE)} min`;
  if (seconds < DAY) {
    const h = seconds / HOUR;
    return `${trim(h, 1)} ${h === 1 ? 'hour' : 'hours'}`;
  }
  const d = seconds / DAY;
  return `${trim(d, 1)} ${d === 1 ? 'day' : 'days'}`;
}

/** A fraction as a percentage: 0.125 -> "12.5%". */
export function formatPercent(
  fraction: number | null | undefined,
  digits = 1,
): string {
  if (!isNum(fraction)) return '—';
  return `${trim(fraction * 100, digits)}%`;
}

/**
 * Deployment frequency in the unit that reads best: per day when at least
 * one a day, else per week (and per month when below one a week).
 */
export function formatFrequency(perDay: number | null | undefined): string {
  if (!isNum(perDay)) return '—';
  if (perDay >= 1) return `${trim(perDay, 1)} per day`;
  const perWeek = perDay * 7;
  if (perWeek >= 1) return `${trim(perWeek, 1)} per week`;
  return `${trim(perDay * 30, 1)} per month`;
}

/** "3 deployments", "1 change". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const dt = DateTime.fromISO(iso, { zone: 'utc' });
  if (!dt.isValid) return iso;
  return dt.toLocal().toLocaleString(DateTime.DATE_MED);
}

/**
 * A metric window as the whole UTC days it covers: the end is exclusive (the
 * next UTC midnight), so the last day shown is the day before it.
 */
export function formatWindow(window: { from: string; to: string } | null | undefined): string {
  if (!window) return '—';
  const from = DateTime.fromISO(window.from, { zone: 'utc' });
  const to = DateTime.fromISO(window.to, { zone: 'utc' }).minus({ milliseconds: 1 });
  if (!from.isValid || !to.isValid) return `${window.from} – ${window.to}`;
  return `${from.toLocaleString(DateTime.DATE_MED)} – ${to.toLocaleString(DateTime.DATE_MED)} (UTC)`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const dt = DateTime.fromISO(iso, { zone: 'utc' });
  if (!dt.isValid) return iso;
  return dt.toLocal().toLocaleString(DateTime.DATETIME_MED);
}

/** Short date for chart axes, e.g. "Mar 3". */
export function formatShortDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const dt = DateTime.fromISO(iso, { zone: 'utc' });
  if (!dt.isValid) return iso;
  return dt.toFormat('LLL d');
}

export const TIER_LABELS: Record<Tier, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  'insufficient-data': 'Insufficient data',
};

export const TIER_COLORS: Record<Tier, string> = {
  elite: '#1b7f3b',
  high: '#2e7d9a',
  medium: '#b26a00',
  low: '#c62828',
  'insufficient-data': '#616161',
};

export function tierLabel(tier: Tier | null | undefined): string {
  return (tier && TIER_LABELS[tier]) || TIER_LABELS['insufficient-data'];
}

/** "dora-2021" -> "DORA 2021". Unknown profiles are shown as configured. */
export function benchmarkLabel(benchmark: string | null | undefined): string {
  if (!benchmark) return 'unknown benchmark';
  const m = /^dora-(\d{4})$/i.exec(benchmark);
  return m ? `DORA ${m[1]}` : benchmark;
}

/** The message to show for a failed request: the backend's own message when present. */
export function errorMessage(error: unknown): string {
  if (!error) return 'Unknown error';
  const e = error as {
    name?: string;
    message?: string;
    cause?: { message?: string };
    body?: { error?: { message?: string } };
    statusCode?: number;
    statusText?: string;
  };
  const backendMessage = e.body?.error?.message ?? e.cause?.message;
  if (backendMessage) {
    const status = e.statusCode
      ? ` (${e.statusCode}${e.statusText ? ` ${e.statusText}` : ''})`
      : '';
    return `${backendMessage}${status}`;
  }
  return e.message || String(error);
}

export function parseWindowDays(value: string | null): number {
  const n = Number(value);
  return (WINDOW_OPTIONS as readonly number[]).includes(n)
    ? n
    : DEFAULT_WINDOW_DAYS;
}

/** Chart axis tick for a duration in seconds, in hours: 5400 -> "1.5 h". */
export function axisHours(seconds: number): string {
  return `${Number((seconds / HOUR).toFixed(1))} h`;
}

/** Chart axis tick for a fraction: 0.25 -> "25%". */
export function axisPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** Weekly trend points with every missing value as `null`, ready for a chart. */
export function weeklySeries(
  trend: ReadonlyArray<Partial<WeeklyTrendPoint>> | null | undefined,
) {
  return (trend ?? []).map(p => ({
    weekStart: p.weekStart ?? '',
    deployments: p.deployments ?? null,
    leadTimeMedian: p.leadTimeMedian ?? null,
    changeFailureRate: p.changeFailureRate ?? null,
    timeToRestoreMedian: p.timeToRestoreMedian ?? null,
  }));
}

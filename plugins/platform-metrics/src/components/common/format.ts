import type {
  NpsBand,
  Tier,
  WeeklyTrendPoint,
} from '@platform-metrics/plugin-platform-metrics-common';
import type { PlatformMetricsT } from '../../translation';
import {
  DAYS_PER_MONTH,
  DAYS_PER_WEEK,
  SECONDS_PER_DAY,
  SECONDS_PER_HOUR,
  SECONDS_PER_MINUTE,
  windowUtcDays,
} from '../../lib/time';

export { formatDate, formatDateTime, formatShortDate } from '../../lib/time';

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function trim(n: number, digits: number): string {
  return Number(n.toFixed(digits)).toString();
}

/**
 * A duration in seconds in human units: "45 min", "1 hour", "3.5 hours",
 * "12 days". The unit is chosen after rounding (3599 s is "1 hour", not
 * "60 min"), and the plural follows the number shown ("1 hour", not "1 hours").
 */
export function formatDuration(
  t: PlatformMetricsT,
  seconds: number | null | undefined,
): string {
  if (!isNum(seconds)) return t('common.none');
  const s = Math.round(seconds);
  if (s < SECONDS_PER_MINUTE) {
    return t('duration.seconds', { value: String(s) });
  }
  const minutes = Math.round(seconds / SECONDS_PER_MINUTE);
  if (minutes < SECONDS_PER_HOUR / SECONDS_PER_MINUTE) {
    return t('duration.minutes', { value: String(minutes) });
  }
  const hours = Number(trim(seconds / SECONDS_PER_HOUR, 1));
  if (hours < SECONDS_PER_DAY / SECONDS_PER_HOUR) {
    return t('duration.hours', { count: hours, value: String(hours) });
  }
  const days = Number(trim(seconds / SECONDS_PER_DAY, 1));
  return t('duration.days', { count: days, value: String(days) });
}

/** An NPS with its sign: "+32", "-35", "0". */
export function formatNps(score: number): string {
  return score > 0 ? `+${score}` : String(score);
}

/** A fraction as a percentage: 0.125 -> "12.5%". */
export function formatPercent(
  t: PlatformMetricsT,
  fraction: number | null | undefined,
  digits = 1,
): string {
  if (!isNum(fraction)) return t('common.none');
  return t('percent', { value: trim(fraction * 100, digits) });
}

/**
 * Deployment frequency in the unit that reads best: per day when at least
 * one a day, else per week (and per month when below one a week).
 */
export function formatFrequency(
  t: PlatformMetricsT,
  perDay: number | null | undefined,
): string {
  if (!isNum(perDay)) return t('common.none');
  if (perDay >= 1) return t('frequency.perDay', { value: trim(perDay, 1) });
  const perWeek = perDay * DAYS_PER_WEEK;
  if (perWeek >= 1) return t('frequency.perWeek', { value: trim(perWeek, 1) });
  return t('frequency.perMonth', { value: trim(perDay * DAYS_PER_MONTH, 1) });
}

/**
 * A metric window as the whole UTC days it covers: the end is exclusive (the
 * next UTC midnight), so the last day shown is the day before it.
 */
export function formatWindow(
  t: PlatformMetricsT,
  window: { from: string; to: string } | null | undefined,
): string {
  if (!window) return t('common.none');
  const days = windowUtcDays(window);
  return days
    ? t('window.range', days)
    : t('window.unparsedRange', { from: window.from, to: window.to });
}

const TIER_KEYS = {
  elite: 'tier.elite',
  high: 'tier.high',
  medium: 'tier.medium',
  low: 'tier.low',
  'insufficient-data': 'tier.insufficientData',
} as const satisfies Record<Tier, string>;

export const TIER_COLORS: Record<Tier, string> = {
  elite: '#1b7f3b',
  high: '#2e7d9a',
  // dark enough for white text and for text on white (WCAG AA, 4.5:1)
  medium: '#8a5300',
  low: '#c62828',
  'insufficient-data': '#616161',
};

export function tierLabel(
  t: PlatformMetricsT,
  tier: Tier | null | undefined,
): string {
  return t((tier && TIER_KEYS[tier]) || TIER_KEYS['insufficient-data']);
}

const NPS_BAND_KEYS = {
  critical: 'npsBand.critical',
  poor: 'npsBand.poor',
  acceptable: 'npsBand.acceptable',
  good: 'npsBand.good',
  amazing: 'npsBand.amazing',
  'top-percentile': 'npsBand.topPercentile',
} as const satisfies Record<NpsBand, string>;

export function npsBandLabel(t: PlatformMetricsT, band: NpsBand): string {
  return t(NPS_BAND_KEYS[band]);
}

/** "dora-2021" -> "DORA 2021". Unknown profiles are shown as configured. */
export function benchmarkLabel(
  t: PlatformMetricsT,
  benchmark: string | null | undefined,
): string {
  if (!benchmark) return t('benchmark.unknown');
  const m = /^dora-(\d{4})$/i.exec(benchmark);
  return m ? t('benchmark.dora', { year: m[1] }) : benchmark;
}

/**
 * The message to show for a failed request: the backend's own message when
 * present. Undefined when the error says nothing.
 */
export function errorMessage(error: unknown): string | undefined {
  if (!error) return undefined;
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

/** Chart axis tick for a duration in seconds, in hours: 5400 -> "1.5 h". */
export function axisHours(t: PlatformMetricsT, seconds: number): string {
  return t('axis.hours', { value: trim(seconds / SECONDS_PER_HOUR, 1) });
}

/** Chart axis tick for a fraction: 0.25 -> "25%". */
export function axisPercent(t: PlatformMetricsT, fraction: number): string {
  return t('axis.percent', { value: String(Math.round(fraction * 100)) });
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

/** Units of {@link countOf}, each with its own singular and plural text. */
export type CountUnit =
  | 'deployments'
  | 'changes'
  | 'incidents'
  | 'resolvedIncidents'
  | 'responses'
  | 'exceptions'
  | 'entities'
  | 'stalledEntities'
  | 'comments'
  | 'promoters'
  | 'passives'
  | 'detractors';

/** "3 deployments", "1 change". */
export function countOf(t: PlatformMetricsT, unit: CountUnit, n: number) {
  return t(`count.${unit}`, { count: n });
}

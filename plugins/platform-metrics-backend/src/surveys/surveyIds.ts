import { InputError } from '@backstage/errors';
import { DateTime } from 'luxon';
import { SurveyCadence } from '../config';
import { calendarOf } from '../lib/time';

/** The id of the survey running at `t`: `2026-Q4` (quarterly) or `2026-M11` (monthly). */
export function surveyIdAt(t: number, cadence: SurveyCadence): string {
  const { year, quarter, month } = calendarOf(t);
  return cadence === 'quarterly' ? `${year}-Q${quarter}` : `${year}-M${String(month).padStart(2, '0')}`;
}

/**
 * The period `[start, end)` (UTC midnights, epoch ms) of a survey id of
 * either cadence; `end` is the midnight after the survey closed.
 */
export function surveyPeriod(surveyId: string): { start: number; end: number } {
  const m = /^(\d{4})-(?:Q([1-4])|M(\d{2}))$/.exec(surveyId);
  if (!m) throw new InputError(`Not a survey id: ${surveyId}`);
  const year = Number(m[1]);
  const startMonth = m[2] ? (Number(m[2]) - 1) * 3 : Number(m[3]) - 1;
  const months = m[2] ? 3 : 1;
  return { start: Date.UTC(year, startMonth, 1), end: Date.UTC(year, startMonth + months, 1) };
}

/** 00:00 UTC of the first day of the quarter `quarters` quarters before the one holding `t`. */
export function quarterStartBefore(t: number, quarters: number): number {
  return DateTime.fromMillis(t, { zone: 'utc' }).startOf('quarter').minus({ quarters }).toMillis();
}

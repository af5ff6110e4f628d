import { SurveyCadence } from '../config';
import { calendarOf } from '../lib/time';

/** The id of the survey running at `t`: `2026-Q4` (quarterly) or `2026-M11` (monthly). */
export function surveyIdAt(t: number, cadence: SurveyCadence): string {
  const { year, quarter, month } = calendarOf(t);
  return cadence === 'quarterly' ? `${year}-Q${quarter}` : `${year}-M${String(month).padStart(2, '0')}`;
}

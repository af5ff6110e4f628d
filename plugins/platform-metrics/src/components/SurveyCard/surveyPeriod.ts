import { DateTime } from 'luxon';

/**
 * The UTC day the survey after `surveyId` opens, e.g. "Jul 1, 2026" after
 * `2026-Q2` (quarterly) or "Jun 1, 2026" after `2026-M05` (monthly): the
 * midnight its period ends. Null for an id of neither cadence.
 */
export function nextSurveyOpens(surveyId: string): string | null {
  const m = /^(\d{4})-(?:Q([1-4])|M(0[1-9]|1[0-2]))$/.exec(surveyId);
  if (!m) return null;
  const firstMonth = m[2] ? (Number(m[2]) - 1) * 3 + 1 : Number(m[3]);
  return DateTime.utc(Number(m[1]), firstMonth, 1)
    .plus({ months: m[2] ? 3 : 1 })
    .toLocaleString(DateTime.DATE_MED);
}

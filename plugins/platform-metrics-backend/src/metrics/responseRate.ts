import { ResponseRate } from '@platform-metrics/plugin-platform-metrics-common';

/**
 * The developers a survey asks (metrics.md §8b): the
 * distinct catalog Users who are members of a reporting group or of a
 * group in `survey.eligibleGroups`, as the last catalog sync recorded them.
 */
export interface EligibleDevelopers {
  /** Distinct Users over every eligible group: the org's denominator. */
  org: number;
  /** Members of each eligible group: a group's denominator. */
  byGroup: ReadonlyMap<string, number>;
}

/** No one is eligible (before the first sync of Users, or without members). */
export const NO_ELIGIBLE: EligibleDevelopers = { org: 0, byGroup: new Map() };

/** The eligible developers of the org (no `group`) or of one group; 0 for a group that is not eligible. */
export function eligibleOf(eligible: EligibleDevelopers, group?: string): number {
  return group === undefined ? eligible.org : eligible.byGroup.get(group) ?? 0;
}

/**
 * Respondents ÷ eligible developers. `respondents` is a published n that
 * is shown (n >= k, not suppressed); null when the figure is withheld, and
 * then so is the rate. Null too when no one is eligible. The rate is not
 * capped: more respondents than eligible developers (people who answered
 * and have since left the eligible groups) read above 1.
 */
export function responseRateOf(respondents: number | null, eligible: number): ResponseRate | null {
  if (respondents === null || eligible <= 0) return null;
  return { respondents, eligible, rate: respondents / eligible };
}

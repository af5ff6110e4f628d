import type { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../lib/time';
import { makeOrgSummary } from './fixtures';

const HOUR = SECONDS_PER_HOUR;
const DAY = SECONDS_PER_DAY;

/**
 * The summaries the "Against team and org" card compares the default
 * scorecard (2 deploys a day, lead time 3 hours, 25% failed, restore 2 days)
 * with.
 *
 * Team, 6 components: 1 deploy a day per component, lead time 5 hours,
 * 26% failed (within 10%), restore 1 day.
 */
export function makeTeamStandingSummary(): OrgSummary {
  const base = makeOrgSummary();
  return makeOrgSummary({
    scope: { type: 'group', ref: 'group:default/payments-team' },
    group: 'group:default/payments-team',
    dora: {
      ...base.dora,
      deploymentFrequency: {
        perDay: 6,
        perWeek: 42,
        count: 540,
        tier: 'elite',
      },
      leadTime: { median: 5 * HOUR, p90: 3 * DAY, n: 1200, tier: 'high' },
      changeFailureRate: {
        value: 0.26,
        failed: 140,
        total: 540,
        tier: 'medium',
      },
      timeToRestore: {
        median: DAY,
        p90: 4 * DAY,
        n: 30,
        tier: 'medium',
        open: 0,
      },
      tierDistribution: {
        elite: 2,
        high: 2,
        medium: 1,
        low: 1,
        'insufficient-data': 0,
      },
    },
  });
}

/**
 * Organisation, 55 components: 2 deploys a day per component (the same),
 * lead time 2 hours, 10% failed, restore time from only 2 incidents.
 */
export function makeOrgStandingSummary(): OrgSummary {
  const base = makeOrgSummary();
  return makeOrgSummary({
    dora: {
      ...base.dora,
      deploymentFrequency: {
        perDay: 110,
        perWeek: 770,
        count: 9900,
        tier: 'elite',
      },
      leadTime: { median: 2 * HOUR, p90: DAY, n: 20000, tier: 'elite' },
      changeFailureRate: { value: 0.1, failed: 990, total: 9900, tier: 'high' },
      timeToRestore: {
        median: 3 * HOUR,
        p90: 5 * HOUR,
        n: 2,
        tier: 'insufficient-data',
        open: 0,
      },
    },
  });
}

/** getOrgSummary answering the team's summary for `group=` and the org's otherwise. */
export function standingSummaries(
  team: OrgSummary | Error = makeTeamStandingSummary(),
) {
  const org = makeOrgStandingSummary();
  return jest.fn(async (options?: { group?: string }) => {
    if (!options?.group) return org;
    if (team instanceof Error) throw team;
    return team;
  });
}

import type { OrgOnboarding } from '@platform-metrics/plugin-platform-metrics-common';

const DAY = 86_400;

/** An onboarding answer (`GET /org/onboarding`): 12 engineers started, 9 shipped, a median of 2.5 days. */
export function makeOnboarding(overrides: Partial<OrgOnboarding> = {}): OrgOnboarding {
  return {
    window: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', days: 90 },
    group: null,
    minGroupSize: 5,
    target: DAY,
    median: 2.5 * DAY,
    n: 9,
    cohort: 12,
    stalled: 2,
    pending: 1,
    withheld: null,
    medianWithheld: null,
    ...overrides,
  };
}

/** The figures of a group below the minimum group size: every one withheld. */
export function withheldOnboarding(overrides: Partial<OrgOnboarding> = {}): OrgOnboarding {
  return makeOnboarding({
    median: null,
    n: null,
    cohort: null,
    stalled: null,
    pending: null,
    withheld: 'fewer than 5 people',
    ...overrides,
  });
}

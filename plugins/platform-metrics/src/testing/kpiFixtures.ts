import type { OrgCosts, OrgPipelines } from '@platform-metrics/plugin-platform-metrics-common';

const MINUTE = 60;

/** Org-wide CI pipelines (`GET /org/pipelines`): a median of 12 minutes over 400 succeeded runs, falling week by week. */
export function makeOrgPipelines(overrides: Partial<OrgPipelines> = {}): OrgPipelines {
  return {
    window: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', days: 90 },
    group: null,
    duration: { median: 12 * MINUTE, p90: 25 * MINUTE, n: 400 },
    runs: { succeeded: 400, failed: 40, cancelled: 0 },
    failureRate: 40 / 440,
    flaky: { rate: 0.05, flakyCommits: 19, commits: 380 },
    trend: [
      { weekStart: '2026-03-09T00:00:00.000Z', runs: 30, durationMedian: 14 * MINUTE },
      { weekStart: '2026-03-16T00:00:00.000Z', runs: 32, durationMedian: 13 * MINUTE },
      { weekStart: '2026-03-23T00:00:00.000Z', runs: 35, durationMedian: 11 * MINUTE },
    ],
    teams: [],
    ...overrides,
  };
}

/** Org-wide costs (`GET /org/costs`) in EUR: a median of 1,250 a month per service over 40 services. */
export function makeOrgCosts(overrides: Partial<OrgCosts> = {}): OrgCosts {
  return {
    currency: 'EUR',
    group: null,
    fromMonth: '2026-01',
    toMonth: '2026-03',
    total: 180_000,
    perMonth: 60_000,
    deployments: 1200,
    perDeployment: 150,
    perService: { median: 1250, p90: 4000, n: 40 },
    monthly: [
      { month: '2026-01', total: 62_000, services: 40, medianPerService: 1300 },
      { month: '2026-02', total: 60_000, services: 40, medianPerService: 1260 },
      { month: '2026-03', total: 58_000, services: 40, medianPerService: 1200 },
    ],
    costliest: [],
    teams: [],
    ...overrides,
  };
}

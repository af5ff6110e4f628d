import type { Target } from '@platform-metrics/plugin-platform-metrics-common';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../lib/time';
import { mockApi } from './fixtures';
import { makeTarget } from './reviewFixtures';

export const PAYMENTS_TEAM = 'group:default/payments-team';

/**
 * The org's targets (NPS on track, adoption at risk, TTFD met, lead time
 * and deployment frequency off track and without data) and two of the
 * payments team (adoption off track, change failure rate on track).
 */
export function makeScopeTargets(): Target[] {
  return [
    makeTarget({
      metric: 'nps',
      unit: 'points',
      value: 40,
      start: 20,
      current: 32,
      progress: 0.6,
      projected: 41,
      slopePerWeek: 0.5,
      status: 'on-track',
      series: [
        { at: '2026-01-01T00:00:00.000Z', value: 20 },
        { at: '2026-04-01T00:00:00.000Z', value: 28 },
        { at: '2026-07-01T00:00:00.000Z', value: 32 },
      ],
    }),
    makeTarget({
      metric: 'adoption',
      value: 0.5,
      start: 0.2,
      current: 0.35,
      progress: 0.5,
      projected: 0.48,
      status: 'at-risk',
    }),
    makeTarget({
      metric: 'timeToFirstDeploy',
      unit: 'seconds',
      direction: 'lower',
      value: 7 * SECONDS_PER_DAY,
      start: 20 * SECONDS_PER_DAY,
      current: 5 * SECONDS_PER_DAY,
      progress: 15 / 13,
      projected: 4 * SECONDS_PER_DAY,
      status: 'met',
      series: [
        { at: '2026-01-01T00:00:00.000Z', value: 20 * SECONDS_PER_DAY },
        { at: '2026-04-01T00:00:00.000Z', value: 9 * SECONDS_PER_DAY },
        { at: '2026-07-01T00:00:00.000Z', value: 5 * SECONDS_PER_DAY },
      ],
    }),
    makeTarget({
      metric: 'leadTime',
      unit: 'seconds',
      direction: 'lower',
      value: 2 * SECONDS_PER_HOUR,
      start: 10 * SECONDS_PER_HOUR,
      current: 11 * SECONDS_PER_HOUR,
      progress: -0.125,
      projected: 12 * SECONDS_PER_HOUR,
      status: 'off-track',
      series: [
        { at: '2026-01-01T00:00:00.000Z', value: 10 * SECONDS_PER_HOUR },
        { at: '2026-04-01T00:00:00.000Z', value: 10.5 * SECONDS_PER_HOUR },
        { at: '2026-07-01T00:00:00.000Z', value: 11 * SECONDS_PER_HOUR },
      ],
    }),
    makeTarget({
      metric: 'deploymentFrequency',
      unit: 'perWeek',
      value: 14,
      start: null,
      startFrom: null,
      current: null,
      n: undefined,
      progress: null,
      projected: null,
      slopePerWeek: null,
      status: 'insufficient-data',
      series: [],
    }),
    makeTarget({
      metric: 'adoption',
      scope: PAYMENTS_TEAM,
      value: 0.8,
      start: 0.4,
      current: 0.42,
      progress: 0.05,
      projected: 0.5,
      status: 'off-track',
    }),
    makeTarget({
      metric: 'changeFailureRate',
      scope: PAYMENTS_TEAM,
      direction: 'lower',
      value: 0.1,
      start: 0.3,
      current: 0.2,
      progress: 0.5,
      projected: 0.1,
      status: 'on-track',
      series: [
        { at: '2026-01-01T00:00:00.000Z', value: 0.3 },
        { at: '2026-04-01T00:00:00.000Z', value: 0.25 },
        { at: '2026-07-01T00:00:00.000Z', value: 0.2 },
      ],
    }),
  ];
}

/** The fake API with {@link makeScopeTargets} as GET /targets. */
export function targetsApi(targets: Target[] = makeScopeTargets()) {
  return mockApi({ getTargets: jest.fn().mockResolvedValue({ targets }) });
}

import type {
  Comparison,
  ImpactMetric,
  OrgSummary,
  Target,
} from '@platform-metrics/plugin-platform-metrics-common';
import type { SummaryOptions } from '../api';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../lib/time';
import {
  backendError,
  makeAnnotation,
  makeComparison,
  makeOrgSummary,
  mockApi,
} from './fixtures';

const HOUR = SECONDS_PER_HOUR;
const DAY = SECONDS_PER_DAY;

const tested = (over: Partial<ImpactMetric>): ImpactMetric => ({
  before: { value: 2 * HOUR, n: 150 },
  after: { value: 4 * HOUR, n: 200 },
  absoluteChange: 2 * HOUR,
  relativeChange: 1,
  direction: 'worse',
  test: 'mann-whitney-u',
  pValue: 0.02,
  significant: true,
  inconclusive: false,
  insufficientData: false,
  ...over,
});

/**
 * 2026-Q2 against the 91 days before it: deployments up, lead time and
 * restore time worse (restore time not significant), failure rate better,
 * TTFD down, NPS from +20 to +32.
 */
export function makePreviousComparison(): Comparison {
  const baseline = makeComparison();
  return {
    ...baseline,
    against: 'previous',
    label: 'Previous period',
    reference: {
      from: '2025-12-31T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      days: 91,
    },
    metrics: {
      deploymentFrequency: tested({
        before: { value: 0.8, n: 73 },
        after: { value: 1, n: 91 },
        absoluteChange: 0.2,
        relativeChange: 0.25,
        direction: 'better',
        test: 'poisson-rate',
        pValue: 0.2,
        significant: false,
        inconclusive: true,
      }),
      leadTime: tested({}),
      changeFailureRate: tested({
        before: { value: 0.2, n: 73 },
        after: { value: 0.15, n: 91 },
        absoluteChange: -0.05,
        relativeChange: -0.25,
        direction: 'better',
        test: 'two-proportion-z',
      }),
      timeToRestore: tested({
        before: { value: HOUR, n: 4 },
        after: { value: 2 * HOUR, n: 5 },
        absoluteChange: HOUR,
        pValue: 0.5,
        significant: false,
        inconclusive: true,
      }),
    },
    timeToFirstDeploy: {
      before: { value: 10 * DAY, n: 5 },
      after: { value: 6 * DAY, n: 7 },
      absoluteChange: -4 * DAY,
      relativeChange: -0.4,
      direction: 'better',
      insufficientData: false,
    },
    nps: {
      before: { value: 20, n: 40 },
      after: { value: 32, n: 50 },
      absoluteChange: 12,
      relativeChange: 0.6,
      direction: 'better',
      insufficientData: false,
    },
  };
}

/** The org's summary of 2026-Q2 (survey 2026-Q2), adoption from 30% to 40% over the quarter. */
export function makeQuarterSummary(overrides: Partial<OrgSummary> = {}) {
  const base = makeOrgSummary();
  return makeOrgSummary({
    window: {
      from: '2026-04-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
      days: 91,
    },
    adoption: {
      ...base.adoption,
      rate: 0.45,
      trend: [
        { date: '2026-04-01', rate: 0.3 },
        { date: '2026-05-15', rate: 0.36 },
        { date: '2026-06-30', rate: 0.4 },
      ],
    },
    nps: { ...base.nps, surveyId: '2026-Q2' },
    ...overrides,
  });
}

/** The summary of the quarter before (2026-Q1): adoption ends at 25%. */
export function makePreviousQuarterSummary() {
  const base = makeOrgSummary();
  return makeOrgSummary({
    adoption: {
      ...base.adoption,
      trend: [
        { date: '2026-01-01', rate: 0.2 },
        { date: '2026-03-31', rate: 0.25 },
      ],
    },
  });
}

/** A configured target with its status. */
export function makeTarget(overrides: Partial<Target> = {}): Target {
  return {
    metric: 'adoption',
    scope: 'org',
    value: 0.6,
    by: '2026-12-31',
    direction: 'higher',
    unit: 'rate',
    start: 0.2,
    startFrom: 'baseline',
    current: 0.4,
    n: 40,
    progress: 0.5,
    projected: 0.62,
    slopePerWeek: 0.01,
    status: 'on-track',
    series: [
      { at: '2026-01-01T00:00:00.000Z', value: 0.2 },
      { at: '2026-04-01T00:00:00.000Z', value: 0.3 },
      { at: '2026-07-01T00:00:00.000Z', value: 0.4 },
    ],
    ...overrides,
  };
}

/**
 * A fake API for the review: the summary answers by `compare` (the
 * previous period, the baseline, or none for the quarter before), the
 * baseline a 400 when `baseline: false`.
 */
export function reviewApi(options: { baseline?: boolean } = {}) {
  return mockApi({
    getOrgSummary: jest.fn(async (o?: SummaryOptions) => {
      if (o?.compare === 'previous') {
        return makeQuarterSummary({ comparison: makePreviousComparison() });
      }
      if (o?.compare === 'baseline') {
        if (options.baseline === false) {
          throw backendError(
            'no baseline is configured: set platformMetrics.baseline',
            400,
          );
        }
        return makeQuarterSummary({ comparison: makeComparison() });
      }
      return makePreviousQuarterSummary();
    }),
    listAnnotations: jest.fn().mockResolvedValue([
      makeAnnotation({
        id: 'b',
        at: '2026-05-20T09:00:00.000Z',
        title: 'Self-service databases',
        url: 'https://example.com/db',
      }),
      makeAnnotation({
        id: 'a',
        at: '2026-04-10T09:00:00.000Z',
        title: 'Golden path v2',
        url: null,
      }),
    ]),
    getTargets: jest.fn().mockResolvedValue({
      targets: [
        makeTarget(),
        makeTarget({
          metric: 'leadTime',
          scope: 'group:default/payments-team',
          unit: 'seconds',
          direction: 'lower',
          value: 2 * HOUR,
          start: 10 * HOUR,
          current: 9 * HOUR,
          progress: 0.125,
          projected: 8 * HOUR,
          status: 'off-track',
        }),
      ],
    }),
  });
}

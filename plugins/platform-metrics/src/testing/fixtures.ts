import type {
  Annotation,
  AdoptionCohort,
  AdoptionSplit,
  AnnotationImpact,
  Comparison,
  AdoptionStatus,
  ScopeEntities,
  Tier,
  CurrentSurvey,
  EntityCosts,
  EntityPipelines,
  ImpactMetric,
  EntityScorecard,
  IntegrationsStatus,
  OrgSelfService,
  OrgSummary,
  TeamSummary,
} from '@platform-metrics/plugin-platform-metrics-common';
import type { PlatformMetricsApi } from '../api';
import { makePulses } from './pulseFixtures';
import { QUESTIONS, makeSurveyQuestionResults } from './surveyQuestionFixtures';
import { makePlatformIncidents } from './platformIncidentFixtures';
import { makeOnboarding } from './onboardingFixtures';
import { makeOrgCosts, makeOrgPipelines } from './kpiFixtures';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../lib/time';

const HOUR = SECONDS_PER_HOUR;
const DAY = SECONDS_PER_DAY;

/** The texts the backend gives its default adoption rules. */
export const DEFAULT_ADOPTION_RULE_TEXTS = [
  'annotation backstage.io/source-template is set',
  'annotation platform-metrics.io/golden-path is "true"',
];


export function makeScorecard(
  overrides: Partial<EntityScorecard> = {},
): EntityScorecard {
  return {
    entityRef: 'component:default/payments',
    window: {
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      days: 90,
    },
    benchmark: 'dora-2021',
    minSamples: 3,
    changeDataCoverage: { complete: 171, total: 180, share: 0.95 },
    dora: {
      deploymentFrequency: { perDay: 2, perWeek: 14, count: 180, tier: 'elite' },
      leadTime: { median: 3 * HOUR, p90: 2 * DAY, n: 412, tier: 'high' },
      changeFailureRate: { value: 0.25, failed: 45, total: 180, tier: 'medium' },
      timeToRestore: { median: 2 * DAY, p90: 9 * DAY, n: 12, tier: 'low', open: 1 },
      reworkRate: { value: 0.1, rework: 18, total: 180 },
      overallTier: 'low',
    },
    failedDeploymentRecoveryTime: { median: 4 * HOUR, p90: DAY, n: 40, tier: 'high', open: 2 },
    adoption: {
      status: 'adopted',
      reason: null,
      rule: DEFAULT_ADOPTION_RULE_TEXTS[0],
    },
    timeToFirstDeploy: {
      seconds: 2 * DAY,
      createdAt: '2025-06-01T00:00:00.000Z',
      firstDeployAt: '2025-06-03T00:00:00.000Z',
    },
    trend: [
      {
        weekStart: '2026-03-16T00:00:00.000Z',
        deployments: 14,
        leadTimeMedian: 3 * HOUR,
        changeFailureRate: 0.2,
        timeToRestoreMedian: DAY,
      },
      {
        weekStart: '2026-03-23T00:00:00.000Z',
        deployments: 12,
        leadTimeMedian: null,
        changeFailureRate: null,
        timeToRestoreMedian: null,
      },
    ],
    recentDeployments: [
      {
        id: 'dep-3',
        source: 'github',
        environment: 'production',
        status: 'succeeded',
        type: 'standard',
        version: 'v1.4.2',
        finishedAt: '2026-03-30T10:00:00.000Z',
        changes: 3,
        causedFailure: false,
      },
      {
        id: 'dep-2',
        source: 'github',
        environment: 'production',
        status: 'succeeded',
        type: 'standard',
        version: 'v1.4.1',
        finishedAt: '2026-03-29T10:00:00.000Z',
        changes: 2,
        causedFailure: true,
      },
      {
        id: 'dep-1',
        source: 'github',
        environment: 'production',
        status: 'failed',
        type: 'standard',
        version: 'v1.4.0',
        finishedAt: '2026-03-28T10:00:00.000Z',
        changes: 1,
        causedFailure: false,
      },
    ],
    recentIncidents: [
      {
        id: 'INC-7',
        source: 'pagerduty',
        severity: 'sev2',
        openedAt: '2026-03-29T11:00:00.000Z',
        resolvedAt: '2026-03-29T14:00:00.000Z',
        causedBy: 'dep-2',
      },
      {
        id: 'INC-8',
        source: 'pagerduty',
        severity: null,
        openedAt: '2026-03-31T11:00:00.000Z',
        resolvedAt: null,
        causedBy: null,
      },
    ],
    ...overrides,
  };
}

export function makeTeam(overrides: Partial<TeamSummary> = {}): TeamSummary {
  const base = makeScorecard().dora;
  return {
    groupRef: 'group:default/payments-team',
    entities: 6,
    dora: {
      ...base,
      tierDistribution: {
        elite: 2,
        high: 2,
        medium: 1,
        low: 1,
        'insufficient-data': 0,
      },
    },
    adoption: { rate: 0.5, adopted: 3, eligible: 6 },
    nps: { score: 40, n: 12, reason: null, withheld: null, responseRate: { respondents: 12, eligible: 15, rate: 0.8 } },
    ...overrides,
  };
}

export function makeOrgSummary(overrides: Partial<OrgSummary> = {}): OrgSummary {
  const sc = makeScorecard();
  return {
    window: sc.window,
    computedAt: '2026-04-01T00:00:00.000Z',
    benchmark: 'dora-2021',
    minSamples: 3,
    scope: { type: 'org', ref: 'org' },
    group: null,
    dora: {
      ...sc.dora,
      tierDistribution: {
        elite: 5,
        high: 10,
        medium: 7,
        low: 3,
        'insufficient-data': 30,
      },
    },
    adoption: {
      rate: 0.35,
      adopted: 14,
      eligible: 42,
      exceptions: 2,
      trend: [
        { date: '2026-01-01', rate: 0.2 },
        { date: '2026-02-01', rate: 0.3 },
        { date: '2026-03-01', rate: 0.35 },
      ],
      bySystem: [
        { systemRef: 'system:default/payments', rate: 0.5, adopted: 5, eligible: 10, exceptions: 0 },
      ],
    },
    timeToFirstDeploy: { median: 5 * DAY, n: 8, stalled: 2 },
    templates: [
      { template: 'template:default/node-service', created: 5, timeToFirstDeploy: { median: 2 * DAY, n: 5, stalled: 0 } },
    ],
    nps: {
      surveyId: '2026-Q1',
      score: 32,
      n: 50,
      promoters: 25,
      passives: 16,
      detractors: 9,
      band: 'good',
      withheld: null,
      asOf: '2026-03-31T00:00:00.000Z',
      responseRate: { respondents: 50, eligible: 64, rate: 50 / 64 },
      trend: [
        { surveyId: '2025-Q4', score: 10, n: 40, withheld: null, responseRate: 40 / 64 },
        { surveyId: '2026-Q1', score: 32, n: 50, withheld: null, responseRate: 50 / 64 },
      ],
    },
    trend: sc.trend,
    teams: [
      makeTeam(),
      makeTeam({
        groupRef: 'group:default/search-team',
        entities: 3,
        adoption: { rate: 0.2, adopted: 1, eligible: 5 },
        // withheld: no exact n below the minimum (metrics.md §8a)
        nps: { score: null, n: null, reason: 'fewer than 5 responses', withheld: 'fewer than 5 responses', responseRate: null },
        dora: {
          ...makeTeam().dora,
          overallTier: 'elite',
        },
      }),
    ],
    ...overrides,
  };
}

export function makeSurvey(overrides: Partial<CurrentSurvey> = {}): CurrentSurvey {
  return {
    surveyId: '2026-Q2',
    question: 'How likely are you to recommend the platform to a colleague?',
    followUpQuestion: 'What is the single biggest thing slowing you down?',
    questions: QUESTIONS,
    answers: {},
    answered: false,
    response: null,
    snoozedUntil: null,
    ...overrides,
  };
}

export function makePipelines(overrides: Partial<EntityPipelines> = {}): EntityPipelines {
  return {
    entityRef: 'component:default/payments-api',
    window: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z', days: 14 },
    duration: { median: 8 * 60, p90: 14 * 60, n: 40 },
    runs: { succeeded: 40, failed: 10, cancelled: 2 },
    failureRate: 0.2,
    flaky: { rate: 0.125, flakyCommits: 5, commits: 40 },
    trend: [
      { weekStart: '2026-03-02T00:00:00.000Z', runs: 26, durationMedian: 9 * 60 },
      { weekStart: '2026-03-09T00:00:00.000Z', runs: 26, durationMedian: 7 * 60 },
    ],
    ...overrides,
  };
}

export function makeAnnotation(overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: 'golden-path-v2',
    at: '2026-03-04T10:00:00.000Z',
    title: 'Golden path v2',
    description: null,
    url: null,
    scope: 'org',
    tags: ['release'],
    createdBy: 'user:default/alice',
    createdAt: '2026-03-04T10:00:00.000Z',
    updatedAt: '2026-03-04T10:00:00.000Z',
    ...overrides,
  };
}

export function makeCosts(overrides: Partial<EntityCosts> = {}): EntityCosts {
  return {
    entityRef: 'component:default/payments-api',
    currency: 'EUR',
    fromMonth: '2026-01',
    toMonth: '2026-03',
    total: 3600,
    perMonth: 1200,
    deployments: 48,
    perDeployment: 75,
    monthly: [
      { month: '2026-01', amount: 1000 },
      { month: '2026-02', amount: 1200 },
      { month: '2026-03', amount: 1400 },
    ],
    ...overrides,
  };
}

const impactMetric = (over: Partial<ImpactMetric> = {}): ImpactMetric => ({
  before: { value: 7200, n: 40 },
  after: { value: 3600, n: 45 },
  absoluteChange: -3600,
  relativeChange: -0.5,
  direction: 'better',
  test: 'mann-whitney-u',
  pValue: 0.0012,
  significant: true,
  inconclusive: false,
  insufficientData: false,
  ...over,
});

export function makeImpact(overrides: Partial<AnnotationImpact> = {}): AnnotationImpact {
  return {
    annotation: makeAnnotation(),
    scope: 'org',
    days: 30,
    before: { from: '2026-02-02T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z', days: 30 },
    after: { from: '2026-03-04T00:00:00.000Z', to: '2026-04-03T00:00:00.000Z', days: 30 },
    complete: true,
    minSamples: 3,
    alpha: 0.05,
    metrics: {
      deploymentFrequency: impactMetric({
        before: { value: 2, n: 60 },
        after: { value: 2.2, n: 66 },
        absoluteChange: 0.2,
        relativeChange: 0.1,
        test: 'poisson-rate',
        pValue: 0.59,
        significant: false,
        inconclusive: true,
      }),
      leadTime: impactMetric(),
      changeFailureRate: impactMetric({
        before: { value: 0.1, n: 60 },
        after: { value: 0.05, n: 66 },
        absoluteChange: -0.05,
        relativeChange: -0.5,
        test: 'two-proportion-z',
        pValue: 0.27,
        significant: false,
        inconclusive: true,
      }),
      timeToRestore: impactMetric({
        before: { value: 5400, n: 2 },
        after: { value: 1800, n: 4 },
        absoluteChange: -3600,
        relativeChange: -2 / 3,
        pValue: null,
        significant: false,
        insufficientData: true,
      }),
    },
    ...overrides,
  };
}

/** The webhook status: GitHub receiving, with one unmatched repository; PagerDuty not configured. */
export function makeIntegrationsStatus(): IntegrationsStatus {
  const none = { lastDeliveryAt: null, deliveriesLast24h: 0, signatureFailuresLast24h: 0, unprocessableLast24h: 0, pending: 0, unmatched: [] };
  return {
    providers: [
      {
        provider: 'github',
        configured: true,
        lastDeliveryAt: '2026-03-02T10:05:00.000Z',
        deliveriesLast24h: 42,
        signatureFailuresLast24h: 3,
        unprocessableLast24h: 1,
        pending: 0,
        unmatched: [{ annotation: 'github.com/project-slug', value: 'acme/ledger', deliveries: 5 }],
      },
      { provider: 'gitlab', configured: false, ...none },
      { provider: 'pagerduty', configured: false, ...none },
      { provider: 'argocd', configured: false, ...none },
    ],
  };
}

/** A window's self-service figures: 412 of 530 requests self-service; access lags, new services all self-service. */
export function makeSelfService(overrides: Partial<OrgSelfService> = {}): OrgSelfService {
  const kind = (k: string, n: number, selfService: number, open: number, times: [number | null, number | null]) => ({
    kind: k,
    n,
    selfService,
    ticket: n - selfService,
    ratio: n ? selfService / n : null,
    open,
    fulfilmentTime: { selfService: times[0], ticket: times[1] },
  });
  return {
    window: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', days: 90 },
    group: null,
    n: 530,
    selfService: 412,
    ticket: 118,
    ratio: 412 / 530,
    open: 7,
    fulfilmentTime: { selfService: 12 * 60, ticket: 2.5 * DAY },
    kinds: [
      kind('access', 200, 98, 5, [90 * 60, 1.5 * DAY]),
      kind('database', 150, 140, 1, [20 * 60, 3 * DAY]),
      kind('environment', 120, 114, 1, [35 * 60, 4 * DAY]),
      kind('new-service', 30, 30, 0, [20 * 60, null]),
      kind('secret-rotation', 30, 30, 0, [4 * 60, null]),
    ],
    teams: [
      { groupRef: 'group:default/payments-team', n: 300, selfService: 260, ticket: 40, ratio: 260 / 300, open: 2, fulfilmentTime: { selfService: 10 * 60, ticket: 2 * DAY } },
      { groupRef: 'group:default/identity-team', n: 230, selfService: 152, ticket: 78, ratio: 152 / 230, open: 5, fulfilmentTime: { selfService: 15 * 60, ticket: 3 * DAY } },
    ],
    trend: [
      { weekStart: '2026-03-09T00:00:00.000Z', closed: 40, selfService: 28, ratio: 0.7 },
      { weekStart: '2026-03-16T00:00:00.000Z', closed: 44, selfService: 35, ratio: 35 / 44 },
      { weekStart: '2026-03-23T00:00:00.000Z', closed: 0, selfService: 0, ratio: null },
    ],
    ...overrides,
  };
}

export function mockApi(
  overrides: Partial<jest.Mocked<PlatformMetricsApi>> = {},
): jest.Mocked<PlatformMetricsApi> {
  return {
    getEntityScorecard: jest.fn().mockResolvedValue(makeScorecard()),
    getIntegrationsStatus: jest.fn().mockResolvedValue(makeIntegrationsStatus()),
    getOrgSummary: jest.fn().mockResolvedValue(makeOrgSummary()),
    getEntityPipelines: jest.fn().mockResolvedValue(makePipelines()),
    getEntityCosts: jest.fn().mockResolvedValue(makeCosts()),
    listScopeEntities: jest.fn().mockResolvedValue(makeScopeEntities()),
    exportEntitiesCsv: jest.fn().mockResolvedValue({
      blob: new Blob(['entityRef\r\ncomponent:default/payments\r\n'], { type: 'text/csv' }),
      fileName: 'platform-metrics-org-2026-01-01-2026-04-01.csv',
    }),
    getCurrentSurvey: jest.fn().mockResolvedValue(makeSurvey()),
    submitSurveyResponse: jest.fn().mockResolvedValue({ surveyId: '2026-Q2' }),
    snoozeSurvey: jest
      .fn()
      .mockResolvedValue({ snoozedUntil: '2099-01-01T00:00:00.000Z' }),
    answerSurveyQuestion: jest
      .fn()
      .mockImplementation(async (questionId: string, value: number) => ({ surveyId: '2026-Q2', questionId, value })),
    getSurveyQuestionResults: jest.fn().mockResolvedValue(makeSurveyQuestionResults()),
    getSurveyComments: jest.fn().mockResolvedValue({
      surveyId: '2026-Q1',
      group: null,
      n: 50,
      withheld: null,
      asOf: '2026-03-31T00:00:00.000Z',
      categories: [
        { category: 'CI speed', count: 4 },
        { category: 'Docs', count: 9 },
        { category: 'Onboarding', count: 1 },
        { category: 'Environments', count: 6 },
      ],
      comments: [
        { comment: 'Builds take forever', categories: ['CI speed'], bucket: 'detractor' },
        { comment: 'Docs are out of date', categories: ['Docs'], bucket: 'passive' },
      ],
    }),
    listAnnotations: jest.fn().mockResolvedValue([]),
    createAnnotation: jest.fn().mockImplementation(async a => makeAnnotation({ ...a, id: a.id ?? 'new' })),
    deleteAnnotation: jest.fn().mockResolvedValue(undefined),
    getAnnotationImpact: jest.fn().mockResolvedValue(makeImpact()),
    getSelfService: jest.fn().mockResolvedValue(makeSelfService()),
    getTargets: jest.fn().mockResolvedValue({ targets: [] }),
    getPlatformIncidents: jest.fn().mockResolvedValue(makePlatformIncidents()),
    getOnboarding: jest.fn().mockResolvedValue(makeOnboarding()),
    getCurrentPulse: jest.fn().mockResolvedValue({ pulse: null }),
    answerPulse: jest.fn().mockImplementation(async (id: string) => ({ id, state: 'answered' })),
    dismissPulse: jest.fn().mockImplementation(async (id: string) => ({ id, state: 'dismissed' })),
    getPulses: jest.fn().mockResolvedValue(makePulses()),
    getOrgPipelines: jest.fn().mockResolvedValue(makeOrgPipelines()),
    getOrgCosts: jest.fn().mockResolvedValue(makeOrgCosts()),
    ...overrides,
  };
}

/** An error shaped like ResponseError, with the backend's message as cause. */
export function backendError(message: string, statusCode = 403) {
  const e = new Error(`Request failed with ${statusCode} Forbidden`) as Error & {
    cause: Error;
    statusCode: number;
    statusText: string;
  };
  e.name = 'ResponseError';
  e.cause = Object.assign(new Error(message), { name: 'NotAllowedError' });
  e.statusCode = statusCode;
  e.statusText = 'Forbidden';
  return e;
}

/** A comparison with a baseline: deployments and lead time better, failure rate worse, restore time short of samples. */
export function makeComparison(overrides: Partial<Comparison> = {}): Comparison {
  return {
    against: 'baseline',
    label: 'Before the platform',
    reference: { from: '2025-10-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z', days: 92 },
    minSamples: 3,
    alpha: 0.05,
    metrics: {
      deploymentFrequency: impactMetric({
        before: { value: 0.5, n: 46 },
        after: { value: 1, n: 90 },
        absoluteChange: 0.5,
        relativeChange: 1,
        test: 'poisson-rate',
        pValue: 0.0004,
      }),
      leadTime: impactMetric({
        before: { value: 2 * DAY, n: 120 },
        after: { value: 4 * HOUR, n: 200 },
        absoluteChange: 4 * HOUR - 2 * DAY,
        relativeChange: (4 * HOUR - 2 * DAY) / (2 * DAY),
        pValue: 0.0001,
      }),
      changeFailureRate: impactMetric({
        before: { value: 0.1, n: 46 },
        after: { value: 0.15, n: 90 },
        absoluteChange: 0.05,
        relativeChange: 0.5,
        direction: 'worse',
        test: 'two-proportion-z',
        pValue: 0.4,
        significant: false,
        inconclusive: true,
      }),
      timeToRestore: impactMetric({
        before: { value: 2 * HOUR, n: 2 },
        after: { value: HOUR, n: 5 },
        pValue: null,
        significant: false,
        insufficientData: true,
      }),
    },
    timeToFirstDeploy: {
      before: { value: 30 * 86_400, n: 4 },
      after: { value: 6 * 86_400, n: 7 },
      absoluteChange: -24 * 86_400,
      relativeChange: -0.8,
      direction: 'better',
      insufficientData: false,
    },
    nps: {
      before: { value: null, n: null },
      after: { value: 32, n: 50 },
      absoluteChange: null,
      relativeChange: null,
      direction: null,
      insufficientData: true,
    },
    ...overrides,
  };
}

/** The split by golden-path status: 12 adopted services ahead of 8 off-path ones, no exceptions. */
export function makeSplit(): AdoptionSplit {
  const dora = makeScorecard().dora;
  const cohort = (
    status: AdoptionCohort['status'],
    entities: number,
    perDay: number | null,
    leadTime: number | null,
    ttfd: number | null,
  ): AdoptionCohort => ({
    status,
    entities,
    dora: { ...dora, leadTime: { ...dora.leadTime, median: leadTime } },
    deploymentFrequencyPerEntity: perDay,
    timeToFirstDeploy: { median: ttfd, n: ttfd === null ? 0 : 3, stalled: 0 },
  });
  return {
    by: 'adoption',
    caption: 'correlation, not causation',
    cohorts: [
      cohort('adopted', 12, 0.5, 4 * 3600, 5 * 86_400),
      cohort('not-adopted', 8, 0.1, 48 * 3600, 40 * 86_400),
      cohort('exception', 0, null, null, null),
    ],
  };
}

/** The components of a team: payments (adopted, elite) and a ledger still off the golden path. */
export function makeScopeEntities(): ScopeEntities {
  const sc = makeScorecard();
  const row = (name: string, adoptionStatus: AdoptionStatus, overallTier: Tier) => ({
    entityRef: `component:default/${name}`,
    ownerRef: 'group:default/payments-team',
    systemRef: 'system:default/payments',
    adoptionStatus,
    dora: { ...sc.dora, overallTier },
    createdAt: null,
    firstDeployAt: null,
    timeToFirstDeploySeconds: null,
  });
  return {
    window: sc.window,
    scope: { type: 'group', ref: 'group:default/payments-team' },
    entities: [row('ledger', 'not-adopted', 'medium'), row('payments', 'adopted', 'elite')],
  };
}

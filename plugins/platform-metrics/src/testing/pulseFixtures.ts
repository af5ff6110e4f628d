import type { CurrentPulse, OrgPulses } from '@platform-metrics/plugin-platform-metrics-common';

/** An open pulse about the payments service. */
export function makeCurrentPulse(overrides: Partial<NonNullable<CurrentPulse['pulse']>> = {}): CurrentPulse {
  return {
    pulse: {
      id: '0b7e6c2a-3f4d-4e5a-9b8c-1d2e3f4a5b6c',
      question: 'How easy was it to get this service to production?',
      entityRef: 'component:default/payments',
      expiresAt: '2099-01-14T00:00:00.000Z',
      ...overrides,
    },
  };
}

/** Results of two questions: one published, one withheld. */
export function makePulses(overrides: Partial<OrgPulses> = {}): OrgPulses {
  return {
    window: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', days: 90 },
    period: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', quarters: ['2026-Q1'] },
    questions: [
      {
        questionId: 'first-production-deploy',
        question: 'How easy was it to get this service to production?',
        n: 20,
        distribution: [1, 2, 3, 8, 6],
        favourable: 0.7,
        mean: 3.8,
        withheld: null,
      },
      {
        questionId: 'docs',
        question: 'Did the docs answer your question?',
        n: null,
        distribution: null,
        favourable: null,
        mean: null,
        withheld: 'fewer than 5 responses',
      },
    ],
    ...overrides,
  };
}

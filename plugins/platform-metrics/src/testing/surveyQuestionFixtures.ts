import type {
  SurveyQuestion,
  SurveyQuestionResult,
  SurveyQuestionResults,
} from '@platform-metrics/plugin-platform-metrics-common';

/** Two of the default agreement questions. */
export const QUESTIONS: SurveyQuestion[] = [
  { id: 'safe-deploys', text: 'Deploying my changes to production is safe and easy.', dimension: 'performance' },
  { id: 'no-waiting', text: 'I can get what I need from the platform without waiting on another team.', dimension: 'efficiency' },
];

function result(overrides: Partial<SurveyQuestionResult> & Pick<SurveyQuestionResult, 'id' | 'text' | 'dimension'>): SurveyQuestionResult {
  return {
    surveyId: '2026-Q2',
    n: 40,
    distribution: [2, 6, 8, 14, 10],
    favourable: 0.6,
    mean: 3.6,
    withheld: null,
    asOf: '2026-05-01T00:00:00.000Z',
    trend: [
      { surveyId: '2026-Q1', n: 38, favourable: 0.45, mean: 3.2, withheld: null },
      { surveyId: '2026-Q2', n: 40, favourable: 0.6, mean: 3.6, withheld: null },
    ],
    ...overrides,
  };
}

/** The agreement questions' results of a scope: one shown, one withheld. */
export function makeSurveyQuestionResults(overrides: Partial<SurveyQuestionResults> = {}): SurveyQuestionResults {
  return {
    surveyId: '2026-Q2',
    group: null,
    questions: [
      result(QUESTIONS[0]),
      result({
        ...QUESTIONS[1],
        n: null,
        distribution: null,
        favourable: null,
        mean: null,
        withheld: 'fewer than 5 responses',
        asOf: null,
        trend: [{ surveyId: '2026-Q2', n: null, favourable: null, mean: null, withheld: 'fewer than 5 responses' }],
      }),
    ],
    dimensions: [
      {
        dimension: 'performance',
        questions: ['safe-deploys'],
        n: 40,
        favourable: 0.6,
        trend: [
          { surveyId: '2026-Q1', n: 38, favourable: 0.45 },
          { surveyId: '2026-Q2', n: 40, favourable: 0.6 },
        ],
      },
      {
        dimension: 'efficiency',
        questions: ['no-waiting'],
        n: null,
        favourable: null,
        trend: [{ surveyId: '2026-Q2', n: null, favourable: null }],
      },
    ],
    ...overrides,
  };
}

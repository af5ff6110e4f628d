import {
  createTranslationRef,
  TranslationFunction,
} from '@backstage/frontend-plugin-api';
import { commonMessages } from './translations/common';
import { comparisonMessages } from './translations/comparison';
import { healthPageMessages } from './translations/healthPage';
import { kpisMessages } from './translations/kpis';
import { onboardingMessages } from './translations/onboarding';
import { platformIncidentsMessages } from './translations/platformIncidents';
import { pulsesMessages } from './translations/pulses';
import { reviewMessages } from './translations/review';
import { scorecardMessages } from './translations/scorecard';
import { surveyMessages } from './translations/survey';
import { surveyQuestionsMessages } from './translations/surveyQuestions';
import { targetsMessages } from './translations/targets';
import { templatesMessages } from './translations/templates';

/**
 * Every text the platform-metrics frontend shows, in English. Override them
 * with `createTranslationMessages` or `createTranslationResource`.
 *
 * @alpha
 */
export const platformMetricsTranslationRef = createTranslationRef({
  id: 'platform-metrics',
  messages: {
    ...commonMessages,
    ...scorecardMessages,
    ...healthPageMessages,
    ...surveyMessages,
    ...surveyQuestionsMessages,
    ...comparisonMessages,
    ...reviewMessages,
    ...platformIncidentsMessages,
    ...targetsMessages,
    ...templatesMessages,
    ...onboardingMessages,
    ...pulsesMessages,
    ...kpisMessages,
  },
});

/** The translation function of {@link platformMetricsTranslationRef}. */
export type PlatformMetricsT = TranslationFunction<
  typeof platformMetricsTranslationRef.T
>;

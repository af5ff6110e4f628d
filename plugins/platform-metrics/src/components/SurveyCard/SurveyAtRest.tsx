import { forwardRef } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { CurrentSurvey } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { formatDate } from '../common/format';
import { nextSurveyOpens } from './surveyPeriod';

/** When the survey after this one opens; nothing for an id of no known cadence. */
export function NextSurvey(props: { surveyId: string | undefined }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const date = props.surveyId ? nextSurveyOpens(props.surveyId) : null;
  if (!date) return null;
  return (
    <Typography variant="body2" color="textSecondary">
      {t('survey.nextSurvey', { date })}
    </Typography>
  );
}

/**
 * The survey card with nothing to ask: the user's answer and when the next
 * survey opens, or until when they snoozed it, or that no survey runs; with
 * a button to answer (again) where that is possible.
 */
export const SurveyAtRest = forwardRef<
  HTMLDivElement,
  {
    survey: CurrentSurvey | null;
    /** Set when the user snoozed the survey (now or before). */
    snoozedUntil?: string;
    max: number;
    onAnswer: () => void;
  }
>(function SurveyAtRestView(props, ref) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { survey } = props;
  let text: string;
  if (!survey) {
    text = t('survey.noSurvey');
  } else if (props.snoozedUntil) {
    text = t('survey.snoozed', { date: formatDate(props.snoozedUntil) });
  } else if (survey.response) {
    text = t('survey.answeredBefore', {
      score: String(survey.response.score),
      max: String(props.max),
      surveyId: survey.surveyId,
    });
  } else {
    text = t('survey.answeredNoScore', { surveyId: survey.surveyId });
  }
  return (
    <div>
      <div role="status" tabIndex={-1} ref={ref}>
        <Typography variant="body1">{text}</Typography>
        {survey && !props.snoozedUntil && (
          <NextSurvey surveyId={survey.surveyId} />
        )}
      </div>
      {survey && (
        <Box mt={2}>
          <Button variant="outlined" onClick={props.onAnswer}>
            {props.snoozedUntil
              ? t('survey.answerNow')
              : t('survey.changeAnswer')}
          </Button>
        </Box>
      )}
    </div>
  );
});

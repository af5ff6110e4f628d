import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { DateTime } from 'luxon';
import {
  CurrentSurvey,
  MAX_COMMENT_LENGTH,
} from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { isLaterThan } from '../../lib/time';
import {
  platformMetricsTranslationRef,
  PlatformMetricsT,
} from '../../translation';
import { ErrorMessage, ErrorState, LoadingState } from '../common/States';
import { NextSurvey, SurveyAtRest } from './SurveyAtRest';
import { PulseQuestion } from './PulseQuestion';
import { AgreementQuestions } from './AgreementQuestions';

/** The NPS question's scale. */
const MIN_SCORE = 0;
const MAX_SCORE = 10;
const SCORES = Array.from(
  { length: MAX_SCORE - MIN_SCORE + 1 },
  (_, i) => MIN_SCORE + i,
);

type Phase =
  | { name: 'loading' }
  | { name: 'error'; error: unknown }
  | { name: 'asking' }
  | { name: 'thanks' }
  /** Nothing to ask now: answered before, snoozed, or no survey; the card says which. */
  | { name: 'atRest'; snoozedUntil?: string };

/** True when the question should not be asked: answered, or snoozed until later. */
export function isSurveyHidden(
  survey: CurrentSurvey | null | undefined,
  now?: DateTime,
): boolean {
  if (!survey) return true;
  if (survey.answered) return true;
  return !!survey.snoozedUntil && isLaterThan(survey.snoozedUntil, now);
}

function scoreLabel(t: PlatformMetricsT, score: number): string {
  if (score === MIN_SCORE) {
    return t('survey.lowestScore', { score: String(score) });
  }
  if (score === MAX_SCORE) {
    return t('survey.highestScore', { score: String(score) });
  }
  return String(score);
}

/**
 * The developer survey: the configured NPS question with 0–10 buttons, the
 * optional follow-up, the 1–5 agreement statements (each saved as it is
 * answered), submit, thank-you, "change my answer" and "not now".
 * Once the current survey is answered or snoozed it stays a short card that
 * says so (your answer and when the next survey opens, or until when it is
 * snoozed), never an empty one: a home-page grid keeps a widget's cell
 * whatever the widget renders, so rendering nothing would leave a hole.
 *
 * @public
 */
export function SurveyCard(props: { title?: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const title = props.title ?? t('survey.title');
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const [survey, setSurvey] = useState<CurrentSurvey | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const questionId = useId();
  const followUpId = useId();
  const thanksRef = useRef<HTMLDivElement>(null);
  const atRestRef = useRef<HTMLDivElement>(null);
  const focusAtRest = useRef(false);
  const firstScoreRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let cancelled = false;
    api.getCurrentSurvey().then(
      s => {
        if (cancelled) return;
        setSurvey(s ?? null);
        setScore(s?.response?.score ?? null);
        setComment(s?.response?.comment ?? '');
        setPhase(
          isSurveyHidden(s)
            ? {
                name: 'atRest',
                snoozedUntil: s?.answered
                  ? undefined
                  : s?.snoozedUntil ?? undefined,
              }
            : { name: 'asking' },
        );
      },
      error => {
        if (!cancelled) setPhase({ name: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(() => {
    if (phase.name === 'thanks') thanksRef.current?.focus();
    if (phase.name === 'atRest' && focusAtRest.current)
      atRestRef.current?.focus();
    focusAtRest.current = false;
  }, [phase.name]);

  const changeAnswer = useCallback(() => {
    setPhase({ name: 'asking' });
    setTimeout(() => firstScoreRef.current?.focus(), 0);
  }, []);

  const submit = useCallback(async () => {
    if (score === null) return;
    setBusy(true);
    setActionError(undefined);
    try {
      await api.submitSurveyResponse({
        score,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setPhase({ name: 'thanks' });
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }, [api, score, comment]);

  // kept with the survey, so that "change my answer" shows what was saved
  const saved = useCallback((id: string, value: number) => {
    setSurvey(s => (s ? { ...s, answers: { ...s.answers, [id]: value } } : s));
  }, []);

  const snooze = useCallback(async () => {
    setBusy(true);
    setActionError(undefined);
    try {
      const { snoozedUntil } = await api.snoozeSurvey();
      // the buttons go: focus the text that replaces them
      focusAtRest.current = true;
      setPhase({ name: 'atRest', snoozedUntil });
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }, [api]);

  let content: JSX.Element;
  if (phase.name === 'atRest') {
    content = (
      <SurveyAtRest
        ref={atRestRef}
        survey={survey}
        snoozedUntil={phase.snoozedUntil}
        max={MAX_SCORE}
        onAnswer={changeAnswer}
      />
    );
  } else if (phase.name === 'loading') {
    content = <LoadingState label={t('survey.loading')} />;
  } else if (phase.name === 'error') {
    content = <ErrorState title={t('survey.errorTitle')} error={phase.error} />;
  } else if (phase.name === 'thanks') {
    content = (
      <div>
        <div role="status" tabIndex={-1} ref={thanksRef}>
          <Typography variant="h6" component="p">
            {t('survey.thanks')}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {t('survey.answered', {
              score: String(score),
              max: String(MAX_SCORE),
            })}
          </Typography>
          <NextSurvey surveyId={survey?.surveyId} />
        </div>
        <Box mt={2}>
          <Button variant="outlined" onClick={changeAnswer}>
            {t('survey.changeAnswer')}
          </Button>
        </Box>
      </div>
    );
  } else {
    content = (
      <form
        onSubmit={e => {
          e.preventDefault();
          submit();
        }}
      >
        <Typography
          id={questionId}
          variant="subtitle1"
          component="p"
          gutterBottom
        >
          {survey?.question}
        </Typography>
        <div role="group" aria-labelledby={questionId}>
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {SCORES.map(s => (
              <Button
                key={s}
                ref={s === 0 ? firstScoreRef : undefined}
                variant={score === s ? 'contained' : 'outlined'}
                color={score === s ? 'primary' : 'default'}
                aria-pressed={score === s}
                aria-label={scoreLabel(t, s)}
                onClick={() => setScore(s)}
                style={{ minWidth: 40 }}
              >
                {s}
              </Button>
            ))}
          </Box>
          <Box
            display="flex"
            justifyContent="space-between"
            mt={0.5}
            aria-hidden="true"
          >
            <Typography variant="caption">
              {t('survey.lowestCaption')}
            </Typography>
            <Typography variant="caption">
              {t('survey.highestCaption')}
            </Typography>
          </Box>
        </div>
        {score !== null && (
          <Box mt={2}>
            <TextField
              id={followUpId}
              label={survey?.followUpQuestion}
              helperText={t('survey.commentHelper', {
                length: String(comment.length),
                max: String(MAX_COMMENT_LENGTH),
              })}
              multiline
              minRows={2}
              fullWidth
              variant="outlined"
              value={comment}
              onChange={e =>
                setComment(e.target.value.slice(0, MAX_COMMENT_LENGTH))
              }
              inputProps={{ maxLength: MAX_COMMENT_LENGTH }}
            />
          </Box>
        )}
        <AgreementQuestions
          questions={survey?.questions ?? []}
          answers={survey?.answers ?? {}}
          onSaved={saved}
        />
        {actionError !== undefined && (
          <Box mt={2}>
            <Alert severity="error" role="alert">
              <ErrorMessage error={actionError} />
            </Alert>
          </Box>
        )}
        <Box mt={2} display="flex" style={{ gap: 8 }}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={score === null || busy}
          >
            {t('survey.submit')}
          </Button>
          <Button type="button" onClick={snooze} disabled={busy}>
            {t('survey.notNow')}
          </Button>
        </Box>
      </form>
    );
  }

  return (
    <InfoCard title={title}>
      <PulseQuestion />
      <div data-testid="platform-metrics-survey">{content}</div>
    </InfoCard>
  );
}

import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import type { CurrentSurvey } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { ErrorState, LoadingState } from '../common/States';
import { errorMessage } from '../common/format';

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const MAX_COMMENT = 2000;

type Phase =
  | { name: 'loading' }
  | { name: 'error'; error: unknown }
  | { name: 'hidden' }
  | { name: 'asking' }
  | { name: 'thanks' };

/** True when the survey should not be shown: answered, or snoozed until later. */
export function isSurveyHidden(
  survey: CurrentSurvey | null | undefined,
  now: DateTime = DateTime.now(),
): boolean {
  if (!survey) return true;
  if (survey.answered) return true;
  if (survey.snoozedUntil) {
    const until = DateTime.fromISO(survey.snoozedUntil);
    if (until.isValid && until > now) return true;
  }
  return false;
}

function scoreLabel(score: number): string {
  if (score === 0) return '0, not at all likely';
  if (score === 10) return '10, extremely likely';
  return String(score);
}

/**
 * The developer NPS survey: the configured question with 0–10 buttons, the
 * optional follow-up, submit, thank-you, "change my answer" and "not now".
 * Renders nothing once the current survey is answered or snoozed.
 *
 * @public
 */
export function SurveyCard(props: { title?: string }) {
  const api = useApi(platformMetricsApiRef);
  const title = props.title ?? 'Developer survey';
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const [survey, setSurvey] = useState<CurrentSurvey | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(undefined);
  const questionId = useId();
  const followUpId = useId();
  const thanksRef = useRef<HTMLDivElement>(null);
  const firstScoreRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let cancelled = false;
    api.getCurrentSurvey().then(
      s => {
        if (cancelled) return;
        setSurvey(s ?? null);
        if (isSurveyHidden(s)) {
          setPhase({ name: 'hidden' });
        } else {
          setScore(s.response?.score ?? null);
          setComment(s.response?.comment ?? '');
          setPhase({ name: 'asking' });
        }
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
  }, [phase.name]);

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

  const snooze = useCallback(async () => {
    setBusy(true);
    setActionError(undefined);
    try {
      await api.snoozeSurvey();
      setPhase({ name: 'hidden' });
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }, [api]);

  if (phase.name === 'hidden') return null;

  let content: JSX.Element;
  if (phase.name === 'loading') {
    content = <LoadingState label="Loading survey" />;
  } else if (phase.name === 'error') {
    content = <ErrorState title="Could not load the survey" error={phase.error} />;
  } else if (phase.name === 'thanks') {
    content = (
      <div>
        <div role="status" tabIndex={-1} ref={thanksRef}>
          <Typography variant="h6" component="p">
            Thank you for your answer!
          </Typography>
          <Typography variant="body2" color="textSecondary">
            You answered {score} out of 10. It helps the platform team decide
            what to improve next.
          </Typography>
        </div>
        <Box mt={2}>
          <Button
            variant="outlined"
            onClick={() => {
              setPhase({ name: 'asking' });
              setTimeout(() => firstScoreRef.current?.focus(), 0);
            }}
          >
            Change my answer
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
        <Typography id={questionId} variant="subtitle1" component="p" gutterBottom>
          {survey?.question ??
            'How likely are you to recommend the platform to a colleague?'}
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
                aria-label={scoreLabel(s)}
                onClick={() => setScore(s)}
                style={{ minWidth: 40 }}
              >
                {s}
              </Button>
            ))}
          </Box>
          <Box display="flex" justifyContent="space-between" mt={0.5} aria-hidden="true">
            <Typography variant="caption">Not at all likely</Typography>
            <Typography variant="caption">Extremely likely</Typography>
          </Box>
        </div>
        {score !== null && (
          <Box mt={2}>
            <TextField
              id={followUpId}
              label={
                survey?.followUpQuestion ??
                'What is the single biggest thing slowing you down?'
              }
              helperText={`Optional · ${comment.length}/${MAX_COMMENT}`}
              multiline
              minRows={2}
              fullWidth
              variant="outlined"
              value={comment}
              onChange={e => setComment(e.target.value.slice(0, MAX_COMMENT))}
              inputProps={{ maxLength: MAX_COMMENT }}
            />
          </Box>
        )}
        {actionError !== undefined && (
          <Box mt={2}>
            <Alert severity="error" role="alert">
              {errorMessage(actionError)}
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
            Submit
          </Button>
          <Button type="button" onClick={snooze} disabled={busy}>
            Not now
          </Button>
        </Box>
      </form>
    );
  }

  return (
    <InfoCard title={title}>
      <div data-testid="platform-metrics-survey">{content}</div>
    </InfoCard>
  );
}

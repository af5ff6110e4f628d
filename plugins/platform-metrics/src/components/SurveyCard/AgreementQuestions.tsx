import { useCallback, useId, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import type { SurveyQuestion } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef, PlatformMetricsT } from '../../translation';

const VALUES = [1, 2, 3, 4, 5] as const;
const SCALE_KEYS = ['one', 'two', 'three', 'four', 'five'] as const;

/** The words of an answer from 1 to 5 ("strongly disagree" .. "strongly agree"). */
export function agreementLabel(t: PlatformMetricsT, value: number): string {
  return t(`surveyQuestions.scale.${SCALE_KEYS[value - 1]}`);
}

type SaveState = { state: 'saving' } | { state: 'saved' } | { state: 'failed'; message: string };

/**
 * The survey's 1–5 agreement statements in a compact form: one radio group
 * per statement (arrow keys move within it, Tab to the next), each answer
 * saved as soon as it is chosen, so a survey left half-done resumes with
 * what was saved. Shown under the NPS question, on the same screen.
 */
export function AgreementQuestions(props: {
  questions: SurveyQuestion[];
  /** What the user saved before, by question id. */
  answers: Record<string, number>;
  /** Called with each answer once saved. */
  onSaved?: (questionId: string, value: number) => void;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const [values, setValues] = useState<Record<string, number>>(props.answers);
  const [saves, setSaves] = useState<Record<string, SaveState>>({});
  const { onSaved } = props;
  const baseId = useId();

  const choose = useCallback(
    async (id: string, value: number) => {
      setValues(v => ({ ...v, [id]: value }));
      setSaves(s => ({ ...s, [id]: { state: 'saving' } }));
      try {
        await api.answerSurveyQuestion(id, value);
        setSaves(s => ({ ...s, [id]: { state: 'saved' } }));
        onSaved?.(id, value);
      } catch (e) {
        setSaves(s => ({ ...s, [id]: { state: 'failed', message: (e as Error).message } }));
      }
    },
    [api, onSaved],
  );

  if (props.questions.length === 0) return null;
  const answered = props.questions.filter(q => values[q.id] !== undefined).length;
  return (
    <Box mt={2}>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {t('surveyQuestions.card.intro')}
      </Typography>
      <Box display="flex" justifyContent="flex-end" style={{ gap: 16 }} aria-hidden="true">
        <Typography variant="caption">{`1 = ${t('surveyQuestions.card.strongly_disagree')}`}</Typography>
        <Typography variant="caption">{`5 = ${t('surveyQuestions.card.strongly_agree')}`}</Typography>
      </Box>
      {props.questions.map(q => (
        <Box key={q.id} my={1}>
          <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
            <Typography id={`${baseId}-${q.id}`} variant="body2" component="p" style={{ flex: '1 1 240px' }}>
              {q.text}
            </Typography>
            <RadioGroup
              row
              aria-labelledby={`${baseId}-${q.id}`}
              name={`platform-metrics-question-${q.id}`}
              value={values[q.id] !== undefined ? String(values[q.id]) : ''}
              onChange={e => choose(q.id, Number(e.target.value))}
            >
              {VALUES.map(v => (
                <FormControlLabel
                  key={v}
                  value={String(v)}
                  control={<Radio size="small" color="primary" inputProps={{ 'aria-label': t('surveyQuestions.card.value', { value: String(v), label: agreementLabel(t, v) }) }} />}
                  label={String(v)}
                  labelPlacement="bottom"
                  style={{ margin: 0 }}
                />
              ))}
            </RadioGroup>
            <SaveStatus save={saves[q.id]} />
          </Box>
        </Box>
      ))}
      <Typography variant="caption" color="textSecondary" component="p">
        {t('surveyQuestions.card.answeredCount', { answered: String(answered), total: String(props.questions.length) })}
      </Typography>
    </Box>
  );
}

function SaveStatus({ save }: { save: SaveState | undefined }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  let text = '';
  if (save?.state === 'saving') text = t('surveyQuestions.card.saving');
  if (save?.state === 'saved') text = t('surveyQuestions.card.saved');
  if (save?.state === 'failed') text = t('surveyQuestions.card.saveFailed', { message: save.message });
  return (
    <Typography
      variant="caption"
      role={save?.state === 'failed' ? 'alert' : undefined}
      color={save?.state === 'failed' ? 'error' : 'textSecondary'}
      style={{ minWidth: 48 }}
    >
      {text}
    </Typography>
  );
}

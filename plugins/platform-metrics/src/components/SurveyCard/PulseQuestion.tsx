import { useId, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { ErrorState } from '../common/States';

const VALUES = [1, 2, 3, 4, 5];

/**
 * The signed-in user's pulse question (metrics.md, "Pulse questions"), shown
 * on the survey card until it is answered or dismissed: the question, the
 * entity it is about, a 1–5 radio group (arrow keys move, each option
 * labelled) and "Not now". Renders nothing without an open pulse, or when
 * it cannot be loaded (the survey card stays as it is).
 */
export function PulseQuestion() {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const current = useAsync(() => api.getCurrentPulse(), [api]);
  const [value, setValue] = useState<number>();
  const [state, setState] = useState<'asking' | 'sending' | 'answered' | 'dismissed'>('asking');
  const [error, setError] = useState<unknown>();
  const labelId = useId();
  const pulse = current.value?.pulse;
  if (!pulse || state === 'dismissed') return null;
  if (state === 'answered') {
    return (
      <Box mb={2} role="status">
        <Typography variant="body2">{t('pulses.question.thanks')}</Typography>
      </Box>
    );
  }

  const close = async (send: () => Promise<unknown>, done: 'answered' | 'dismissed') => {
    setState('sending');
    setError(undefined);
    try {
      await send();
      setState(done);
    } catch (e) {
      setError(e);
      setState('asking');
    }
  };
  const label = (v: number) => {
    if (v === 1) return t('pulses.question.lowest');
    if (v === 5) return t('pulses.question.highest');
    return String(v);
  };

  return (
    <Box mb={2} component="section" aria-labelledby={labelId}>
      <FormControl component="fieldset" disabled={state === 'sending'}>
        <FormLabel component="legend" id={labelId}>
          <Typography variant="subtitle1" component="span" color="textPrimary">
            {pulse.question}
          </Typography>
        </FormLabel>
        {pulse.entityRef && (
          <Typography variant="body2" color="textSecondary">
            {t('pulses.question.about', { entity: pulse.entityRef })}
          </Typography>
        )}
        <RadioGroup
          row
          aria-label={t('pulses.question.scaleLabel')}
          name={`pulse-${pulse.id}`}
          value={value === undefined ? '' : String(value)}
          onChange={e => setValue(Number(e.target.value))}
        >
          {VALUES.map(v => (
            <FormControlLabel key={v} value={String(v)} control={<Radio color="primary" />} label={label(v)} />
          ))}
        </RadioGroup>
      </FormControl>
      {!!error && <ErrorState title={t('pulses.question.errorTitle')} error={error} />}
      <Box display="flex" mt={1} style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          disabled={value === undefined || state === 'sending'}
          onClick={() => close(() => api.answerPulse(pulse.id, value!), 'answered')}
        >
          {t('pulses.question.submit')}
        </Button>
        <Button
          variant="text"
          disabled={state === 'sending'}
          onClick={() => close(() => api.dismissPulse(pulse.id), 'dismissed')}
        >
          {t('pulses.question.dismiss')}
        </Button>
      </Box>
    </Box>
  );
}

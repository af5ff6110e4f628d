import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  DEFAULT_WINDOW_DAYS,
  WINDOW_OPTIONS_DAYS,
} from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';

/** A window length from the URL: one of the offered options, else the default. */
export function parseWindowDays(value: string | null): number {
  const n = Number(value);
  return WINDOW_OPTIONS_DAYS.includes(n) ? n : DEFAULT_WINDOW_DAYS;
}

/** The window length kept in the URL (`?windowDays=`), with the API's default. */
export function useWindowDays(): [number, (days: number) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const windowDays = parseWindowDays(searchParams.get('windowDays'));
  const setWindowDays = useCallback(
    (days: number) => {
      setSearchParams(
        prev => {
          const next = new URLSearchParams(prev);
          next.set('windowDays', String(days));
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );
  return [windowDays, setWindowDays];
}

export function WindowSelector(props: {
  value: number;
  onChange: (days: number) => void;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.value}
      aria-label={t('window.selectorLabel')}
      onChange={(_e, v) => {
        if (v !== null && v !== undefined) props.onChange(Number(v));
      }}
    >
      {WINDOW_OPTIONS_DAYS.map(days => {
        const label = t('window.option', { days: String(days) });
        return (
          <ToggleButton key={days} value={days} aria-label={label}>
            {label}
          </ToggleButton>
        );
      })}
    </ToggleButtonGroup>
  );
}

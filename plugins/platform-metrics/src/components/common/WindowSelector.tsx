import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { WINDOW_OPTIONS, parseWindowDays } from './format';

/** The window length kept in the URL (`?windowDays=`), default 90. */
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
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.value}
      aria-label="Time window"
      onChange={(_e, v) => {
        if (v !== null && v !== undefined) props.onChange(Number(v));
      }}
    >
      {WINDOW_OPTIONS.map(days => (
        <ToggleButton key={days} value={days} aria-label={`${days} days`}>
          {days} days
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

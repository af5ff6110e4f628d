import { ReactNode } from 'react';
import { EmptyState, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import Typography from '@material-ui/core/Typography';
import { platformMetricsTranslationRef } from '../../translation';
import { errorMessage } from './format';

export function LoadingState(props: { label?: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  return (
    <div aria-busy="true" aria-label={props.label ?? t('common.loading')}>
      <Progress />
    </div>
  );
}

/** The backend's message of a failed request, or that the error is unknown. */
export function ErrorMessage(props: { error: unknown }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  return <>{errorMessage(props.error) ?? t('common.unknownError')}</>;
}

export function ErrorState(props: { title: string; error: unknown }) {
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{props.title}</AlertTitle>
      <ErrorMessage error={props.error} />
    </Alert>
  );
}

export function EmptyView(props: {
  title: string;
  description?: string | JSX.Element;
  action?: JSX.Element;
}) {
  return (
    <EmptyState
      missing="data"
      title={props.title}
      description={props.description}
      action={props.action}
    />
  );
}

/**
 * What a page shows for an async load: a progress bar while loading, the
 * error, an empty state when there is no value, else the value.
 */
export function AsyncContent<T>(props: {
  loading: boolean;
  error?: unknown;
  value?: T;
  loadingLabel: string;
  errorTitle: string;
  empty: { title: string; description: string };
  children: (value: T) => JSX.Element;
}) {
  if (props.loading) return <LoadingState label={props.loadingLabel} />;
  if (props.error)
    return <ErrorState title={props.errorTitle} error={props.error} />;
  if (!props.value) return <EmptyView {...props.empty} />;
  return props.children(props.value);
}

/** A small inline empty state used inside cards and charts. */
export function InlineEmpty(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary" role="note">
      {props.children}
    </Typography>
  );
}

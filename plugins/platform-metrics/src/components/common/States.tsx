import { ReactNode } from 'react';
import { EmptyState, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import Typography from '@material-ui/core/Typography';
import { errorMessage } from './format';

export function LoadingState(props: { label?: string }) {
  return (
    <div aria-busy="true" aria-label={props.label ?? 'Loading'}>
      <Progress />
    </div>
  );
}

export function ErrorState(props: { title: string; error: unknown }) {
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{props.title}</AlertTitle>
      {errorMessage(props.error)}
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

/** A small inline empty state used inside cards and charts. */
export function InlineEmpty(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary" role="note">
      {props.children}
    </Typography>
  );
}

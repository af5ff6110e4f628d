import { ReactNode, useId } from 'react';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import { CardHeading } from './CardHeading';
import { ErrorState, InlineEmpty, LoadingState } from './States';

/**
 * A card of one KPI loaded on its own: its heading, then a progress bar, the
 * error, a short empty text (when `isEmpty` says the answer holds no data),
 * or the loaded view.
 */
export function KpiCard<T>(props: {
  title: string;
  definition: string;
  loadingLabel: string;
  errorTitle: string;
  emptyText: string;
  state: { loading: boolean; error?: Error; value?: T };
  isEmpty: (value: T) => boolean;
  children: (value: T) => ReactNode;
}) {
  const titleId = useId();
  const { loading, error, value } = props.state;
  return (
    <Card component="section" aria-labelledby={titleId} variant="outlined" style={{ height: '100%' }}>
      <CardContent>
        <CardHeading id={titleId} title={props.title} definition={props.definition} />
        {loading && <LoadingState label={props.loadingLabel} />}
        {error && <ErrorState title={props.errorTitle} error={error} />}
        {value !== undefined && (props.isEmpty(value) ? <InlineEmpty>{props.emptyText}</InlineEmpty> : props.children(value))}
      </CardContent>
    </Card>
  );
}

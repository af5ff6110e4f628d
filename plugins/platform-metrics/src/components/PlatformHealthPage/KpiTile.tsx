import { ReactNode } from 'react';
import { Line, LineChart, ReferenceLine, YAxis } from 'recharts';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import type { Target } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { ErrorState, LoadingState } from '../common/States';
import { TargetBadge } from '../targets/TargetBadge';

/** One point of a tile's trend, in the metric's own unit. */
export interface KpiPoint {
  value: number;
}

/** What a tile shows once its figures are in. */
export interface KpiFigure {
  /** The figure in words ("35%", "12 min"), or why there is none. */
  value: string;
  /** Its n and unit in words ("14 of 40 eligible components"). */
  detail?: string;
  /** The trend, oldest first; none drawn with fewer than two points. */
  trend: KpiPoint[];
  /** Whether the trend is the target's series, in the target's unit (the target is then drawn on it). */
  trendIsTargetSeries?: boolean;
}

/**
 * One KPI of the Platform KPIs section: a labelled section with the figure,
 * its n, a sparkline of its trend (with the target dashed when the trend
 * is the target's own series) and the target's badge. While its own data
 * loads, a progress bar; when that fails, its own error, the other tiles
 * unaffected.
 */
export function KpiTile(props: {
  metric: string;
  testId: string;
  state: { loading: boolean; error?: unknown; figure?: KpiFigure };
  target?: Target;
  /** Formats a trend value and the target for the sparkline's description. */
  format: (value: number) => string;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { loading, error, figure } = props.state;
  return (
    <Card
      component="section"
      // not the bare title: the page's cards below carry those names
      aria-label={t('kpis.tileLabel', { metric: props.metric })}
      variant="outlined"
      data-testid={`kpi-${props.testId}`}
      style={{ height: '100%' }}
    >
      <CardContent>
        <Typography variant="subtitle1" component="h3">
          {props.metric}
        </Typography>
        {loading && <LoadingState label={t('kpis.loading', { metric: props.metric })} />}
        {!loading && error !== undefined && (
          <ErrorState title={t('kpis.errorTitle', { metric: props.metric })} error={error} />
        )}
        {!loading && error === undefined && figure && (
          <>
            <Typography variant="h4" component="p" data-testid={`kpi-${props.testId}-value`}>
              {figure.value}
            </Typography>
            {figure.detail && (
              <Typography variant="body2" color="textSecondary">
                {figure.detail}
              </Typography>
            )}
            <Sparkline
              metric={props.metric}
              points={figure.trend}
              target={figure.trendIsTargetSeries ? props.target?.value : undefined}
              format={props.format}
            />
          </>
        )}
        {props.target && <TargetBadge target={props.target} />}
      </CardContent>
    </Card>
  );
}

/** A small line of the trend; the target dashed when it is drawn in the trend's unit. Described in words. */
function Sparkline(props: { metric: string; points: KpiPoint[]; target?: number; format: (v: number) => string }): ReactNode {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { points, target } = props;
  if (points.length < 2) return null;
  const words = {
    metric: props.metric,
    first: props.format(points[0].value),
    last: props.format(points[points.length - 1].value),
  };
  const label =
    target === undefined
      ? t('kpis.trend', words)
      : t('kpis.trendWithTarget', { ...words, target: props.format(target) });
  return (
    <figure role="img" aria-label={label} style={{ margin: '8px 0 0' }} data-testid="kpi-sparkline">
      <LineChart data={points} width={220} height={48} margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
        <YAxis hide domain={['auto', 'auto']} />
        {target !== undefined && (
          <ReferenceLine y={target} stroke="#616161" strokeDasharray="4 4" ifOverflow="extendDomain" />
        )}
        <Line type="monotone" dataKey="value" stroke="#3f51b5" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </figure>
  );
}

import { ReactNode, useId } from 'react';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { Tier } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { TierBadge } from './TierBadge';
import { TrendChart } from './TrendChart';
import { CardHeading } from './CardHeading';
import { CountUnit, countOf } from './format';
import type { WeeklyMetricChart } from './weeklyMetrics';
import type { ChartMarker } from '../annotations/markers';

export interface MetricCardProps {
  title: string;
  /** How the number is computed (shown in a tooltip). */
  definition: string;
  /** The value in human units, or null when there is nothing to show. */
  value: string | null;
  /** Shown instead of the value when it is null. */
  noValueText?: string;
  details?: ReactNode;
  /** Omit for metrics without a benchmark tier (rework rate). */
  tier?: Tier | null;
  benchmark?: string | null;
  n: number;
  /** Unit of the sample, e.g. 'deployments'. */
  sampleUnit: CountUnit;
  /** Fewest samples for a tier, as the API sends it. */
  minSamples: number | null | undefined;
  trend?: WeeklyMetricChart & {
    data: Array<Record<string, string | number | null>>;
    formatX?: (v: string) => string;
    /** Annotations on the trend. */
    markers?: ChartMarker[];
  };
  onMarkerSelect?: (id: string) => void;
}

/** One metric: value, tier badge with benchmark, sample size, trend and definition. */
export function MetricCard(props: MetricCardProps) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const titleId = useId();
  const insufficient = props.tier === 'insufficient-data';
  const sample = countOf(t, props.sampleUnit, props.n ?? 0);
  return (
    <Card
      component="section"
      aria-labelledby={titleId}
      variant="outlined"
      style={{ height: '100%' }}
    >
      <CardContent>
        <CardHeading id={titleId} title={props.title} definition={props.definition} />
        <Typography variant="h4" component="p" data-testid="metric-value">
          {props.value ?? props.noValueText ?? t('common.noData')}
        </Typography>
        {props.details && (
          <Typography variant="body2" color="textSecondary" component="div">
            {props.details}
          </Typography>
        )}
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          mt={1}
          style={{ gap: 8 }}
        >
          {props.tier !== undefined && (
            <TierBadge tier={props.tier} benchmark={props.benchmark ?? null} />
          )}
          <Typography variant="body2" component="span">
            {t('metricCard.sampleSize', { n: String(props.n ?? 0) })}
          </Typography>
        </Box>
        {insufficient && (
          <Typography variant="body2" color="textSecondary">
            {typeof props.minSamples === 'number'
              ? t('metricCard.insufficientSamples', {
                  sample,
                  minSamples: String(props.minSamples),
                })
              : sample}
          </Typography>
        )}
        {props.tier === undefined && (
          <Typography variant="body2" color="textSecondary">
            {t('metricCard.noBenchmarkTier')}
          </Typography>
        )}
        {props.trend && (
          <Box mt={1}>
            <TrendChart
              title={t('metricCard.trendTitle', { title: props.title })}
              data={props.trend.data}
              xKey="weekStart"
              xLabel={t('metricCard.trendXLabel')}
              yLabel={props.trend.yLabel}
              series={[
                {
                  key: props.trend.key,
                  name: props.trend.name,
                  color: '#3f51b5',
                },
              ]}
              formatY={props.trend.formatY}
              formatX={props.trend.formatX}
              height={160}
              emptyMessage={t('metricCard.trendEmpty')}
              markers={props.trend.markers}
              onMarkerSelect={props.onMarkerSelect}
            />
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

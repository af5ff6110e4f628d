import { ReactNode, useId } from 'react';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import type { Tier } from '@platform-metrics/plugin-platform-metrics-common';
import { TierBadge } from './TierBadge';
import { TrendChart } from './TrendChart';
import { plural } from './format';

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
  /** Unit of the sample, singular and plural: ['deployment', 'deployments']. */
  sampleUnit: [string, string];
  minSamples?: number | null;
  trend?: {
    data: Array<Record<string, string | number | null>>;
    key: string;
    name: string;
    yLabel: string;
    formatY?: (v: number) => string;
    formatX?: (v: string) => string;
  };
}

/** One metric: value, tier badge with benchmark, sample size, trend and definition. */
export function MetricCard(props: MetricCardProps) {
  const titleId = useId();
  const minSamples = props.minSamples ?? 3;
  const insufficient = props.tier === 'insufficient-data';
  const sample = plural(props.n ?? 0, props.sampleUnit[0], props.sampleUnit[1]);
  return (
    <Card
      component="section"
      aria-labelledby={titleId}
      variant="outlined"
      style={{ height: '100%' }}
    >
      <CardContent>
        <Box display="flex" alignItems="center" justifyContent="space-between">
          <Typography variant="h6" component="h3" id={titleId}>
            {props.title}
          </Typography>
          <Tooltip title={props.definition} arrow>
            <IconButton size="small" aria-label={`How ${props.title} is computed`}>
              <InfoOutlinedIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Box>
        <Typography variant="h4" component="p" data-testid="metric-value">
          {props.value ?? props.noValueText ?? 'No data'}
        </Typography>
        {props.details && (
          <Typography variant="body2" color="textSecondary" component="div">
            {props.details}
          </Typography>
        )}
        <Box display="flex" alignItems="center" flexWrap="wrap" mt={1} style={{ gap: 8 }}>
          {props.tier !== undefined && (
            <TierBadge tier={props.tier} benchmark={props.benchmark ?? null} />
          )}
          <Typography variant="body2" component="span">
            n = {props.n ?? 0}
          </Typography>
        </Box>
        {insufficient && (
          <Typography variant="body2" color="textSecondary">
            {sample}, tier needs ≥ {minSamples}
          </Typography>
        )}
        {props.tier === undefined && (
          <Typography variant="body2" color="textSecondary">
            No benchmark tier
          </Typography>
        )}
        {props.trend && (
          <Box mt={1}>
            <TrendChart
              title={`${props.title}: weekly trend`}
              data={props.trend.data}
              xKey="weekStart"
              xLabel="Week"
              yLabel={props.trend.yLabel}
              series={[
                { key: props.trend.key, name: props.trend.name, color: '#3f51b5' },
              ]}
              formatY={props.trend.formatY}
              formatX={props.trend.formatX}
              height={160}
              emptyMessage="No weekly data in this window."
            />
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

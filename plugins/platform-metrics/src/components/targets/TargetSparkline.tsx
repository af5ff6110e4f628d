import {
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import type { Target } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../../lib/time';
import { formatDate } from '../common/format';
import { formatTargetValue, targetMetricTitle } from './TargetStatusList';

type PlotUnit =
  | 'points'
  | 'rate'
  | 'minutes'
  | 'hours'
  | 'days'
  | 'perWeek'
  | 'developerHours'
  | 'money';

/** The unit a target's figures are drawn in, and the factor from its own. */
function plotUnit(target: Target): { unit: PlotUnit; factor: number } {
  switch (target.unit) {
    case 'rate':
      return { unit: 'rate', factor: 100 };
    case 'seconds':
      if (target.value >= 2 * SECONDS_PER_DAY) {
        return { unit: 'days', factor: 1 / SECONDS_PER_DAY };
      }
      // a CI pipeline's target is minutes
      return target.value < SECONDS_PER_HOUR
        ? { unit: 'minutes', factor: 1 / 60 }
        : { unit: 'hours', factor: 1 / SECONDS_PER_HOUR };
    default:
      return { unit: target.unit, factor: 1 };
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * A small line of a target's series with the target as a dashed line; its
 * caption names the metric and the unit, the tooltip gives each figure with
 * its date. Nothing with fewer than two points. The figures themselves are
 * written out beside it (TargetStatusList).
 */
export function TargetSparkline(props: { target: Target; width?: number }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { target } = props;
  if (target.series.length < 2) return null;
  const { unit, factor } = plotUnit(target);
  const data = target.series.map(p => ({
    at: p.at,
    value: round2(p.value * factor),
    raw: p.value,
  }));
  const title = t('targets.sparkline.title', {
    metric: targetMetricTitle(t, target.metric),
    unit:
      unit === 'money'
        ? target.currency ?? ''
        : t(`targets.sparkline.units.${unit}`),
  });
  return (
    <figure
      aria-label={title}
      data-testid={`target-sparkline-${target.metric}`}
      style={{ margin: '8px 0 0' }}
    >
      <Typography
        variant="caption"
        component="figcaption"
        color="textSecondary"
      >
        {title}
      </Typography>
      <LineChart
        data={data}
        width={props.width ?? 280}
        height={64}
        margin={{ top: 6, right: 8, bottom: 2, left: 8 }}
      >
        <XAxis dataKey="at" hide />
        <YAxis hide domain={['auto', 'auto']} />
        <Tooltip
          formatter={(_value: unknown, _name: unknown, item: any) => [
            formatTargetValue(
              t,
              target.unit,
              item?.payload?.raw,
              target.currency,
            ),
            t('targets.sparkline.value'),
          ]}
          labelFormatter={(label: unknown) => formatDate(String(label))}
        />
        <ReferenceLine
          y={round2(target.value * factor)}
          stroke="#616161"
          strokeDasharray="4 4"
          ifOverflow="extendDomain"
          label={{
            value: t('targets.sparkline.target'),
            position: 'insideTopRight',
            fontSize: 10,
            fill: '#424242',
          }}
        />
        <Line
          type="monotone"
          dataKey="value"
          stroke="#3f51b5"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </figure>
  );
}

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { platformMetricsTranslationRef } from '../../translation';

export interface StandingBar {
  /** The bar's short label on the axis: service, team or org. */
  label: string;
  /** In the unit of the axis; null draws no bar. */
  value: number | null;
  color: string;
}

/**
 * Three horizontal bars (this service, its team, the organisation) of one
 * metric, with its title, the unit on the axis and the values in the
 * tooltip. The figures are also written out beside the chart.
 */
export function StandingChart(props: {
  title: string;
  unit: string;
  bars: StandingBar[];
  format: (value: number) => string;
  /** Fixed width (tests); responsive when unset. */
  width?: number;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const height = 40 + props.bars.length * 28;
  const chart = (
    <BarChart
      data={props.bars}
      layout="vertical"
      width={props.width}
      height={height}
      margin={{ top: 4, right: 16, bottom: 20, left: 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis
        type="number"
        tickFormatter={props.format}
        label={{ value: props.unit, position: 'insideBottom', offset: -12 }}
      />
      <YAxis type="category" dataKey="label" width={64} interval={0} />
      <Tooltip
        formatter={(value: unknown) =>
          typeof value === 'number'
            ? props.format(value)
            : t('trendChart.noValue')
        }
      />
      <Bar dataKey="value" name={props.unit} isAnimationActive={false}>
        {props.bars.map(b => (
          <Cell key={b.label} fill={b.color} />
        ))}
      </Bar>
    </BarChart>
  );
  return (
    <figure aria-label={props.title} style={{ margin: 0 }}>
      <Typography variant="caption" component="figcaption">
        {props.title}
      </Typography>
      {props.width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
    </figure>
  );
}

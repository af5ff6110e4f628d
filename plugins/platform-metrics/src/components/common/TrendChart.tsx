import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { platformMetricsTranslationRef } from '../../translation';
import { InlineEmpty } from './States';
import type { ChartMarker } from '../annotations/markers';

export interface TrendSeries {
  /** Key of the value in each data point. */
  key: string;
  /** Legend label, including the unit, e.g. "Lead time (hours)". */
  name: string;
  color: string;
}

export interface TrendChartProps {
  /** Accessible title of the chart. */
  title: string;
  data: Array<Record<string, string | number | null>>;
  xKey: string;
  /** Axis labels with units. */
  xLabel: string;
  yLabel: string;
  series: TrendSeries[];
  kind?: 'line' | 'bar';
  /** Formats y values in the tooltip and on the axis. */
  formatY?: (value: number) => string;
  formatX?: (value: string) => string;
  yDomain?: [number | 'auto', number | 'auto'];
  /** Dashed horizontal lines, labelled to their right unless `labelPosition` says otherwise. */
  referenceLines?: Array<{
    y: number;
    label: string;
    labelPosition?: 'right' | 'insideTopRight';
  }>;
  emptyMessage?: string;
  /** Annotations as labelled vertical lines, with a button each below the chart. */
  markers?: ChartMarker[];
  onMarkerSelect?: (id: string) => void;
  height?: number;
  /** Label every x value (a few categories), instead of as many as fit. */
  allXTicks?: boolean;
  /** Fixed width (tests, print); responsive when unset. */
  width?: number;
}

function hasValues(props: TrendChartProps): boolean {
  return props.data.some(point =>
    props.series.some(s => {
      const v = point[s.key];
      return typeof v === 'number' && Number.isFinite(v);
    }),
  );
}

/**
 * A line or bar chart with legend, axis units and an empty state. `null`
 * values are drawn as gaps, never as zero.
 */
export function TrendChart(props: TrendChartProps) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const height = props.height ?? 220;
  if (!props.data.length || !hasValues(props)) {
    return (
      <figure aria-label={props.title} style={{ margin: 0 }}>
        <InlineEmpty>{props.emptyMessage ?? t('trendChart.empty')}</InlineEmpty>
      </figure>
    );
  }
  const formatY = props.formatY ?? ((v: number) => String(v));
  const common = {
    data: props.data,
    margin: { top: 8, right: 16, bottom: 24, left: 16 },
  };
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" />,
    <XAxis
      key="x"
      dataKey={props.xKey}
      tickFormatter={props.formatX}
      interval={props.allXTicks ? 0 : 'preserveEnd'}
      label={{ value: props.xLabel, position: 'insideBottom', offset: -12 }}
    />,
    <YAxis
      key="y"
      tickFormatter={formatY}
      domain={props.yDomain}
      label={{
        value: props.yLabel,
        angle: -90,
        position: 'insideLeft',
        style: { textAnchor: 'middle' },
      }}
    />,
    <Tooltip
      key="tooltip"
      formatter={(value: unknown) =>
        typeof value === 'number' ? formatY(value) : t('trendChart.noValue')
      }
      labelFormatter={(label: unknown) =>
        props.formatX ? props.formatX(String(label)) : String(label)
      }
    />,
    <Legend key="legend" verticalAlign="top" height={28} />,
    ...(props.markers ?? []).map(m => (
      <ReferenceLine
        key={`marker-${m.id}`}
        x={m.x}
        stroke="#ff6f00"
        strokeWidth={2}
        style={props.onMarkerSelect ? { cursor: 'pointer' } : undefined}
        onClick={() => props.onMarkerSelect?.(m.id)}
        label={{ value: m.label, position: 'insideTopLeft', fontSize: 11, fill: '#ff6f00' }}
      />
    )),
    ...(props.referenceLines ?? []).map(r => (
      <ReferenceLine
        key={`ref-${r.y}`}
        y={r.y}
        stroke="#999"
        strokeDasharray="4 4"
        label={{
          value: r.label,
          position: r.labelPosition ?? 'right',
          fontSize: 11,
        }}
      />
    )),
  ];
  const chart =
    props.kind === 'bar' ? (
      <BarChart {...common} width={props.width} height={height}>
        {axes}
        {props.series.map(s => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.color}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    ) : (
      <LineChart {...common} width={props.width} height={height}>
        {axes}
        {props.series.map(s => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            dot
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    );
  return (
    <figure aria-label={props.title} style={{ margin: 0 }}>
      <Typography variant="subtitle2" component="figcaption">
        {props.title}
      </Typography>
      {props.width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
      {!!props.markers?.length && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} aria-label={t('annotations.markersLabel')} role="group">
          {props.markers.map(m => (
            <Chip
              key={m.id}
              size="small"
              variant="outlined"
              label={m.label}
              onClick={props.onMarkerSelect ? () => props.onMarkerSelect!(m.id) : undefined}
            />
          ))}
        </Box>
      )}
    </figure>
  );
}

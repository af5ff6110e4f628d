import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import {
  PlatformMetricsT,
  platformMetricsTranslationRef,
} from '../../translation';
import { DAYS_PER_WEEK, SECONDS_PER_DAY } from '../../lib/time';
import { axisHours, axisPercent, formatShortDate } from '../common/format';
import { TrendChart } from '../common/TrendChart';
import { formatNps } from '../PlatformHealthPage/HeadlineTiles';
import { ADOPTION_PHASE_BANDS } from './adoptionPhase';
import { ReviewKpi } from './kpiRows';

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Each KPI's chart: its axis unit, the value in that unit and its ticks. */
const CHARTS: Record<
  string,
  {
    unit: (t: PlatformMetricsT) => string;
    toUnit?: (v: number) => number;
    formatY?: (t: PlatformMetricsT, v: number) => string;
  }
> = {
  deploymentFrequency: {
    unit: t => t('review.charts.deploysPerWeek'),
    toUnit: v => round1(v * DAYS_PER_WEEK),
  },
  leadTime: {
    unit: t => t('review.charts.hours'),
    formatY: axisHours,
  },
  changeFailureRate: {
    unit: t => t('review.charts.percentOfDeploys'),
    formatY: axisPercent,
  },
  timeToRestore: {
    unit: t => t('review.charts.hours'),
    formatY: axisHours,
  },
  timeToFirstDeploy: {
    unit: t => t('review.charts.daysUnit'),
    toUnit: v => round1(v / SECONDS_PER_DAY),
    formatY: (t, v) => t('review.charts.days', { value: String(v) }),
  },
  adoptionRate: {
    unit: t => t('review.charts.percentAdopted'),
    formatY: axisPercent,
  },
  nps: {
    unit: t => t('review.charts.npsScore'),
    formatY: (_t, v) => formatNps(v),
  },
};

const BAR_COLOR = '#1565c0';
const LINE_COLOR = '#2e7d32';

/**
 * A bar chart per KPI (the baseline, last quarter and this quarter side by
 * side, each titled, with its unit on the axis and a tooltip) and the
 * adoption rate over the two quarters against the phase bands.
 */
export function QuarterCharts(props: {
  kpis: ReviewKpi[];
  /** The ids of this quarter and the one before, the bars' labels. */
  quarter: string;
  previousQuarter: string;
  hasBaseline: boolean;
  adoptionTrend: Array<{ date: string; rate: number | null }>;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const periods = [
    ...(props.hasBaseline
      ? [{ label: t('review.charts.baselineBar'), side: 'base' as const }]
      : []),
    { label: props.previousQuarter, side: 'last' as const },
    { label: props.quarter, side: 'this' as const },
  ];
  return (
    <Grid container spacing={2}>
      {props.kpis.map(k => {
        const chart = CHARTS[k.spec.key];
        if (!chart) return null;
        const toUnit = chart.toUnit ?? ((v: number) => v);
        const valueOf = (side: 'base' | 'last' | 'this') => {
          const v = side === 'this' ? k.value : k[side]?.before.value ?? null;
          return v === null ? null : toUnit(v);
        };
        const title = k.spec.title(t);
        return (
          <Grid
            item
            xs={12}
            sm={6}
            md={4}
            key={k.spec.key}
            data-testid={`review-chart-${k.spec.key}`}
          >
            <TrendChart
              title={t('review.charts.chartTitle', { metric: title })}
              kind="bar"
              xKey="period"
              xLabel={t('review.charts.period')}
              yLabel={chart.unit(t)}
              data={periods.map(p => ({
                period: p.label,
                value: valueOf(p.side),
              }))}
              // the unit in the legend and the tooltip too
              series={[
                {
                  key: 'value',
                  name: t('review.charts.seriesName', {
                    metric: title,
                    unit: chart.unit(t),
                  }),
                  color: BAR_COLOR,
                },
              ]}
              formatY={chart.formatY && (v => chart.formatY!(t, v))}
              emptyMessage={t('review.charts.noValue')}
              height={200}
              allXTicks
            />
          </Grid>
        );
      })}
      <Grid item xs={12} data-testid="review-chart-adoption-trend">
        <TrendChart
          title={t('review.charts.adoptionTrendTitle')}
          xKey="date"
          xLabel={t('review.charts.adoptionTrendX')}
          yLabel={t('review.charts.percentAdopted')}
          data={props.adoptionTrend}
          series={[
            {
              key: 'rate',
              name: t('review.kpis.adoptionRate'),
              color: LINE_COLOR,
            },
          ]}
          formatX={formatShortDate}
          formatY={v => axisPercent(t, v)}
          yDomain={[0, 1]}
          referenceLines={ADOPTION_PHASE_BANDS.filter(b => b.min > 0).map(
            b => ({
              y: b.min,
              label: t(`review.phase.${b.phase}`),
              labelPosition: 'insideTopRight' as const,
            }),
          )}
          emptyMessage={t('review.phase.noRate')}
          height={240}
        />
      </Grid>
    </Grid>
  );
}

import Grid from '@material-ui/core/Grid';
import Card from '@material-ui/core/Card';
import Typography from '@material-ui/core/Typography';
import CardContent from '@material-ui/core/CardContent';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { Annotation, OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { weeklyMarkers } from '../annotations/markers';
import { platformMetricsTranslationRef } from '../../translation';
import { TrendChart, TrendChartProps } from '../common/TrendChart';
import { ADOPTION_PHASES, phaseLabel } from '../common/definitions';
import { axisPercent, formatPercent, formatShortDate, weeklySeries } from '../common/format';
import { WeeklyMetricKey, weeklyMetricChart } from '../common/weeklyMetrics';

const signed = (v: number) => (v > 0 ? `+${v}` : String(v));

/** NPS from which the band is acceptable, and good (metrics.md). */
const NPS_ACCEPTABLE = 0;
const NPS_GOOD = 20;

/** A one-series chart of the trend grid. */
type TrendCardSpec = Omit<TrendChartProps, 'series'> & {
  series: TrendChartProps['series'][number];
  /** A line under the chart. */
  caption?: string;
};

/** One chart of the grid, on a card of half the width. */
function TrendCard(props: { spec: TrendCardSpec }) {
  const { series, caption, ...chart } = props.spec;
  return (
    <Grid item xs={12} md={6}>
      <Card variant="outlined" style={{ height: '100%' }}>
        <CardContent>
          <TrendChart {...chart} series={[series]} />
          {caption && (
            <Typography variant="body2" color="textSecondary">
              {caption}
            </Typography>
          )}
        </CardContent>
      </Card>
    </Grid>
  );
}

/** NPS by survey, adoption over time and the weekly DORA trends. */
export function Trends(props: {
  summary: OrgSummary;
  /** Drawn as markers on the weekly DORA trends. */
  annotations?: Annotation[];
  onSelectAnnotation?: (id: string) => void;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const s = props.summary;
  const weekly = weeklySeries(s.trend);
  const markers = weeklyMarkers(props.annotations ?? [], weekly, a =>
    t('annotations.marker', { title: a.title, date: formatShortDate(a.at) }),
  );
  const weeklyChart = (
    key: WeeklyMetricKey,
    title: string,
    color: string,
    emptyMessage: string,
    kind?: 'bar',
  ): TrendCardSpec => {
    const { name, yLabel, formatY } = weeklyMetricChart(t, key);
    return {
      title,
      kind,
      data: weekly,
      xKey: 'weekStart',
      xLabel: t('trends.weekStarting'),
      yLabel,
      series: { key, name, color },
      formatY,
      formatX: formatShortDate,
      emptyMessage,
      markers,
      onMarkerSelect: props.onSelectAnnotation,
    };
  };
  // each shown survey's response rate, under the NPS chart (its scale is not the score's)
  const rates = (s.nps?.trend ?? []).flatMap(p =>
    typeof p.responseRate === 'number'
      ? [t('trends.npsResponseRate', { surveyId: p.surveyId, rate: formatPercent(t, p.responseRate, 0) })]
      : [],
  );
  const phase12 = ADOPTION_PHASES.find(p => p.months === 12)!;
  const phase18 = ADOPTION_PHASES.find(p => p.months === 18)!;

  const charts: TrendCardSpec[] = [
    {
      title: t('trends.npsTitle'),
      data: (s.nps?.trend ?? []).map(p => ({
        surveyId: p.surveyId,
        score: p.score ?? null,
        n: p.n ?? 0,
      })),
      xKey: 'surveyId',
      xLabel: t('trends.npsXLabel'),
      yLabel: t('trends.npsYLabel'),
      series: { key: 'score', name: t('trends.npsSeries'), color: '#3f51b5' },
      formatY: signed,
      yDomain: [-100, 100],
      referenceLines: [
        {
          y: NPS_ACCEPTABLE,
          label: t('trends.npsAcceptable', { score: String(NPS_ACCEPTABLE) }),
        },
        {
          y: NPS_GOOD,
          label: t('trends.npsGood', { score: String(NPS_GOOD) }),
        },
      ],
      emptyMessage: t('trends.npsEmpty'),
      caption: rates.length > 0 ? t('trends.npsResponseRates', { rates: rates.join(' · ') }) : undefined,
    },
    {
      title: t('trends.adoptionTitle'),
      data: (s.adoption?.trend ?? []).map(p => ({
        date: p.date,
        rate: p.rate ?? null,
      })),
      xKey: 'date',
      xLabel: t('trends.adoptionXLabel'),
      yLabel: t('trends.adoptionYLabel'),
      series: {
        key: 'rate',
        name: t('trends.adoptionSeries'),
        color: '#2e7d32',
      },
      formatY: v => axisPercent(t, v),
      formatX: formatShortDate,
      yDomain: [0, 1],
      referenceLines: [phase12, phase18].map(p => ({
        y: p.min,
        label: phaseLabel(t, p),
      })),
      emptyMessage: t('trends.adoptionEmpty'),
    },
    weeklyChart(
      'deployments',
      t('trends.deploymentsTitle'),
      '#3f51b5',
      t('trends.noDeployments'),
      'bar',
    ),
    weeklyChart(
      'leadTimeMedian',
      t('trends.leadTimeTitle'),
      '#6a1b9a',
      t('trends.noChanges'),
    ),
    weeklyChart(
      'changeFailureRate',
      t('trends.changeFailureRateTitle'),
      '#c62828',
      t('trends.noDeployments'),
    ),
    weeklyChart(
      'timeToRestoreMedian',
      t('trends.timeToRestoreTitle'),
      '#b26a00',
      t('trends.noIncidents'),
    ),
  ];
  return (
    <Grid container spacing={2}>
      {charts.map(spec => (
        <TrendCard key={spec.title} spec={spec} />
      ))}
    </Grid>
  );
}

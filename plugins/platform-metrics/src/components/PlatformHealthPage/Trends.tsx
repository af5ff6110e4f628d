import Grid from '@material-ui/core/Grid';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import type { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { TrendChart } from '../common/TrendChart';
import {
  axisHours,
  axisPercent,
  formatShortDate,
  weeklySeries,
} from '../common/format';

const signed = (v: number) => (v > 0 ? `+${v}` : String(v));

function ChartCard(props: { children: JSX.Element }) {
  return (
    <Card variant="outlined" style={{ height: '100%' }}>
      <CardContent>{props.children}</CardContent>
    </Card>
  );
}

/** The four weekly DORA charts: one series each over `trend`. */
const WEEKLY_CHARTS: Array<{
  title: string;
  key: string;
  name: string;
  color: string;
  yLabel: string;
  kind?: 'bar';
  formatY?: (value: number) => string;
  emptyMessage: string;
}> = [
  {
    title: 'Weekly deployments',
    kind: 'bar',
    key: 'deployments',
    name: 'Production deployments',
    color: '#3f51b5',
    yLabel: 'deploys / week',
    emptyMessage: 'No deployments in this window.',
  },
  {
    title: 'Weekly lead time for changes',
    key: 'leadTimeMedian',
    name: 'Median lead time (hours)',
    color: '#6a1b9a',
    yLabel: 'hours',
    formatY: axisHours,
    emptyMessage: 'No changes shipped in this window.',
  },
  {
    title: 'Weekly change failure rate',
    key: 'changeFailureRate',
    name: 'Change failure rate (%)',
    color: '#c62828',
    yLabel: '% of deploys',
    formatY: axisPercent,
    emptyMessage: 'No deployments in this window.',
  },
  {
    title: 'Weekly time to restore service',
    key: 'timeToRestoreMedian',
    name: 'Median time to restore (hours)',
    color: '#b26a00',
    yLabel: 'hours',
    formatY: axisHours,
    emptyMessage: 'No incidents resolved in this window.',
  },
];

/** NPS by survey, adoption over time and the weekly DORA trends. */
export function Trends(props: { summary: OrgSummary }) {
  const s = props.summary;
  const npsTrend = (s.nps?.trend ?? []).map(p => ({
    surveyId: p.surveyId,
    score: p.score ?? null,
    n: p.n ?? 0,
  }));
  const adoptionTrend = (s.adoption?.trend ?? []).map(p => ({
    date: p.date,
    rate: p.rate ?? null,
  }));
  const weekly = weeklySeries(s.trend);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <ChartCard>
          <TrendChart
            title="NPS by survey"
            data={npsTrend}
            xKey="surveyId"
            xLabel="Survey"
            yLabel="NPS (−100 to 100)"
            series={[{ key: 'score', name: 'Developer NPS', color: '#3f51b5' }]}
            formatY={signed}
            yDomain={[-100, 100]}
            referenceLines={[
              { y: 0, label: 'acceptable ≥ 0' },
              { y: 20, label: 'good ≥ 20' },
            ]}
            emptyMessage="No survey responses yet."
          />
        </ChartCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <ChartCard>
          <TrendChart
            title="Golden-path adoption over time"
            data={adoptionTrend}
            xKey="date"
            xLabel="Date"
            yLabel="% of eligible entities"
            series={[{ key: 'rate', name: 'Adoption (%)', color: '#2e7d32' }]}
            formatY={axisPercent}
            formatX={formatShortDate}
            yDomain={[0, 1]}
            referenceLines={[
              { y: 0.5, label: '>50% at 12 months' },
              { y: 0.7, label: '>70% at 18 months' },
            ]}
            emptyMessage="No adoption snapshots yet."
          />
        </ChartCard>
      </Grid>
      {WEEKLY_CHARTS.map(chart => (
        <Grid item xs={12} md={6} key={chart.key}>
          <ChartCard>
            <TrendChart
              title={chart.title}
              kind={chart.kind}
              data={weekly}
              xKey="weekStart"
              xLabel="Week starting"
              yLabel={chart.yLabel}
              series={[{ key: chart.key, name: chart.name, color: chart.color }]}
              formatY={chart.formatY}
              formatX={formatShortDate}
              emptyMessage={chart.emptyMessage}
            />
          </ChartCard>
        </Grid>
      ))}
    </Grid>
  );
}

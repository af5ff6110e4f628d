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
      <Grid item xs={12} md={6}>
        <ChartCard>
          <TrendChart
            title="Weekly deployments"
            kind="bar"
            data={weekly}
            xKey="weekStart"
            xLabel="Week starting"
            yLabel="deploys / week"
            series={[
              { key: 'deployments', name: 'Production deployments', color: '#3f51b5' },
            ]}
            formatX={formatShortDate}
            emptyMessage="No deployments in this window."
          />
        </ChartCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <ChartCard>
          <TrendChart
            title="Weekly lead time for changes"
            data={weekly}
            xKey="weekStart"
            xLabel="Week starting"
            yLabel="hours"
            series={[
              { key: 'leadTimeMedian', name: 'Median lead time (hours)', color: '#6a1b9a' },
            ]}
            formatY={axisHours}
            formatX={formatShortDate}
            emptyMessage="No changes shipped in this window."
          />
        </ChartCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <ChartCard>
          <TrendChart
            title="Weekly change failure rate"
            data={weekly}
            xKey="weekStart"
            xLabel="Week starting"
            yLabel="% of deploys"
            series={[
              { key: 'changeFailureRate', name: 'Change failure rate (%)', color: '#c62828' },
            ]}
            formatY={axisPercent}
            formatX={formatShortDate}
            emptyMessage="No deployments in this window."
          />
        </ChartCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <ChartCard>
          <TrendChart
            title="Weekly time to restore service"
            data={weekly}
            xKey="weekStart"
            xLabel="Week starting"
            yLabel="hours"
            series={[
              { key: 'timeToRestoreMedian', name: 'Median time to restore (hours)', color: '#b26a00' },
            ]}
            formatY={axisHours}
            formatX={formatShortDate}
            emptyMessage="No incidents resolved in this window."
          />
        </ChartCard>
      </Grid>
    </Grid>
  );
}

import Grid from '@material-ui/core/Grid';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { EntityScorecard } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { MetricCard } from '../common/MetricCard';
import { GoldenPathCard } from './GoldenPathCard';
import { OverallCard } from './OverallCard';
import { PipelinesCard } from './PipelinesCard';
import { CostCard } from './CostCard';
import { DeploymentsTable, IncidentsTable } from './RecentTables';
import { scorecardMetrics } from './scorecardMetrics';

/** The scorecard of one entity, from an already loaded {@link EntityScorecard}. */
export function ScorecardView(props: { scorecard: EntityScorecard }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const s = props.scorecard;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <OverallCard scorecard={s} />
      </Grid>
      <Grid item xs={12} md={6}>
        <GoldenPathCard adoption={s.adoption} />
      </Grid>
      {scorecardMetrics(t, s).map(metric => (
        <Grid item xs={12} sm={6} lg={4} key={metric.id}>
          <MetricCard {...metric.card} />
        </Grid>
      ))}
      <Grid item xs={12} sm={6} lg={4}>
        <PipelinesCard entityRef={s.entityRef} windowDays={s.window.days} />
      </Grid>
      <Grid item xs={12} sm={6} lg={4}>
        <CostCard entityRef={s.entityRef} />
      </Grid>
      <Grid item xs={12} lg={8}>
        <DeploymentsTable deployments={s.recentDeployments ?? []} />
      </Grid>
      <Grid item xs={12}>
        <IncidentsTable incidents={s.recentIncidents ?? []} />
      </Grid>
    </Grid>
  );
}

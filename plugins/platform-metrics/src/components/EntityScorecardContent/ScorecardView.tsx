import { ReactNode } from 'react';
import Grid from '@material-ui/core/Grid';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  Annotation,
  EntityScorecard,
} from '@platform-metrics/plugin-platform-metrics-common';
import { formatShortDate } from '../common/format';
import { weeklyMarkers } from '../annotations/markers';
import { platformMetricsTranslationRef } from '../../translation';
import { MetricCard } from '../common/MetricCard';
import { GoldenPathCard } from './GoldenPathCard';
import { OverallCard } from './OverallCard';
import { PipelinesCard } from './PipelinesCard';
import { CostCard } from './CostCard';
import { DeploymentsTable, IncidentsTable } from './RecentTables';
import { scorecardMetrics } from './scorecardMetrics';

/** The scorecard of one entity, from an already loaded {@link EntityScorecard}. */
export function ScorecardView(props: {
  scorecard: EntityScorecard;
  /** Drawn as markers on the weekly trends. */
  annotations?: Annotation[];
  onSelectAnnotation?: (id: string) => void;
  /** The comparison with the baseline or the previous period, shown under the metrics. */
  comparison?: ReactNode;
  /** The service against its team and the org, shown under the metrics. */
  standing?: ReactNode;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const s = props.scorecard;
  const markers = weeklyMarkers(props.annotations ?? [], s.trend ?? [], a =>
    t('annotations.marker', { title: a.title, date: formatShortDate(a.at) }),
  );
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
          <MetricCard
            {...metric.card}
            trend={metric.card.trend && { ...metric.card.trend, markers }}
            onMarkerSelect={props.onSelectAnnotation}
          />
        </Grid>
      ))}
      {props.standing && (
        <Grid item xs={12}>
          {props.standing}
        </Grid>
      )}
      {props.comparison && (
        <Grid item xs={12}>
          {props.comparison}
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <PipelinesCard entityRef={s.entityRef} windowDays={s.window.days} />
      </Grid>
      <Grid item xs={12} md={6}>
        <CostCard entityRef={s.entityRef} />
      </Grid>
      <Grid item xs={12}>
        <DeploymentsTable deployments={s.recentDeployments ?? []} />
      </Grid>
      <Grid item xs={12}>
        <IncidentsTable incidents={s.recentIncidents ?? []} />
      </Grid>
    </Grid>
  );
}

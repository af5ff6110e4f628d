import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { AdoptionCohort, AdoptionSplit } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsT, platformMetricsTranslationRef } from '../../translation';
import { TrendChart } from '../common/TrendChart';

const COHORT_LABELS = {
  adopted: 'split.adopted',
  'not-adopted': 'split.notAdopted',
  exception: 'split.exception',
} as const;

const HOURS = 3600;
const DAYS = 86_400;
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Each compared figure of a cohort, in the unit its chart's axis names. */
const FIGURES: Array<{
  key: string;
  title: (t: PlatformMetricsT) => string;
  value: (c: AdoptionCohort) => number | null;
  color: string;
}> = [
  {
    key: 'perEntity',
    title: t => t('split.perEntity'),
    value: c => (c.deploymentFrequencyPerEntity === null ? null : round1(c.deploymentFrequencyPerEntity * 7)),
    color: '#1565c0',
  },
  {
    key: 'leadTime',
    title: t => t('split.leadTime'),
    value: c => (c.dora.leadTime.median === null ? null : round1(c.dora.leadTime.median / HOURS)),
    color: '#6a1b9a',
  },
  {
    key: 'changeFailureRate',
    title: t => t('split.changeFailureRate'),
    value: c => (c.dora.changeFailureRate.value === null ? null : round1(c.dora.changeFailureRate.value * 100)),
    color: '#c62828',
  },
  {
    key: 'timeToRestore',
    title: t => t('split.timeToRestore'),
    value: c => (c.dora.timeToRestore.median === null ? null : round1(c.dora.timeToRestore.median / HOURS)),
    color: '#ef6c00',
  },
  {
    key: 'timeToFirstDeploy',
    title: t => t('split.timeToFirstDeploy'),
    value: c => (c.timeToFirstDeploy.median === null ? null : round1(c.timeToFirstDeploy.median / DAYS)),
    color: '#2e7d32',
  },
];

/**
 * The golden path against off path: each figure of the adopted,
 * not-adopted and exception cohorts side by side, each cohort with its n,
 * captioned as a correlation.
 */
export function AdoptionSplitCard(props: { split: AdoptionSplit }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const cohortLabel = (c: AdoptionCohort) =>
    t('split.cohortN', { cohort: t(COHORT_LABELS[c.status]), n: String(c.entities) });
  return (
    <Card component="section" variant="outlined" aria-label={t('split.title')}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {t('split.title')}
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          {t('split.caption')}
        </Typography>
        <Grid container spacing={2}>
          {FIGURES.map(f => {
            return (
              <Grid item xs={12} sm={6} lg={4} key={f.key} data-testid={`split-${f.key}`}>
                <TrendChart
                  title={t('split.chartLabel', { metric: f.title(t) })}
                  kind="bar"
                  xKey="cohort"
                  xLabel={t('split.axis')}
                  yLabel={f.title(t)}
                  data={props.split.cohorts.map(c => ({ cohort: cohortLabel(c), value: f.value(c) }))}
                  series={[{ key: 'value', name: f.title(t), color: f.color }]}
                  emptyMessage={t('split.noValue')}
                  height={200}
                  allXTicks
                />
              </Grid>
            );
          })}
        </Grid>
      </CardContent>
    </Card>
  );
}

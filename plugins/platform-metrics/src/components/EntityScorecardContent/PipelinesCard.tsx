import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { EntityPipelines } from '@platform-metrics/plugin-platform-metrics-common';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import { PlatformMetricsT, platformMetricsTranslationRef } from '../../translation';
import { formatDuration, formatPercent, formatShortDate } from '../common/format';
import { KpiCard } from '../common/KpiCard';
import { TrendChart } from '../common/TrendChart';

/** The background articles' target for a CI pipeline, in seconds. */
const TARGET_SECONDS = 10 * 60;

function PipelinesView(props: { value: EntityPipelines; t: PlatformMetricsT }) {
  const { value: p, t } = props;
  const { median, p90, n } = p.duration;
  const completed = p.runs.succeeded + p.runs.failed;
  return (
    <>
      <Typography variant="h4" component="p" data-testid="pipelines-median">
        {median === null ? t('pipelines.noRuns') : formatDuration(t, median)}
      </Typography>
      <Typography variant="body2" color="textSecondary" component="div">
        {[p90 === null ? null : t('pipelines.p90', { value: formatDuration(t, p90) }), t('pipelines.succeededRuns', { count: n })]
          .filter(Boolean)
          .join(t('common.detailSeparator'))}
      </Typography>
      {median !== null && (
        <Typography variant="body2" component="p">
          {median <= TARGET_SECONDS ? t('pipelines.targetMet') : t('pipelines.targetMissed')}
        </Typography>
      )}
      {completed > 0 && (
        <Typography variant="body2" component="p">
          {t('pipelines.failureRate', {
            value: formatPercent(t, p.failureRate),
            failed: String(p.runs.failed),
            total: String(completed),
          })}
        </Typography>
      )}
      {p.flaky.commits > 0 && (
        <Typography variant="body2" component="p">
          {t('pipelines.flaky', {
            value: formatPercent(t, p.flaky.rate),
            flaky: String(p.flaky.flakyCommits),
            commits: String(p.flaky.commits),
          })}
        </Typography>
      )}
      <Box mt={1}>
        <TrendChart
          title={t('metricCard.trendTitle', { title: t('pipelines.title') })}
          data={p.trend.map(w => ({
            weekStart: w.weekStart,
            minutes: w.durationMedian === null ? null : w.durationMedian / 60,
          }))}
          xKey="weekStart"
          xLabel={t('metricCard.trendXLabel')}
          yLabel={t('pipelines.minutesUnit')}
          series={[{ key: 'minutes', name: t('pipelines.trendName'), color: '#3f51b5' }]}
          formatY={v => t('pipelines.axisMinutes', { value: String(Number(v.toFixed(1))) })}
          formatX={formatShortDate}
          referenceLines={[{ y: TARGET_SECONDS / 60, label: t('pipelines.targetLine') }]}
          height={160}
          emptyMessage={t('metricCard.trendEmpty')}
        />
      </Box>
    </>
  );
}

/** CI pipeline duration, failure and flaky rates of one entity, against the 10-minute target. */
export function PipelinesCard(props: { entityRef: string; windowDays: number }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const ref = parseEntityRef(props.entityRef);
  const state = useAsync(
    () => api.getEntityPipelines(ref, { windowDays: props.windowDays }),
    [api, props.entityRef, props.windowDays],
  );
  return (
    <KpiCard
      title={t('pipelines.title')}
      definition={t('pipelines.definition')}
      loadingLabel={t('pipelines.loading')}
      errorTitle={t('pipelines.errorTitle')}
      emptyText={`${t('pipelines.noRuns')}. ${t('pipelines.noRunsDescription')}`}
      state={state}
      isEmpty={v => v.runs.succeeded + v.runs.failed + v.runs.cancelled === 0}
    >
      {v => <PipelinesView value={v} t={t} />}
    </KpiCard>
  );
}

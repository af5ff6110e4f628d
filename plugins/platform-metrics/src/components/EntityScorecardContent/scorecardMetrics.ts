import type { EntityScorecard } from '@platform-metrics/plugin-platform-metrics-common';
import type { PlatformMetricsT } from '../../translation';
import type { MetricCardProps } from '../common/MetricCard';
import { metricDefinitions } from '../common/definitions';
import {
  countOf,
  formatDuration,
  formatFrequency,
  formatPercent,
  formatShortDate,
  weeklySeries,
} from '../common/format';
import { WeeklyMetricKey, weeklyMetricChart } from '../common/weeklyMetrics';

/** One metric card of the scorecard. */
export interface ScorecardMetric {
  id: string;
  card: MetricCardProps;
}

function present(v: number | null | undefined): v is number {
  return v !== null && v !== undefined;
}

/**
 * The six metric cards of a scorecard: the four DORA metrics with their
 * weekly trends, failed deployment recovery time and rework rate.
 */
export function scorecardMetrics(
  t: PlatformMetricsT,
  s: EntityScorecard,
): ScorecardMetric[] {
  const defs = metricDefinitions(t);
  const data = weeklySeries(s.trend);
  const days = s.window?.days ?? 0;
  const common = { benchmark: s.benchmark, minSamples: s.minSamples };
  const trend = (key: WeeklyMetricKey, name?: string) => {
    const chart = weeklyMetricChart(t, key);
    return {
      ...chart,
      name: name ?? chart.name,
      data,
      formatX: formatShortDate,
    };
  };
  const p90 = (v: number | null | undefined) =>
    present(v)
      ? t('scorecard.medianAndP90', { p90: formatDuration(t, v) })
      : undefined;

  const { deploymentFrequency: df, leadTime: lt } = s.dora ?? {};
  const { changeFailureRate: cfr, timeToRestore: ttr } = s.dora ?? {};
  const rw = s.dora?.reworkRate;
  const rec = s.failedDeploymentRecoveryTime;
  const cov = s.changeDataCoverage;
  const dfCount = df?.count ?? 0;

  return [
    {
      id: 'deploymentFrequency',
      card: {
        ...common,
        title: t('scorecard.deploymentFrequency.title'),
        definition: defs.deploymentFrequency,
        value: dfCount > 0 ? formatFrequency(t, df?.perDay) : null,
        noValueText: t('scorecard.deploymentFrequency.noValue', {
          count: days,
        }),
        details:
          dfCount > 0
            ? t('scorecard.deploymentFrequency.details', {
                deployments: countOf(t, 'deployments', dfCount),
                count: days,
                frequency: formatFrequency(t, df?.perDay ?? null),
                perWeek: String(Number((df?.perWeek ?? 0).toFixed(2))),
              })
            : undefined,
        tier: df?.tier ?? 'insufficient-data',
        n: dfCount,
        sampleUnit: 'deployments',
        trend: trend('deployments', t('weekly.deploymentsPerWeek')),
      },
    },
    {
      id: 'leadTime',
      card: {
        ...common,
        title: t('scorecard.leadTime.title'),
        definition: defs.leadTime,
        value: present(lt?.median) ? formatDuration(t, lt?.median) : null,
        noValueText: t('scorecard.leadTime.noValue'),
        details:
          [
            p90(lt?.p90),
            cov && cov.total > 0
              ? t('scorecard.leadTime.coverage', {
                  share: formatPercent(t, cov.share),
                  complete: String(cov.complete),
                  count: cov.total,
                })
              : undefined,
          ]
            .filter(Boolean)
            .join(t('common.detailSeparator')) || undefined,
        tier: lt?.tier ?? 'insufficient-data',
        n: lt?.n ?? 0,
        sampleUnit: 'changes',
        trend: trend('leadTimeMedian'),
      },
    },
    {
      id: 'changeFailureRate',
      card: {
        ...common,
        title: t('scorecard.changeFailureRate.title'),
        definition: defs.changeFailureRate,
        value: present(cfr?.value) ? formatPercent(t, cfr?.value) : null,
        noValueText: t('scorecard.changeFailureRate.noValue'),
        details:
          cfr && cfr.total > 0
            ? t('scorecard.changeFailureRate.details', {
                failed: String(cfr.failed),
                deployments: countOf(t, 'deployments', cfr.total),
              })
            : undefined,
        tier: cfr?.tier ?? 'insufficient-data',
        n: cfr?.total ?? 0,
        sampleUnit: 'deployments',
        trend: trend('changeFailureRate'),
      },
    },
    {
      id: 'timeToRestore',
      card: {
        ...common,
        title: t('scorecard.timeToRestore.title'),
        definition: defs.timeToRestore,
        value: present(ttr?.median) ? formatDuration(t, ttr?.median) : null,
        noValueText: t('scorecard.timeToRestore.noValue'),
        details:
          [
            p90(ttr?.p90),
            ttr?.open
              ? t('scorecard.timeToRestore.open', {
                  incidents: countOf(t, 'incidents', ttr.open),
                })
              : undefined,
          ]
            .filter(Boolean)
            .join(t('common.detailSeparator')) || undefined,
        tier: ttr?.tier ?? 'insufficient-data',
        n: ttr?.n ?? 0,
        sampleUnit: 'resolvedIncidents',
        trend: trend('timeToRestoreMedian'),
      },
    },
    {
      id: 'failedDeploymentRecoveryTime',
      card: {
        ...common,
        title: t('scorecard.failedDeploymentRecoveryTime.title'),
        definition: defs.failedDeploymentRecoveryTime,
        value: present(rec?.median) ? formatDuration(t, rec?.median) : null,
        noValueText: t('scorecard.failedDeploymentRecoveryTime.noValue'),
        details:
          [
            p90(rec?.p90),
            rec?.open
              ? t('scorecard.failedDeploymentRecoveryTime.open', {
                  deployments: countOf(t, 'deployments', rec.open),
                })
              : undefined,
          ]
            .filter(Boolean)
            .join(t('common.detailSeparator')) || undefined,
        tier: rec?.tier ?? 'insufficient-data',
        n: rec?.n ?? 0,
        sampleUnit: 'deployments',
      },
    },
    {
      id: 'reworkRate',
      card: {
        ...common,
        title: t('scorecard.reworkRate.title'),
        definition: defs.reworkRate,
        value: present(rw?.value) ? formatPercent(t, rw?.value) : null,
        noValueText: t('scorecard.reworkRate.noValue'),
        details:
          rw && rw.total > 0
            ? t('scorecard.reworkRate.details', {
                rework: String(rw.rework),
                deployments: countOf(t, 'deployments', rw.total),
              })
            : undefined,
        n: rw?.total ?? 0,
        sampleUnit: 'deployments',
      },
    },
  ];
}

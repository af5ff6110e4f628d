import type { PlatformMetricsT } from '../../translation';
import { axisHours, axisPercent } from './format';

/** The series of a weekly trend point that are charted. */
export type WeeklyMetricKey =
  | 'deployments'
  | 'leadTimeMedian'
  | 'changeFailureRate'
  | 'timeToRestoreMedian';

/** How one weekly series is charted: legend name, y axis unit and ticks. */
export interface WeeklyMetricChart {
  key: WeeklyMetricKey;
  name: string;
  yLabel: string;
  formatY?: (value: number) => string;
}

/**
 * The legend, unit and ticks of a weekly series, the same on the scorecard's
 * metric cards and on the platform health page's trend charts.
 */
export function weeklyMetricChart(
  t: PlatformMetricsT,
  key: WeeklyMetricKey,
): WeeklyMetricChart {
  switch (key) {
    case 'deployments':
      return {
        key,
        name: t('weekly.productionDeployments'),
        yLabel: t('weekly.deploysPerWeekUnit'),
      };
    case 'leadTimeMedian':
      return {
        key,
        name: t('weekly.leadTime'),
        yLabel: t('weekly.hoursUnit'),
        formatY: v => axisHours(t, v),
      };
    case 'changeFailureRate':
      return {
        key,
        name: t('weekly.changeFailureRate'),
        yLabel: t('weekly.percentOfDeploysUnit'),
        formatY: v => axisPercent(t, v),
      };
    default:
      return {
        key,
        name: t('weekly.timeToRestore'),
        yLabel: t('weekly.hoursUnit'),
        formatY: v => axisHours(t, v),
      };
  }
}

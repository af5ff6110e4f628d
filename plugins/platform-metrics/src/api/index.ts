export { platformMetricsApiRef } from './PlatformMetricsApi';
export type {
  PlatformMetricsApi,
  MetricWindowOptions,
} from './PlatformMetricsApi';
export { PlatformMetricsClient } from './PlatformMetricsClient';

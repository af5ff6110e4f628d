export { platformMetricsApiRef } from './PlatformMetricsApi';
export type {
  PlatformMetricsApi,
  MetricWindowOptions,
  AnnotationQuery,
} from './PlatformMetricsApi';
export { PlatformMetricsClient } from './PlatformMetricsClient';

export { platformMetricsApiRef } from './PlatformMetricsApi';
export type {
  PlatformMetricsApi,
  MetricWindowOptions,
  AnnotationQuery,
  SummaryOptions,
} from './PlatformMetricsApi';
export { PlatformMetricsClient } from './PlatformMetricsClient';

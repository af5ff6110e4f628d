/**
 * Platform Metrics for Backstage, frontend plugin: the entity "Scorecard"
 * tab, the "Platform health" page and the developer NPS survey card.
 *
 * This entry point serves the legacy frontend system; the new frontend
 * system plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  platformMetricsPlugin,
  PlatformHealthPage,
  EntityScorecardContent,
  EntityPlatformMetricsContent,
  SurveyCard,
} from './plugin';
export {
  platformMetricsApiRef,
  PlatformMetricsClient,
  type PlatformMetricsApi,
  type MetricWindowOptions,
  type AnnotationQuery,
  type SummaryOptions,
} from './api';
export { rootRouteRef as platformMetricsRouteRef } from './routes';

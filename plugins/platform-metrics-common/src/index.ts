/**
 * What the platform-metrics frontend and backend plugins share: the HTTP
 * API's models and client (generated from the backend's OpenAPI spec), the
 * permissions, and the defaults and limits both sides rely on.
 *
 * @packageDocumentation
 */
// the models and the DefaultApiClient generated from the backend's OpenAPI spec
export * from './schema/openapi';
export { SPACE_DIMENSIONS, TIERS } from './constants';
export type { SpaceDimension } from './constants';
export { npsBand } from './nps';
export {
  platformMetricsReadPermission,
  platformMetricsCommentsReadPermission,
  platformMetricsIngestPermission,
  platformMetricsSurveyImportPermission,
  platformMetricsSurveyAdminPermission,
  platformMetricsAnnotationsWritePermission,
  platformMetricsIntegrationsReadPermission,
  platformMetricsPermissions,
} from './permissions';
export {
  WINDOW_OPTIONS_DAYS,
  DEFAULT_WINDOW_DAYS,
  MIN_WINDOW_DAYS,
  MAX_WINDOW_DAYS,
  DEFAULT_MIN_SAMPLES,
  MAX_COMMENT_LENGTH,
  STALLED_AFTER_DAYS,
  DEFAULT_ELIGIBLE_TYPES,
  MAX_BATCH,
} from './defaults';

/**
 * What the platform-metrics frontend and backend plugins share: the HTTP
 * API's types, the permissions, and the defaults both sides rely on.
 *
 * @packageDocumentation
 */
export * from './types';
export { NPS_BAND_LABELS, npsBand } from './nps';
export {
  platformMetricsReadPermission,
  platformMetricsCommentsReadPermission,
  platformMetricsIngestPermission,
  platformMetricsPermissions,
} from './permissions';
export {
  WINDOW_OPTIONS_DAYS,
  DEFAULT_WINDOW_DAYS,
  MAX_WINDOW_DAYS,
  DEFAULT_MIN_SAMPLES,
  MAX_COMMENT_LENGTH,
  MAX_BATCH,
} from './defaults';

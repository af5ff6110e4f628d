/**
 * Defaults and limits of the platform-metrics API, shared by the frontend
 * (window selectors, form limits, texts) and the backend (validation and the
 * configuration defaults it applies), so that neither restates the other.
 */

/**
 * The window lengths, in days, that the window selectors offer and that the
 * backend's rollup job precomputes summaries for by default
 * (`platformMetrics.rollups.summaryWindows`).
 *
 * @public
 */
export const WINDOW_OPTIONS_DAYS: readonly number[] = Object.freeze([
  30, 90, 180, 365,
]);

/**
 * Length of the window, in days, of a metric read without `windowDays`.
 *
 * @public
 */
export const DEFAULT_WINDOW_DAYS = 90;

/**
 * Shortest window, in days, that the metric read endpoints accept.
 *
 * @public
 */
export const MIN_WINDOW_DAYS = 1;

/**
 * Longest window, in days, that the metric read endpoints accept.
 *
 * @public
 */
export const MAX_WINDOW_DAYS = 730;

/**
 * Fewest samples a metric needs for a benchmark tier, unless configured
 * otherwise (`platformMetrics.minSamples`). Scorecards and summaries carry the
 * value in force as `minSamples`; read that rather than this default.
 *
 * @public
 */
export const DEFAULT_MIN_SAMPLES = 3;

/**
 * Longest free-text comment, in characters, of a survey answer.
 *
 * @public
 */
export const MAX_COMMENT_LENGTH = 2000;

/**
 * Days after its creation by which an entity of the time-to-first-deploy
 * cohort counts as stalled when it has had no successful production
 * deployment.
 *
 * @public
 */
export const STALLED_AFTER_DAYS = 30;

/**
 * Component types eligible for golden-path adoption unless configured
 * otherwise (`platformMetrics.adoption.eligibleTypes`).
 *
 * @public
 */
export const DEFAULT_ELIGIBLE_TYPES: readonly string[] = Object.freeze([
  'service',
  'website',
]);

/**
 * Most records one ingestion request may carry.
 *
 * @public
 */
export const MAX_BATCH = 1000;

/**
 * Defaults and limits of the platform-metrics HTTP API that the frontend and
 * the backend both rely on.
 */

/** The window lengths (days) the UI offers and the backend precomputes by default. @public */
export const WINDOW_OPTIONS_DAYS: readonly number[] = [30, 90, 180, 365];

/** The window length (days) of a read without `windowDays`. @public */
export const DEFAULT_WINDOW_DAYS = 90;

/** The longest window (days) a read may ask for. @public */
export const MAX_WINDOW_DAYS = 730;

/** Below this sample size a tier is `insufficient-data`, unless configured otherwise. @public */
export const DEFAULT_MIN_SAMPLES = 3;

/** The longest survey comment, in characters. @public */
export const MAX_COMMENT_LENGTH = 2000;

/** The most records one ingestion request may carry. @public */
export const MAX_BATCH = 1000;

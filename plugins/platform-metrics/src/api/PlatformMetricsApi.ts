import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  CurrentSurvey,
  EntityScorecard,
  IntegrationsStatus,
  OrgSummary,
  SurveyComments,
} from '@platform-metrics/plugin-platform-metrics-common';

/**
 * Options of the metric read endpoints.
 *
 * @public
 */
export interface MetricWindowOptions {
  /**
   * Length of the window in days, from `MIN_WINDOW_DAYS` to `MAX_WINDOW_DAYS`
   * of `@platform-metrics/plugin-platform-metrics-common`; the backend's
   * `DEFAULT_WINDOW_DAYS` when unset.
   */
  windowDays?: number;
  /** End of the window, ISO-8601 (default: now). */
  to?: string;
}

/**
 * Client of the platform-metrics backend (`/api/platform-metrics`).
 *
 * @public
 */
export interface PlatformMetricsApi {
  getEntityScorecard(
    entityRef: CompoundEntityRef,
    options?: MetricWindowOptions,
  ): Promise<EntityScorecard>;
  getOrgSummary(
    options?: MetricWindowOptions & { group?: string },
  ): Promise<OrgSummary>;
  getCurrentSurvey(): Promise<CurrentSurvey>;
  submitSurveyResponse(response: {
    score: number;
    comment?: string;
  }): Promise<{ surveyId: string }>;
  snoozeSurvey(): Promise<{ snoozedUntil: string }>;
  getSurveyComments(
    surveyId: string,
    options?: { group?: string },
  ): Promise<SurveyComments>;
  /** The webhook receivers' status (needs `platform-metrics.integrations.read`). */
  getIntegrationsStatus(): Promise<IntegrationsStatus>;
}

/**
 * API reference of {@link PlatformMetricsApi}.
 *
 * @public
 */
export const platformMetricsApiRef = createApiRef<PlatformMetricsApi>({
  id: 'plugin.platform-metrics.api',
});

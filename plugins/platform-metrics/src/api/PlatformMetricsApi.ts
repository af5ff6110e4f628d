import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  Annotation,
  AnnotationImpact,
  AnnotationInput,
  CurrentPulse,
  CurrentSurvey,
  EntityCosts,
  EntityPipelines,
  EntityScorecard,
  IntegrationsStatus,
  OrgCosts,
  OrgOnboarding,
  OrgPulses,
  PulseCloseResult,
  OrgPipelines,
  OrgSelfService,
  OrgSummary,
  PlatformIncidentImpact,
  ScopeEntities,
  SurveyComments,
  SurveyQuestionAnswerResult,
  SurveyQuestionResults,
  TargetsResponse,
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
 * What a summary covers and adds: at most one of `group`, `system` and
 * `domain` (entity refs; none: the whole organisation), a comparison with
 * the baseline or the previous period, and the split by golden-path status.
 *
 * @public
 */
export interface SummaryOptions extends MetricWindowOptions {
  group?: string;
  system?: string;
  domain?: string;
  compare?: 'baseline' | 'previous';
  split?: 'adoption';
}

/**
 * Which annotations to list: those shown in `scope` (`org`, a Group ref or
 * an entity ref; an entity's own, its owner group's and the org's), with
 * `at` in `[from, to)`.
 *
 * @public
 */
export interface AnnotationQuery {
  scope?: string;
  from?: string;
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
    options?: MetricWindowOptions & { compare?: 'baseline' | 'previous' },
  ): Promise<EntityScorecard>;
  getOrgSummary(options?: SummaryOptions): Promise<OrgSummary>;
  /** The per-component metrics of a window in a scope (`GET /org/entities`): the team, system and domain tabs' lists. */
  listScopeEntities(
    options?: MetricWindowOptions & { group?: string; system?: string; domain?: string },
  ): Promise<ScopeEntities>;
  /** The per-entity metrics of a window as CSV (`GET /export/entities.csv`), with the server's file name. */
  exportEntitiesCsv(
    options?: MetricWindowOptions & { group?: string; system?: string; domain?: string },
  ): Promise<{ blob: Blob; fileName: string }>;
  /** One entity's cost per calendar month (`months` up to the month of `to`). */
  getEntityCosts(
    entityRef: CompoundEntityRef,
    options?: { months?: number; to?: string },
  ): Promise<EntityCosts>;
  /** CI pipeline duration, failure and flaky rates of one entity. */
  getEntityPipelines(
    entityRef: CompoundEntityRef,
    options?: MetricWindowOptions,
  ): Promise<EntityPipelines>;
  getCurrentSurvey(): Promise<CurrentSurvey>;
  submitSurveyResponse(response: {
    score: number;
    comment?: string;
  }): Promise<{ surveyId: string }>;
  snoozeSurvey(): Promise<{ snoozedUntil: string }>;
  /** Saves the user's answer (1 to 5) to one agreement question of the current survey (`PUT /surveys/current/answers/{questionId}`). */
  answerSurveyQuestion(questionId: string, value: number): Promise<SurveyQuestionAnswerResult>;
  /**
   * The published results of the survey's agreement questions (`GET /org/survey-questions`) of the
   * survey running at `to`, org-wide or of one reporting group, with their trend and the SPACE
   * dimensions pooled; every figure withheld under the NPS rules.
   */
  getSurveyQuestionResults(options?: { to?: string; group?: string }): Promise<SurveyQuestionResults>;
  getSurveyComments(
    surveyId: string,
    options?: { group?: string },
  ): Promise<SurveyComments>;
  listAnnotations(query?: AnnotationQuery): Promise<Annotation[]>;
  /** Creates an annotation, or replaces the one with the same `id`. */
  createAnnotation(annotation: AnnotationInput): Promise<Annotation>;
  deleteAnnotation(id: string): Promise<void>;
  /** Before/after the annotation over `days` (14, 30 or 90) days, in its scope or `scope`. */
  getAnnotationImpact(
    id: string,
    options?: { days?: 14 | 30 | 90; scope?: string },
  ): Promise<AnnotationImpact>;
  /** The webhook receivers' status (needs `platform-metrics.integrations.read`). */
  getIntegrationsStatus(): Promise<IntegrationsStatus>;
  /** The self-service ratio of the platform requests closed in the window (`GET /org/self-service`), org-wide or of one group. */
  getSelfService(options?: MetricWindowOptions & { group?: string }): Promise<OrgSelfService>;
  /**
   * The configured metric targets (`GET /targets`) with progress, projection and status as of
   * `to` (default now); targets whose scope the user may not see are left out.
   */
  getTargets(options?: { to?: string }): Promise<TargetsResponse>;
  /**
   * The platform incident impact of the window (`GET /org/platform-incidents`): developer-hours lost
   * to incidents on the platform owners' components and resources, per quarter and week, and the
   * costliest incidents (only those on entities the user may see).
   */
  getPlatformIncidents(options: MetricWindowOptions): Promise<PlatformIncidentImpact>;
  /**
   * The time to onboard a new engineer (`GET /org/onboarding`) of those who started in the window,
   * org-wide or of one group's members; every figure withheld below the minimum group size.
   */
  getOnboarding(options: { windowDays: number; to?: string; group?: string }): Promise<OrgOnboarding>;
  /** The signed-in user's open pulse question (`GET /pulses/current`), or `{ pulse: null }`. */
  getCurrentPulse(): Promise<CurrentPulse>;
  /** Answers the user's pulse `id` with 1 to 5, once. */
  answerPulse(id: string, value: number): Promise<PulseCloseResult>;
  /** Dismisses the user's pulse `id`: it is not shown again. */
  dismissPulse(id: string): Promise<PulseCloseResult>;
  /** The pulse results per question (`GET /org/pulses`), released in steps of the survey's minimum group size. */
  getPulses(options: { windowDays: number; to?: string }): Promise<OrgPulses>;
  /** CI pipeline duration, failure rate and flakiness (`GET /org/pipelines`), org-wide or of one group's components. */
  getOrgPipelines(options?: MetricWindowOptions & { group?: string }): Promise<OrgPipelines>;
  /**
   * Costs per calendar month (`GET /org/costs`) of the `months` months ending with the month of
   * `to`, org-wide or of one group's components, with the median monthly cost per service.
   */
  getOrgCosts(options?: { months?: number; to?: string; group?: string }): Promise<OrgCosts>;
}

/**
 * API reference of {@link PlatformMetricsApi}.
 *
 * @public
 */
export const platformMetricsApiRef = createApiRef<PlatformMetricsApi>({
  id: 'plugin.platform-metrics.api',
});

import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  Annotation,
  AnnotationImpact,
  AnnotationInput,
  CurrentPulse,
  CurrentSurvey,
  DefaultApiClient,
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
import { AnnotationQuery, MetricWindowOptions, PlatformMetricsApi, SummaryOptions } from './PlatformMetricsApi';

/** The body of a successful answer; a backend error as a `ResponseError`. */
async function body<T>(response: Promise<Response & { json(): Promise<T> }>): Promise<T> {
  const res = await response;
  if (!res.ok) throw await ResponseError.fromResponse(res);
  return res.json();
}

/** The window and the one scope (`group`, `system` or `domain`) of a read; an empty ref is no scope. */
function scopedWindowQuery(options?: MetricWindowOptions & { group?: string; system?: string; domain?: string }) {
  return {
    windowDays: options?.windowDays,
    to: options?.to,
    group: options?.group || undefined,
    system: options?.system || undefined,
    domain: options?.domain || undefined,
  };
}

/**
 * Default implementation of {@link PlatformMetricsApi}: a thin wrapper over
 * the client generated from the backend's OpenAPI spec, through the
 * discovery and fetch APIs.
 *
 * @public
 */
export class PlatformMetricsClient implements PlatformMetricsApi {
  private readonly client: DefaultApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new DefaultApiClient(options);
  }

  getEntityScorecard(
    entityRef: CompoundEntityRef,
    options?: MetricWindowOptions & { compare?: 'baseline' | 'previous' },
  ): Promise<EntityScorecard> {
    return body(
      this.client.getEntityScorecard({
        path: { kind: entityRef.kind, namespace: entityRef.namespace, name: entityRef.name },
        query: { windowDays: options?.windowDays, to: options?.to, compare: options?.compare },
      }),
    );
  }

  getEntityCosts(entityRef: CompoundEntityRef, options?: { months?: number; to?: string }): Promise<EntityCosts> {
    return body(
      this.client.getEntityCosts({
        path: { kind: entityRef.kind, namespace: entityRef.namespace, name: entityRef.name },
        query: { months: options?.months, to: options?.to },
      }),
    );
  }

  getEntityPipelines(entityRef: CompoundEntityRef, options?: MetricWindowOptions): Promise<EntityPipelines> {
    return body(
      this.client.getEntityPipelines({
        path: { kind: entityRef.kind, namespace: entityRef.namespace, name: entityRef.name },
        query: { windowDays: options?.windowDays, to: options?.to },
      }),
    );
  }

  getOrgSummary(options?: SummaryOptions): Promise<OrgSummary> {
    return body(
      this.client.getOrgSummary({
        query: {
          ...scopedWindowQuery(options),
          compare: options?.compare,
          split: options?.split,
        },
      }),
    );
  }

  listScopeEntities(
    options?: MetricWindowOptions & { group?: string; system?: string; domain?: string },
  ): Promise<ScopeEntities> {
    return body(
      this.client.listScopeEntities({
        query: scopedWindowQuery(options),
      }),
    );
  }

  async exportEntitiesCsv(
    options?: MetricWindowOptions & { group?: string; system?: string; domain?: string },
  ): Promise<{ blob: Blob; fileName: string }> {
    const res = await this.client.exportEntitiesCsv({
      query: scopedWindowQuery(options),
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'platform-metrics-entities.csv';
    return { blob: await res.blob(), fileName };
  }

  getCurrentSurvey(): Promise<CurrentSurvey> {
    return body(this.client.getCurrentSurvey({}));
  }

  submitSurveyResponse(response: { score: number; comment?: string }): Promise<{ surveyId: string }> {
    const comment = response.comment?.trim();
    return body(
      this.client.answerCurrentSurvey({ body: { score: response.score, ...(comment && { comment }) } }),
    );
  }

  snoozeSurvey(): Promise<{ snoozedUntil: string }> {
    return body(this.client.snoozeCurrentSurvey({}));
  }

  answerSurveyQuestion(questionId: string, value: number): Promise<SurveyQuestionAnswerResult> {
    return body(this.client.answerCurrentSurveyQuestion({ path: { questionId }, body: { value } }));
  }

  getSurveyQuestionResults(options?: { to?: string; group?: string }): Promise<SurveyQuestionResults> {
    return body(this.client.getSurveyQuestionResults({ query: { to: options?.to, group: options?.group || undefined } }));
  }

  getSurveyComments(surveyId: string, options?: { group?: string }): Promise<SurveyComments> {
    return body(this.client.getSurveyComments({ path: { surveyId }, query: { group: options?.group || undefined } }));
  }

  async listAnnotations(query?: AnnotationQuery): Promise<Annotation[]> {
    const list = await body(
      this.client.listAnnotations({
        query: { scope: query?.scope || undefined, from: query?.from, to: query?.to },
      }),
    );
    return list.annotations;
  }

  createAnnotation(annotation: AnnotationInput): Promise<Annotation> {
    return body(this.client.putAnnotation({ body: annotation }));
  }

  async deleteAnnotation(id: string): Promise<void> {
    const res = await this.client.deleteAnnotation({ path: { id } });
    if (!res.ok) throw await ResponseError.fromResponse(res);
  }

  getAnnotationImpact(id: string, options?: { days?: 14 | 30 | 90; scope?: string }): Promise<AnnotationImpact> {
    return body(
      this.client.getAnnotationImpact({
        path: { id },
        query: { days: options?.days, scope: options?.scope || undefined },
      }),
    );
  }

  getIntegrationsStatus(): Promise<IntegrationsStatus> {
    return body(this.client.getIntegrationsStatus({}));
  }

  getSelfService(options?: MetricWindowOptions & { group?: string }): Promise<OrgSelfService> {
    return body(
      this.client.getOrgSelfService({
        query: { windowDays: options?.windowDays, to: options?.to, group: options?.group || undefined },
      }),
    );
  }

  getTargets(options?: { to?: string }): Promise<TargetsResponse> {
    return body(this.client.getTargets({ query: { to: options?.to } }));
  }

  getPlatformIncidents(options: MetricWindowOptions): Promise<PlatformIncidentImpact> {
    return body(this.client.getPlatformIncidents({ query: { windowDays: options.windowDays, to: options.to } }));
  }

  getOnboarding(options: { windowDays: number; to?: string; group?: string }): Promise<OrgOnboarding> {
    return body(
      this.client.getOrgOnboarding({
        query: { windowDays: options.windowDays, to: options.to, group: options.group || undefined },
      }),
    );
  }

  getCurrentPulse(): Promise<CurrentPulse> {
    return body(this.client.getCurrentPulse({}));
  }

  answerPulse(id: string, value: number): Promise<PulseCloseResult> {
    return body(this.client.answerPulse({ path: { id }, body: { value } }));
  }

  dismissPulse(id: string): Promise<PulseCloseResult> {
    return body(this.client.dismissPulse({ path: { id } }));
  }

  getPulses(options: { windowDays: number; to?: string }): Promise<OrgPulses> {
    return body(this.client.getOrgPulses({ query: { windowDays: options.windowDays, to: options.to } }));
  }

  getOrgPipelines(options?: MetricWindowOptions & { group?: string }): Promise<OrgPipelines> {
    return body(
      this.client.getOrgPipelines({
        query: { windowDays: options?.windowDays, to: options?.to, group: options?.group || undefined },
      }),
    );
  }

  getOrgCosts(options?: { months?: number; to?: string; group?: string }): Promise<OrgCosts> {
    return body(
      this.client.getOrgCosts({
        query: { months: options?.months, to: options?.to, group: options?.group || undefined },
      }),
    );
  }
}

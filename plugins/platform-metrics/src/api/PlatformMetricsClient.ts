import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  CurrentSurvey,
  DefaultApiClient,
  EntityScorecard,
  IntegrationsStatus,
  OrgSummary,
  SurveyComments,
} from '@platform-metrics/plugin-platform-metrics-common';
import { MetricWindowOptions, PlatformMetricsApi } from './PlatformMetricsApi';

/** The body of a successful answer; a backend error as a `ResponseError`. */
async function body<T>(response: Promise<Response & { json(): Promise<T> }>): Promise<T> {
  const res = await response;
  if (!res.ok) throw await ResponseError.fromResponse(res);
  return res.json();
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

  getEntityScorecard(entityRef: CompoundEntityRef, options?: MetricWindowOptions): Promise<EntityScorecard> {
    return body(
      this.client.getEntityScorecard({
        path: { kind: entityRef.kind, namespace: entityRef.namespace, name: entityRef.name },
        query: { windowDays: options?.windowDays, to: options?.to },
      }),
    );
  }

  getOrgSummary(options?: MetricWindowOptions & { group?: string }): Promise<OrgSummary> {
    return body(
      this.client.getOrgSummary({
        query: { windowDays: options?.windowDays, to: options?.to, group: options?.group || undefined },
      }),
    );
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

  getSurveyComments(surveyId: string, options?: { group?: string }): Promise<SurveyComments> {
    return body(this.client.getSurveyComments({ path: { surveyId }, query: { group: options?.group || undefined } }));
  }

  getIntegrationsStatus(): Promise<IntegrationsStatus> {
    return body(this.client.getIntegrationsStatus({}));
  }
}

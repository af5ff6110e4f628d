import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  CurrentSurvey,
  EntityScorecard,
  OrgSummary,
  SurveyComments,
} from '@platform-metrics/plugin-platform-metrics-common';
import { MetricWindowOptions, PlatformMetricsApi } from './PlatformMetricsApi';

/**
 * Default implementation of {@link PlatformMetricsApi}, talking to the
 * backend plugin through the discovery and fetch APIs.
 *
 * @public
 */
export class PlatformMetricsClient implements PlatformMetricsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityScorecard(
    entityRef: CompoundEntityRef,
    options?: MetricWindowOptions,
  ): Promise<EntityScorecard> {
    const path = [
      'entities',
      entityRef.kind,
      entityRef.namespace,
      entityRef.name,
      'scorecard',
    ]
      .map(encodeURIComponent)
      .join('/');
    return this.request<EntityScorecard>(
      `/${path}${query({ windowDays: options?.windowDays, to: options?.to })}`,
    );
  }

  async getOrgSummary(
    options?: MetricWindowOptions & { group?: string },
  ): Promise<OrgSummary> {
    return this.request<OrgSummary>(
      `/org/summary${query({
        windowDays: options?.windowDays,
        to: options?.to,
        group: options?.group,
      })}`,
    );
  }

  async getCurrentSurvey(): Promise<CurrentSurvey> {
    return this.request<CurrentSurvey>('/surveys/current');
  }

  async submitSurveyResponse(response: {
    score: number;
    comment?: string;
  }): Promise<{ surveyId: string }> {
    const body: { score: number; comment?: string } = { score: response.score };
    const comment = response.comment?.trim();
    if (comment) {
      body.comment = comment;
    }
    return this.request<{ surveyId: string }>('/surveys/current/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async snoozeSurvey(): Promise<{ snoozedUntil: string }> {
    return this.request<{ snoozedUntil: string }>('/surveys/current/snooze', {
      method: 'POST',
    });
  }

  async getSurveyComments(
    surveyId: string,
    options?: { group?: string },
  ): Promise<SurveyComments> {
    return this.request<SurveyComments>(
      `/surveys/${encodeURIComponent(surveyId)}/comments${query({
        group: options?.group,
      })}`,
    );
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('platform-metrics');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

import { PlatformMetricsClient } from './PlatformMetricsClient';
import { errorMessage } from '../components/common/format';

function setup(response: { status?: number; body: unknown }) {
  const fetch = jest.fn().mockResolvedValue(
    new Response(JSON.stringify(response.body), {
      status: response.status ?? 200,
      statusText: response.status === 403 ? 'Forbidden' : 'OK',
      headers: { 'Content-Type': 'application/json' },
    }),
  );
  const client = new PlatformMetricsClient({
    discoveryApi: {
      getBaseUrl: async id => `http://localhost:7007/api/${id}`,
    },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

describe('PlatformMetricsClient', () => {
  it('requests the entity scorecard with the window', async () => {
    const { client, fetch } = setup({ body: { entityRef: 'x' } });
    await client.getEntityScorecard(
      { kind: 'Component', namespace: 'default', name: 'my service' },
      { windowDays: 30, to: '2026-04-01T00:00:00.000Z' },
    );
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/entities/Component/default/my%20service/scorecard?windowDays=30&to=2026-04-01T00%3A00%3A00.000Z',
    );
    expect(fetch.mock.calls[0][1].method).toBe('GET');
  });

  it('scopes the org summary to a group', async () => {
    const { client, fetch } = setup({ body: {} });
    await client.getOrgSummary({ windowDays: 90, group: 'group:default/payments' });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/org/summary?windowDays=90&group=group%3Adefault%2Fpayments',
    );
  });

  it('posts a survey response with a trimmed comment, and omits an empty one', async () => {
    const { client, fetch } = setup({ body: { surveyId: '2026-Q2' } });
    await expect(
      client.submitSurveyResponse({ score: 9, comment: '  slow CI ' }),
    ).resolves.toEqual({ surveyId: '2026-Q2' });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/surveys/current/responses',
    );
    expect(fetch.mock.calls[0][1].method).toBe('POST');
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({ score: 9, comment: 'slow CI' });

    const second = setup({ body: { surveyId: '2026-Q2' } });
    await second.client.submitSurveyResponse({ score: 0, comment: '   ' });
    expect(JSON.parse(second.fetch.mock.calls[0][1].body)).toEqual({ score: 0 });
  });

  it('snoozes and reads comments', async () => {
    const { client, fetch } = setup({ body: { snoozedUntil: '2026-04-08' } });
    await client.snoozeSurvey();
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/surveys/current/snooze',
    );
    const c = setup({ body: { comments: [] } });
    await c.client.getSurveyComments('2026-Q1', { group: 'group:default/a' });
    expect(c.fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/surveys/2026-Q1/comments?group=group%3Adefault%2Fa',
    );
  });

  it('lists, creates, deletes annotations and reads their impact', async () => {
    const list = setup({ body: { annotations: [{ id: 'a' }] } });
    await expect(
      list.client.listAnnotations({ scope: 'component:default/payments', from: '2026-01-01T00:00:00.000Z' }),
    ).resolves.toEqual([{ id: 'a' }]);
    expect(list.fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/annotations?scope=component%3Adefault%2Fpayments&from=2026-01-01T00%3A00%3A00.000Z',
    );
    const create = setup({ status: 201, body: { id: 'new' } });
    await create.client.createAnnotation({ at: '2026-03-18T10:00:00Z', title: 'Launch', scope: 'org', tags: [] });
    expect(create.fetch.mock.calls[0][1].method).toBe('POST');
    expect(JSON.parse(create.fetch.mock.calls[0][1].body)).toEqual({
      at: '2026-03-18T10:00:00Z',
      title: 'Launch',
      scope: 'org',
      tags: [],
    });
    const impact = setup({ body: { days: 90 } });
    await impact.client.getAnnotationImpact('launch', { days: 90, scope: 'org' });
    expect(impact.fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/annotations/launch/impact?days=90&scope=org',
    );
    const gone = setup({ status: 403, body: { error: { name: 'NotAllowedError', message: 'no' }, response: { statusCode: 403 } } });
    await expect(gone.client.deleteAnnotation('launch')).rejects.toMatchObject({ name: 'ResponseError' });
    expect(gone.fetch.mock.calls[0][1].method).toBe('DELETE');
  });

  it('reads the targets, as of `to` when given', async () => {
    const { client, fetch } = setup({ body: { targets: [{ metric: 'nps', scope: 'org', status: 'on-track' }] } });
    await expect(client.getTargets({ to: '2026-12-01T00:00:00.000Z' })).resolves.toEqual({
      targets: [{ metric: 'nps', scope: 'org', status: 'on-track' }],
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/targets?to=2026-12-01T00%3A00%3A00.000Z',
    );
    expect(fetch.mock.calls[0][1].method).toBe('GET');
    const now = setup({ body: { targets: [] } });
    await now.client.getTargets();
    expect(now.fetch.mock.calls[0][0]).toBe('http://localhost:7007/api/platform-metrics/targets');
  });

  it('reads the onboarding time of a window, of a group when given', async () => {
    const { client, fetch } = setup({ body: { cohort: 12, median: 86_400 } });
    await expect(client.getOnboarding({ windowDays: 90, group: 'group:default/payments' })).resolves.toEqual({
      cohort: 12,
      median: 86_400,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/org/onboarding?windowDays=90&group=group%3Adefault%2Fpayments',
    );
    expect(fetch.mock.calls[0][1].method).toBe('GET');
    const org = setup({ body: {} });
    await org.client.getOnboarding({ windowDays: 30, to: '2026-04-01T00:00:00.000Z', group: '' });
    expect(org.fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/org/onboarding?windowDays=30&to=2026-04-01T00%3A00%3A00.000Z',
    );
  });

  it('reads the platform incident impact of a window', async () => {
    const { client, fetch } = setup({ body: { incidents: 3, totalDeveloperHours: 120 } });
    await expect(client.getPlatformIncidents({ windowDays: 365, to: '2026-04-01T00:00:00.000Z' })).resolves.toEqual({
      incidents: 3,
      totalDeveloperHours: 120,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://localhost:7007/api/platform-metrics/org/platform-incidents?windowDays=365&to=2026-04-01T00%3A00%3A00.000Z',
    );
    expect(fetch.mock.calls[0][1].method).toBe('GET');
    const now = setup({ body: {} });
    await now.client.getPlatformIncidents({ windowDays: 90 });
    expect(now.fetch.mock.calls[0][0]).toBe('http://localhost:7007/api/platform-metrics/org/platform-incidents?windowDays=90');
  });

  it('throws a ResponseError that carries the backend message', async () => {
    const { client } = setup({
      status: 403,
      body: {
        error: { name: 'NotAllowedError', message: 'You may not read comments' },
        response: { statusCode: 403 },
      },
    });
    const error = await client.getSurveyComments('2026-Q1').catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(errorMessage(error)).toBe('You may not read comments (403 Forbidden)');
  });
});

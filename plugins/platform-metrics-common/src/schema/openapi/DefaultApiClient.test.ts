import { DefaultApiClient } from './generated';

describe('the generated DefaultApiClient', () => {
  const fetch = jest.fn(async () => new Response('{}', { status: 200 }));
  const client = new DefaultApiClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  beforeEach(() => fetch.mockClear());

  it('expands path and query parameters into the plugin URL', async () => {
    await client.getEntityScorecard(
      {
        path: { kind: 'component', namespace: 'default', name: 'payments' },
        query: { windowDays: 30, to: '2026-04-01T00:00:00Z' },
      },
      { token: 't0k' },
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/platform-metrics/entities/component/default/payments/scorecard?windowDays=30&to=2026-04-01T00%3A00%3A00Z',
      {
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t0k' },
        method: 'GET',
      },
    );
  });

  it('leaves out query parameters not given', async () => {
    await client.getOrgSummary({ query: { group: 'group:default/team-a' } });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/platform-metrics/org/summary?group=group%3Adefault%2Fteam-a',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('posts bodies as JSON', async () => {
    const body = {
      deployments: [
        { id: 'd1', entityRef: 'payments', environment: 'production', status: 'succeeded' as const, finishedAt: '2026-03-02T10:00:00Z' },
      ],
    };
    await client.ingestDeployments({ body });
    expect(fetch).toHaveBeenCalledWith('http://backend/api/platform-metrics/deployments', {
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
      body: JSON.stringify(body),
    });
  });
});

import { mockCredentials, mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(60_000);

const deployment = (id: string, finishedAt: string, over: Record<string, unknown> = {}) => ({
  id,
  entityRef: 'payments',
  environment: 'production',
  status: 'succeeded',
  finishedAt,
  ...over,
});

describe('GET /entities/{kind}/{namespace}/{name}/deployments/latest', () => {
  const databases = createTestDatabases();

  async function app(permissions = mockServices.permissions()) {
    const services = await createServices(await databases.init('SQLITE_3'));
    return express().use(await createTestRouter(services, permissions)).use(mockErrorHandler());
  }

  it('answers the latest successful deployment with its commit, per environment', async () => {
    const a = await app();
    await request(a)
      .post('/deployments')
      .set('Authorization', mockCredentials.service.header())
      .send({
        deployments: [
          deployment('d1', '2026-03-01T10:00:00Z', { commitSha: 'AAAAAAA1111111' }),
          deployment('d2', '2026-03-02T10:00:00Z', { commitSha: 'bbbbbbb2222222', version: '1.2.0' }),
          deployment('d3', '2026-03-03T10:00:00Z', { status: 'failed', commitSha: 'ccccccc3333333' }),
          deployment('s1', '2026-03-04T10:00:00Z', { environment: 'Staging', commitSha: 'ddddddd4444444' }),
        ],
      })
      .expect(200);
    const latest = await request(a)
      .get('/entities/component/default/Payments/deployments/latest')
      .set('Authorization', mockCredentials.service.header());
    expect(latest.status).toBe(200);
    expect(latest.body).toEqual({
      id: 'd2',
      source: 'api',
      environment: 'production',
      finishedAt: '2026-03-02T10:00:00.000Z',
      commitSha: 'bbbbbbb2222222',
      version: '1.2.0',
    });
    const staging = await request(a)
      .get('/entities/component/default/payments/deployments/latest?environment=STAGING')
      .set('Authorization', mockCredentials.service.header());
    expect(staging.body).toMatchObject({ id: 's1', commitSha: 'ddddddd4444444' });
  });

  it('answers 404 when the entity has none, 400 on a bad commit sha', async () => {
    const a = await app();
    const none = await request(a)
      .get('/entities/component/default/unknown/deployments/latest')
      .set('Authorization', mockCredentials.service.header());
    expect(none.status).toBe(404);
    const bad = await request(a)
      .post('/deployments')
      .set('Authorization', mockCredentials.service.header())
      .send({ deployments: [deployment('d1', '2026-03-01T10:00:00Z', { commitSha: 'not-a-sha' })] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/deployments\[0\]\.commitSha/);
  });

  it('takes the ingest permission alone (a CI token), and refuses without either permission', async () => {
    const ingestOnly = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            (r as { permission: { name: string } }).permission.name === 'platform-metrics.events.ingest'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })) as any,
    });
    const a = await app(ingestOnly as any);
    const res = await request(a)
      .get('/entities/component/default/payments/deployments/latest')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(404);

    const denied = await app(mockServices.permissions({ result: AuthorizeResult.DENY }));
    const refused = await request(denied)
      .get('/entities/component/default/payments/deployments/latest')
      .set('Authorization', mockCredentials.service.header());
    expect(refused.status).toBe(403);
  });
});

import { mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import supertest from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { request } from '../__testUtils__/validatedRequest';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { spec } from '../schema/openapi';

jest.setTimeout(60_000);

/** What the router on the generated typed router keeps from the plain one, and adds. */
describe('createRouter on the generated router', () => {
  const databases = createTestDatabases();
  let app: express.Express;

  beforeAll(async () => {
    const services = await createServices(await databases.init('SQLITE_3'));
    const router = await createTestRouter(services);
    app = express().use(router).use(mockErrorHandler());
  });

  const deployment = (id: string, over: Record<string, unknown> = {}) => ({
    id,
    entityRef: 'component:default/payments',
    environment: 'production',
    status: 'succeeded',
    finishedAt: '2026-03-02T10:00:00Z',
    ...over,
  });
  const post = (body: string) =>
    request(app)
      .post('/deployments')
      .set('Authorization', mockCredentials.service.header())
      .set('Content-Type', 'application/json')
      .send(body);

  it('takes ingestion bodies well over express.json()’s default 100kb, up to 5 MB', async () => {
    const body = JSON.stringify({
      deployments: Array.from({ length: 1000 }, (_, i) => deployment(`big${i}`, { version: 'v'.repeat(255) })),
    });
    expect(body.length).toBeGreaterThan(300_000);
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 1000, created: 1000, updated: 0 });
  });

  it('answers 413 to a body over 5 MB', async () => {
    const body = JSON.stringify({ deployments: [deployment('huge', { version: 'x'.repeat(5 * 1024 * 1024 + 1) })] });
    const res = await post(body);
    expect(res.status).toBe(413);
    expect(res.body.error.name).toBe('PayloadTooLargeError');
  });

  it('answers 400 to bad JSON with the parser’s message', async () => {
    const res = await post('{"deployments": [');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/JSON/);
  });

  it('leaves credentials to httpAuth: the spec\'s bearer scheme is not enforced before it', async () => {
    // without a header the mock httpAuth takes the default user
    expect((await request(app).get('/org/summary')).status).toBe(200);
    const none = await request(app).get('/org/summary').set('Authorization', mockCredentials.none.header());
    expect(none.status).toBe(401);
    expect(none.body.error.name).toBe('AuthenticationError');
  });

  it('serves its spec at /openapi.json', async () => {
    // not an operation of the spec itself, so plain supertest
    const served = await supertest(app).get('/openapi.json').expect(200);
    expect(served.body.info).toEqual(spec.info);
    expect(Object.keys(served.body.paths).sort()).toEqual(Object.keys(spec.paths).sort());
  });
});

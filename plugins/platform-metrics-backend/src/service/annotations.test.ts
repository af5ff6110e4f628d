import { mockCredentials, mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(60_000);

const NOW = Date.parse('2026-11-22T12:00:00Z');
const WRITE = 'platform-metrics.annotations.write';

/** Allows everything except the names in `denied`. */
function permissionsDenying(...denied: string[]) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    requests.map(r => ({
      result: denied.includes(r.permission.name) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    })) as any,
  );
  return permissions;
}

describe('the annotation routes', () => {
  const databases = createTestDatabases();
  let app: express.Express;
  let services: Awaited<ReturnType<typeof createServices>>;

  async function build(permissions = mockServices.permissions()) {
    services = await createServices(await databases.init('SQLITE_3'), {}, () => NOW);
    app = express()
      .use(await createTestRouter(services, permissions))
      .use(mockErrorHandler());
  }
  beforeEach(() => build());

  const post = (body: object, credentials = mockCredentials.user.header()) =>
    request(app).post('/annotations').set('Authorization', credentials).send(body);
  const get = (url: string) => request(app).get(url).set('Authorization', mockCredentials.user.header());

  const launch = {
    at: '2026-06-10T12:00:00+02:00',
    title: ' Platform launch ',
    scope: 'ORG',
    tags: ['Launch', 'launch'],
    url: 'https://example.com/notes',
  };

  it('creates with a generated id, normalised, and replaces on a repeated id', async () => {
    const created = await post(launch);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      at: '2026-06-10T10:00:00.000Z',
      title: 'Platform launch',
      scope: 'org',
      tags: ['launch'],
      description: null,
      createdBy: 'user:default/mock',
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);

    const replaced = await post({ ...launch, id: created.body.id, title: 'Launch' }, mockCredentials.service.header());
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: created.body.id, title: 'Launch', createdBy: 'external:test-service' });
    const listed = await get('/annotations');
    expect(listed.body.annotations).toHaveLength(1);
  });

  it.each([
    ['no title', { ...launch, title: undefined }, /title/],
    ['an empty title', { ...launch, title: '  ' }, /title: must not be empty/],
    ['a bad time', { ...launch, at: 'yesterday' }, /^Invalid request: at:/],
    ['a bad scope', { ...launch, scope: 'a:b:c/d/e' }, /scope: expected `org` or an entity ref/],
    ['a bad url', { ...launch, url: 'ftp://example.com/notes' }, /url: expected an http\(s\) URL/],
    ['a bad tag', { ...launch, tags: ['ok', 7] }, /tags\[1\]/],
    ['a bad id', { ...launch, id: 'has space' }, /id: expected/],
    ['an unknown field', { ...launch, colour: 'blue' }, /colour/],
  ])('rejects %s with 400 naming the field', async (_name, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect((await get('/annotations')).body.annotations).toEqual([]);
  });

  it('needs the write permission to write and the read permission to read', async () => {
    await build(permissionsDenying(WRITE));
    expect((await post(launch)).status).toBe(403);
    expect((await post(launch, mockCredentials.service.header())).status).toBe(403);
    expect((await request(app).delete('/annotations/x').set('Authorization', mockCredentials.user.header())).status).toBe(403);
    expect((await get('/annotations')).status).toBe(200);

    await build(permissionsDenying('platform-metrics.metrics.read'));
    expect((await post(launch)).status).toBe(201);
    expect((await get('/annotations')).status).toBe(403);
    const none = await request(app).post('/annotations').set('Authorization', mockCredentials.none.header()).send(launch);
    expect(none.status).toBe(401);
  });

  it("lists an entity's own, its owner group's and the org's annotations, in a time range", async () => {
    await services.stores.catalog.upsertEntities(
      [
        {
          entityRef: 'component:default/payments',
          kind: 'component',
          type: 'service',
          ownerRef: 'group:default/team-a',
          systemRef: null,
          lifecycle: null,
          adoptionStatus: 'adopted',
          adoptionReason: null,
          annotatedCreatedAt: null,
        },
      ],
      NOW,
    );
    await post({ ...launch, id: 'org' });
    await post({ ...launch, id: 'team', scope: 'group:default/team-a', at: '2026-07-01T00:00:00Z' });
    await post({ ...launch, id: 'other-team', scope: 'group:default/team-b' });
    await post({ ...launch, id: 'own', scope: 'Payments', at: '2026-08-01T00:00:00Z' });
    const ids = async (query: string) => (await get(`/annotations?${query}`)).body.annotations.map((a: any) => a.id);
    expect(await ids('scope=component:default/payments')).toEqual(['org', 'team', 'own']);
    expect(await ids('scope=group:default/team-a')).toEqual(['org', 'team']);
    expect(await ids('scope=org')).toEqual(['org']);
    expect(await ids('scope=payments&from=2026-06-20T00:00:00Z&to=2026-08-01T00:00:00Z')).toEqual(['team']);
    const bad = await get('/annotations?from=2026-08-01T00:00:00Z&to=2026-06-01T00:00:00Z');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/to: to is before from/);
  });

  it('deletes, and answers 404 for an unknown id', async () => {
    await post({ ...launch, id: 'gone' });
    const del = () => request(app).delete('/annotations/gone').set('Authorization', mockCredentials.service.header());
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(404);
    expect((await get('/annotations/gone/impact')).status).toBe(404);
  });

  it('compares the days before and after, in the annotation scope or another', async () => {
    const day = (d: number) => new Date(Date.parse('2026-06-10T00:00:00Z') + d * 86400000).toISOString();
    const deployment = (id: string, d: number, entityRef = 'payments', lead = 3600) => ({
      id,
      entityRef,
      environment: 'production',
      status: 'succeeded' as const,
      finishedAt: day(d),
      changes: [{ id: `c-${id}`, committedAt: new Date(Date.parse(day(d)) - lead * 1000).toISOString() }],
    });
    const before = Array.from({ length: 10 }, (_, i) => deployment(`b${i}`, -1 - i, 'payments', 86400));
    const after = Array.from({ length: 10 }, (_, i) => deployment(`a${i}`, i, 'payments', 3600 + i));
    const ingested = await request(app)
      .post('/deployments')
      .set('Authorization', mockCredentials.service.header())
      .send({ deployments: [...before, ...after, deployment('elsewhere', 1, 'billing')] });
    expect(ingested.status).toBe(200);
    await services.runRollupJob();
    await post({ ...launch, id: 'v2', at: '2026-06-10T15:00:00Z' });

    const res = await get('/annotations/v2/impact?days=14');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scope: 'org',
      days: 14,
      before: { from: '2026-05-27T00:00:00.000Z', to: '2026-06-10T00:00:00.000Z', days: 14 },
      after: { from: '2026-06-10T00:00:00.000Z', to: '2026-06-24T00:00:00.000Z', days: 14 },
      complete: true,
      minSamples: 3,
    });
    const { leadTime, deploymentFrequency } = res.body.metrics;
    expect(leadTime.before).toEqual({ value: 86400, n: 10 });
    expect(leadTime.after.n).toBe(11);
    expect(leadTime).toMatchObject({ direction: 'better', significant: true, test: 'mann-whitney-u' });
    expect(deploymentFrequency.after.n).toBe(11);

    const one = await get('/annotations/v2/impact?days=14&scope=component:default/payments');
    expect(one.body.scope).toBe('component:default/payments');
    expect(one.body.metrics.deploymentFrequency).toMatchObject({ before: { n: 10 }, after: { n: 10 }, inconclusive: true });

    // a deployment rolled up later is in the next answer (answers are kept only until a rollup is written)
    expect((await get('/annotations/v2/impact?days=14')).body.metrics).toEqual(res.body.metrics);
    await request(app)
      .post('/deployments')
      .set('Authorization', mockCredentials.service.header())
      .send({ deployments: [deployment('late', 3, 'billing')] })
      .expect(200);
    await services.runRollupJob();
    const later = await get('/annotations/v2/impact?days=14');
    expect(later.body.metrics.deploymentFrequency.after.n).toBe(12);
    expect(later.body.metrics.leadTime.after.n).toBe(12);

    const bad = await get('/annotations/v2/impact?days=7');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/days: expected one of 14, 30, 90/);
  });
});

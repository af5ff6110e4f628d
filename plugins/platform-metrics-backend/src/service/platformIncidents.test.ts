import { mockCredentials, mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import createKnex from 'knex';
import supertest from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { catalogComponent } from '../__testUtils__/records';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';
import { storesForKnex } from '../database/stores';
import { PlatformIncidentService } from '../platformIncidents/PlatformIncidentService';
import { transientErrorHandler } from './errors';

jest.setTimeout(60_000);

const service = mockCredentials.service.header();
const user = mockCredentials.user.header();
const TO = '2026-03-16T00:00:00Z';
const HOUR = 3_600_000;
const CONFIG = { platformOwners: ['platform'], incidentImpact: { dependencyDepth: 2 } };

const incident = (id: string, entityRef: string, openedAt: string, hours: number | null, over: object = {}) => ({
  id,
  source: 'pagerduty',
  entityRef,
  openedAt,
  ...(hours === null ? {} : { resolvedAt: new Date(Date.parse(openedAt) + hours * HOUR).toISOString() }),
  severity: 'sev2',
  ...over,
});

/**
 * The catalog: the platform owns a cluster (resource) and the CI runners,
 * which depend on it; payments (team-a) depends on the runners, checkout
 * (team-b) on payments (2 hops from the runners, 3 from the cluster).
 */
async function seedCatalog(services: Awaited<ReturnType<typeof createServices>>) {
  const { catalog } = services.stores;
  await catalog.upsertEntities(
    [
      catalogComponent('ci-runner', 'group:default/platform'),
      catalogComponent('payments', 'group:default/team-a'),
      catalogComponent('checkout', 'group:default/team-b'),
    ],
    Date.parse('2026-01-01T00:00:00Z'),
  );
  await catalog.replaceDependencies({
    resources: [{ entityRef: 'resource:default/cluster', type: 'kubernetes-cluster', ownerRef: 'group:default/platform' }],
    edges: [
      { entityRef: 'component:default/ci-runner', dependsOnRef: 'resource:default/cluster' },
      { entityRef: 'component:default/payments', dependsOnRef: 'component:default/ci-runner' },
      { entityRef: 'component:default/checkout', dependsOnRef: 'component:default/payments' },
    ],
  });
  const member = (name: string, group: string) => ({ userRef: `user:default/${name}`, groupRef: `group:default/${group}` });
  await catalog.replaceGroupMembers([
    member('ann', 'team-a'),
    member('amy', 'team-a'),
    member('both', 'team-a'),
    member('both', 'team-b'),
    member('bob', 'team-b'),
    // a platform engineer in a product team is not an affected developer
    member('pat', 'platform'),
    member('pat', 'team-b'),
  ]);
}

describe('platform incident impact: POST /incidents with affectedDevelopers and GET /org/platform-incidents', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('costs the platform incidents of the window by developer-hours on %p', async databaseId => {
    const services = await createServices(await databases.init(databaseId), CONFIG);
    await seedCatalog(services);
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    const incidents = [
      // the cluster: payments (hop 2) -> team-a (ann, amy, both); checkout is 3 hops away, beyond the depth
      incident('cluster-down', 'resource:default/cluster', '2026-03-10T08:00:00Z', 2),
      // the runners: payments and checkout -> ann, amy, both, bob (pat is the platform's)
      incident('runners-slow', 'ci-runner', '2026-03-03T09:00:00Z', 1.5),
      // counted by the incident tool
      incident('runners-named', 'component:default/ci-runner', '2026-02-20T10:00:00Z', 0.5, { affectedDevelopers: 30 }),
      incident('runners-none', 'ci-runner', '2026-02-21T10:00:00Z', 4, { affectedDevelopers: 0 }),
      // not the platform's: not counted
      incident('payments-bug', 'payments', '2026-03-04T10:00:00Z', 5),
      // open at the end of the window; resolved before it
      incident('cluster-open', 'resource:default/cluster', '2026-03-15T10:00:00Z', null),
      incident('cluster-old', 'resource:default/cluster', '2026-01-05T10:00:00Z', 1),
    ];
    const posted = await request(app).post('/incidents').set('Authorization', service).send({ incidents });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({ received: 7, created: 7, updated: 0 });

    const res = await request(app).get(`/org/platform-incidents?windowDays=28&to=${TO}`).set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      window: { from: '2026-02-16T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z', days: 28 },
      platformOwners: ['group:default/platform'],
      dependencyDepth: 2,
      incidents: 4,
      affectedFromIncident: 2,
      totalDeveloperHours: 2 * 3 + 1.5 * 4 + 0.5 * 30,
      open: 1,
      quarters: [{ quarter: '2026-Q1', incidents: 4, developerHours: 27 }],
    });
    expect(res.body.costliest).toEqual([
      {
        id: 'runners-named',
        source: 'pagerduty',
        entityRef: 'component:default/ci-runner',
        severity: 'sev2',
        openedAt: '2026-02-20T10:00:00.000Z',
        resolvedAt: '2026-02-20T10:30:00.000Z',
        durationSeconds: 1800,
        affectedDevelopers: 30,
        affectedFrom: 'incident',
        developerHours: 15,
      },
      expect.objectContaining({ id: 'cluster-down', entityRef: 'resource:default/cluster', affectedDevelopers: 3, affectedFrom: 'catalog', developerHours: 6 }),
      expect.objectContaining({ id: 'runners-slow', durationSeconds: 5400, affectedDevelopers: 4, affectedFrom: 'catalog', developerHours: 6 }),
      expect.objectContaining({ id: 'runners-none', affectedDevelopers: 0, affectedFrom: 'incident', developerHours: 0 }),
    ]);
    expect(res.body.trend.map((w: any) => [w.weekStart.slice(0, 10), w.incidents, w.developerHours])).toEqual([
      ['2026-02-16', 2, 15],
      ['2026-02-23', 0, 0],
      ['2026-03-02', 1, 6],
      ['2026-03-09', 1, 6],
    ]);
    // a service reads the same figures
    const asService = await request(app).get(`/org/platform-incidents?windowDays=28&to=${TO}`).set('Authorization', service);
    expect(asService.body).toEqual(res.body);

    // re-sent with the tool's count: replaced, not doubled
    const resent = await request(app)
      .post('/incidents')
      .set('Authorization', service)
      .send({ incidents: [incident('cluster-down', 'resource:default/cluster', '2026-03-10T08:00:00Z', 2, { affectedDevelopers: 50 })] });
    expect(resent.body).toEqual({ received: 1, created: 0, updated: 1 });
    const after = await request(app).get(`/org/platform-incidents?windowDays=28&to=${TO}`).set('Authorization', user);
    expect(after.body).toMatchObject({ incidents: 4, affectedFromIncident: 3, totalDeveloperHours: 100 + 6 + 15 });
    expect(after.body.costliest[0]).toMatchObject({ id: 'cluster-down', affectedDevelopers: 50, affectedFrom: 'incident', developerHours: 100 });
  });

  it('rejects a bad affectedDevelopers, naming the item and the field, and writes nothing of the batch', async () => {
    const services = await createServices(await databases.init('SQLITE_3'), CONFIG);
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    const ok = incident('ok', 'ci-runner', '2026-03-03T09:00:00Z', 1);
    for (const affectedDevelopers of [-1, 2.5, '12', 1_000_001]) {
      const res = await request(app)
        .post('/incidents')
        .set('Authorization', service)
        .send({ incidents: [ok, { ...ok, id: 'bad', affectedDevelopers }] });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toBe(
        'Invalid request: incidents[1].affectedDevelopers: expected a whole number of developers from 0 to 1000000',
      );
    }
    expect(await services.stores.events.listIncidents({ from: 0, to: Date.parse('2100-01-01') })).toEqual([]);
  });

  it('reads zero without platform owners, checks the query and the credentials', async () => {
    const services = await createServices(await databases.init('SQLITE_3'));
    await seedCatalog(services);
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    await request(app)
      .post('/incidents')
      .set('Authorization', service)
      .send({ incidents: [incident('i', 'ci-runner', '2026-03-03T09:00:00Z', 1)] });
    const none = await request(app).get(`/org/platform-incidents?to=${TO}`).set('Authorization', user);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ platformOwners: [], dependencyDepth: 3, incidents: 0, totalDeveloperHours: 0, open: 0, costliest: [] });
    expect(none.body.window.days).toBe(90);
    expect(none.body.trend).toHaveLength(13);

    for (const query of ['windowDays=0', 'windowDays=731', 'to=yesterday', 'group=platform']) {
      const bad = await request(app).get(`/org/platform-incidents?${query}`).set('Authorization', user);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^Invalid request: /);
    }
    expect((await request(app).get('/org/platform-incidents').set('Authorization', mockCredentials.none.header())).status).toBe(401);
    const denied = express()
      .use(await createTestRouter(services, mockServices.permissions({ result: AuthorizeResult.DENY })))
      .use(mockErrorHandler());
    expect((await request(denied).get('/org/platform-incidents').set('Authorization', user)).status).toBe(403);
  });

  it('answers 503 with Retry-After when the database cannot be reached', async () => {
    const services = await createServices(await databases.init('SQLITE_3'), CONFIG);
    const unreachable = createKnex({
      client: 'pg',
      connection: 'postgresql://postgres@127.0.0.1:1/none',
      pool: { min: 0, max: 1 },
      // the refused connections are the point: no log lines for them
      log: { warn: () => {}, error: () => {}, debug: () => {}, deprecate: () => {} },
    });
    try {
      const stores = await storesForKnex(unreachable, { skipMigrations: true });
      const router = await createTestRouter({ ...services, platformIncidents: new PlatformIncidentService(stores, services.settings) });
      const app = express().use(router).use(transientErrorHandler({ logger: mockServices.logger.mock() })).use(mockErrorHandler());
      // (503 comes from the plugin's error handling on every route; the spec lists each route's own answers)
      const res = await supertest(app).get(`/org/platform-incidents?to=${TO}`).set('Authorization', user);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error.name).toBe('ServiceUnavailableError');
    } finally {
      await unreachable.destroy();
    }
  });
});

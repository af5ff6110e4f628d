import { mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { catalogComponent } from '../__testUtils__/records';
import { RouterOptions } from './router';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(60_000);

const service = mockCredentials.service.header();
const user = mockCredentials.user.header();
const TO = '2026-03-16T00:00:00Z';
const HOUR = 3600;

const req = (id: string, entityRef: string | undefined, kind: string, fulfilment: string, openedAt: string, hours: number | null) => ({
  id,
  source: 'portal',
  kind,
  ...(entityRef ? { entityRef } : {}),
  requestedBy: 'alice',
  openedAt,
  ...(hours === null ? {} : { closedAt: new Date(Date.parse(openedAt) + hours * HOUR * 1000).toISOString() }),
  fulfilment,
});

/** Hides the team `group:default/find` from the caller, as the catalog would. */
const hidesFind: RouterOptions['visibility'] = {
  assertVisible: async ref => {
    if (ref === 'group:default/find') throw new NotFoundError(`No such entity ${ref}`);
  },
  filterSummary: async summary => summary,
  filterRows: async (rows, refOf) => rows.filter(r => refOf(r) !== 'group:default/find'),
};

describe('self-service ratio: POST /requests and GET /org/self-service', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('ingests idempotently and answers org-wide, per kind, team and week on %p', async databaseId => {
    const services = await createServices(await databases.init(databaseId));
    await services.stores.catalog.upsertEntities(
      [catalogComponent('payments', 'group:default/pay'), catalogComponent('search', 'group:default/find')],
      Date.parse('2026-01-01T00:00:00Z'),
    );
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    const requests = [
      req('p1', 'payments', 'New-Service', 'self-service', '2026-03-03T10:00:00Z', 1),
      req('p2', 'payments', 'database', 'ticket', '2026-03-04T10:00:00Z', 48),
      req('p3', 'payments', 'database', 'self-service', '2026-03-10T10:00:00Z', 0.5),
      req('s1', 'component:default/search', 'access', 'ticket', '2026-03-09T00:00:00Z', 24),
      // no entity, or one the catalog does not list: org-wide only
      req('o1', undefined, 'access', 'self-service', '2026-03-11T00:00:00Z', 10 / 60),
      req('x1', 'legacy', 'database', 'ticket', '2026-03-11T00:00:00Z', 24),
      // open at the end of the window
      req('open', 'payments', 'database', 'ticket', '2026-03-12T00:00:00Z', null),
      // closed before the window
      req('old', 'payments', 'database', 'ticket', '2026-02-10T00:00:00Z', 24),
    ];
    const first = await request(app).post('/requests').set('Authorization', service).send({ requests });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 8, created: 8, updated: 0 });
    // re-sent: nothing counted twice
    const again = await request(app).post('/requests').set('Authorization', service).send({ requests: requests.slice(0, 2) });
    expect(again.body).toEqual({ received: 2, created: 0, updated: 2 });

    const org = await request(app).get(`/org/self-service?windowDays=14&to=${TO}`).set('Authorization', user);
    expect(org.status).toBe(200);
    expect(org.body).toMatchObject({
      window: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z', days: 14 },
      group: null,
      n: 6,
      selfService: 3,
      ticket: 3,
      ratio: 0.5,
      open: 1,
      fulfilmentTime: { selfService: 0.5 * HOUR, ticket: 24 * HOUR },
      trend: [
        { weekStart: '2026-03-02T00:00:00.000Z', closed: 2, selfService: 1, ratio: 0.5 },
        { weekStart: '2026-03-09T00:00:00.000Z', closed: 4, selfService: 2, ratio: 0.5 },
      ],
    });
    expect(org.body.kinds.map((k: any) => [k.kind, k.n, k.selfService, k.open, k.fulfilmentTime])).toEqual([
      ['access', 2, 1, 0, { selfService: 600, ticket: 24 * HOUR }],
      ['database', 3, 1, 1, { selfService: 0.5 * HOUR, ticket: 36 * HOUR }],
      ['new-service', 1, 1, 0, { selfService: HOUR, ticket: null }],
    ]);
    expect(org.body.kinds[1].ratio).toBeCloseTo(1 / 3);
    expect(org.body.teams).toEqual([
      { groupRef: 'group:default/find', n: 1, selfService: 0, ticket: 1, ratio: 0, open: 0, fulfilmentTime: { selfService: null, ticket: 24 * HOUR } },
      {
        groupRef: 'group:default/pay',
        n: 3,
        selfService: 2,
        ticket: 1,
        ratio: 2 / 3,
        open: 1,
        fulfilmentTime: { selfService: 0.75 * HOUR, ticket: 48 * HOUR },
      },
    ]);

    const team = await request(app).get(`/org/self-service?windowDays=14&to=${TO}&group=pay`).set('Authorization', user);
    expect(team.status).toBe(200);
    expect(team.body).toMatchObject({ group: 'group:default/pay', n: 3, selfService: 2, open: 1, teams: [{ groupRef: 'group:default/pay' }] });
    expect(team.body.ratio).toBeCloseTo(2 / 3);
    expect(team.body.kinds.map((k: any) => k.kind)).toEqual(['database', 'new-service']);
    expect(team.body.teams).toHaveLength(1);

    // a window with no requests closed in it: null, not 0
    const empty = await request(app).get('/org/self-service?windowDays=7&to=2025-06-01T00:00:00Z').set('Authorization', user);
    expect(empty.body).toMatchObject({ n: 0, ratio: null, open: 0, kinds: [] });

    // the team rows a user may not see are left out; a hidden group= answers 404
    const hidden = express().use(await createTestRouter(services, undefined, hidesFind)).use(mockErrorHandler());
    const seen = await request(hidden).get(`/org/self-service?windowDays=14&to=${TO}`).set('Authorization', user);
    expect(seen.body.teams.map((t: any) => t.groupRef)).toEqual(['group:default/pay']);
    expect(seen.body.n).toBe(6);
    expect((await request(hidden).get(`/org/self-service?to=${TO}&group=find`).set('Authorization', user)).status).toBe(404);
  });

  it('rejects a bad batch whole, naming the item and the field, and takes ingestion credentials only', async () => {
    const services = await createServices(await databases.init('SQLITE_3'));
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    const ok = req('ok', 'payments', 'database', 'ticket', '2026-03-03T10:00:00Z', 1);
    const cases: Array<[unknown, RegExp]> = [
      [{ requests: [ok, { ...ok, id: 'b', fulfilment: 'email' }] }, /requests\[1\]\.fulfilment: expected self-service or ticket/],
      [{ requests: [ok, req('b', 'payments', 'database', 'ticket', '2026-03-03T10:00:00Z', -1)] }, /requests\[1\]\.closedAt: closedAt is before openedAt/],
      [{ requests: [{ ...ok, kind: 'new service' }] }, /requests\[0\]\.kind: expected a request kind/],
      [{ requests: [{ ...ok, requestedBy: 'a:b:c' }] }, /requests\[0\]\.requestedBy: not a valid user ref/],
      [{ requests: [{ ...ok, openedAt: '2026-03-03' }] }, /requests\[0\]\.openedAt: expected an ISO-8601 timestamp/],
      [{ requests: [{ ...ok, openedAt: '1999-12-31T00:00:00Z' }] }, /requests\[0\]\.openedAt: must be between 2000-01-01/],
      [{ requests: [{ ...ok, priority: 'high' }] }, /requests\[0\]/],
      [{ requests: [] }, /requests: at least 1 item/],
    ];
    for (const [body, message] of cases) {
      const res = await request(app).post('/requests').set('Authorization', service).send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    // the valid first items of the rejected batches were not written either
    expect(await services.stores.requests.listRequests({ from: 0, to: Date.parse('2100-01-01T00:00:00Z') })).toEqual([]);

    const asUser = await request(app).post('/requests').set('Authorization', user).send({ requests: [ok] });
    expect(asUser.status).toBe(403);
    expect(await services.stores.requests.listRequests({ from: 0, to: Date.parse('2100-01-01T00:00:00Z') })).toEqual([]);
    const anonymous = await request(app).get('/org/self-service').set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const window = await request(app).get('/org/self-service?windowDays=0').set('Authorization', user);
    expect(window.status).toBe(400);
    expect(window.body.error.message).toMatch(/windowDays: expected a whole number of days/);

    // a full batch (some 200 kB) is within the ingestion body limit, not the 16 kB one
    const full = Array.from({ length: 1000 }, (_, i) => ({ ...ok, id: `r${i}`, kind: `kind-${'k'.repeat(40)}` }));
    expect(JSON.stringify({ requests: full }).length).toBeGreaterThan(100_000);
    const big = await request(app).post('/requests').set('Authorization', service).send({ requests: full });
    expect(big.status).toBe(200);
    expect(big.body).toEqual({ received: 1000, created: 1000, updated: 0 });
  });
});

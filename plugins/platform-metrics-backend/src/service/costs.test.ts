import { mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { catalogComponent } from '../__testUtils__/records';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(60_000);

const service = mockCredentials.service.header();
const user = mockCredentials.user.header();
const TO = '2026-03-20T00:00:00Z';

const cost = (id: string, entityRef: string, period: string, amount: number, over: Record<string, unknown> = {}) => ({
  id,
  source: 'cloud-billing',
  entityRef,
  period,
  amount,
  currency: 'EUR',
  ...over,
});

const entity = catalogComponent;

describe('costs: POST /costs and the cost reads', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('sums per month, per service, per team and per deployment on %p', async databaseId => {
    const services = await createServices(await databases.init(databaseId), { costs: { currency: 'eur' } });
    await services.stores.catalog.upsertEntities(
      [entity('payments', 'group:default/pay'), entity('search', 'group:default/find')],
      Date.parse('2026-01-01T00:00:00Z'),
    );
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    const deployments = ['2026-02-03', '2026-02-10', '2026-03-02', '2026-03-09'].map((day, i) => ({
      id: `d${i}`,
      entityRef: 'payments',
      environment: 'production',
      status: 'succeeded',
      finishedAt: `${day}T10:00:00Z`,
    }));
    await request(app).post('/deployments').set('Authorization', service).send({ deployments }).expect(200);
    await services.runRollupJob();

    const batch = [
      // daily records of one month are summed
      cost('p-0201', 'payments', '2026-02-01', 100.25),
      cost('p-0215', 'payments', '2026-02-15', 99.75),
      cost('p-03', 'payments', '2026-03', 200, { currency: 'eur' }),
      cost('s-03', 'search', '2026-03', 50),
      // outside the three months
      cost('p-11', 'payments', '2025-11', 999),
    ];
    const first = await request(app).post('/costs').set('Authorization', service).send({ costs: batch });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 5, created: 5, updated: 0 });
    // a corrected record replaces the first, never adds to it
    const again = await request(app).post('/costs').set('Authorization', service).send({ costs: [cost('s-03', 'search', '2026-03', 60)] });
    expect(again.body).toEqual({ received: 1, created: 0, updated: 1 });

    const payments = await request(app).get(`/entities/component/default/payments/costs?months=3&to=${TO}`).set('Authorization', user);
    expect(payments.status).toBe(200);
    expect(payments.body).toEqual({
      entityRef: 'component:default/payments',
      currency: 'EUR',
      fromMonth: '2026-01',
      toMonth: '2026-03',
      total: 400,
      perMonth: 133.33,
      deployments: 4,
      perDeployment: 100,
      monthly: [
        { month: '2026-01', amount: 0 },
        { month: '2026-02', amount: 200 },
        { month: '2026-03', amount: 200 },
      ],
    });

    const org = await request(app).get(`/org/costs?months=3&to=${TO}`).set('Authorization', user);
    expect(org.status).toBe(200);
    expect(org.body).toMatchObject({
      currency: 'EUR',
      group: null,
      total: 460,
      deployments: 4,
      perDeployment: 115,
      perService: { n: 2, median: 76.67, p90: 133.33 },
      costliest: [
        { entityRef: 'component:default/payments', total: 400 },
        { entityRef: 'component:default/search', total: 60 },
      ],
    });
    expect(org.body.monthly[2]).toEqual({ month: '2026-03', total: 260, services: 2, medianPerService: 130 });
    expect(org.body.teams).toEqual([
      { groupRef: 'group:default/find', services: 1, total: 60, perMonth: 20, deployments: 0, perDeployment: null },
      { groupRef: 'group:default/pay', services: 1, total: 400, perMonth: 133.33, deployments: 4, perDeployment: 100 },
    ]);
    const team = await request(app).get(`/org/costs?months=3&to=${TO}&group=find`).set('Authorization', user);
    expect(team.body).toMatchObject({ group: 'group:default/find', total: 60, teams: [{ groupRef: 'group:default/find' }] });
  });

  it('rejects another currency and bad records whole, naming the field', async () => {
    const services = await createServices(await databases.init('SQLITE_3'), { costs: { currency: 'EUR' } });
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    const cases: Array<[unknown, RegExp]> = [
      [{ costs: [cost('a', 'payments', '2026-03', 1), cost('b', 'payments', '2026-03', 1, { currency: 'USD' })] }, /costs\[1\]\.currency: expected EUR, the currency of this installation/],
      [{ costs: [cost('a', 'payments', '2026-13', 1)] }, /costs\[0\]\.period: expected a month/],
      [{ costs: [cost('a', 'payments', '2026-02-30', 1)] }, /costs\[0\]\.period: not a day of the calendar/],
      [{ costs: [cost('a', 'payments', '1999-12', 1)] }, /costs\[0\]\.period: must be 2000-01 or later/],
      [{ costs: [cost('a', 'payments', '2026-03', -1)] }, /costs\[0\]\.amount: expected a non-negative number/],
      [{ costs: [cost('a', 'payments', '2026-03', 1, { currency: 'EURO' })] }, /costs\[0\]\.currency: expected an ISO 4217/],
    ];
    for (const [body, message] of cases) {
      const res = await request(app).post('/costs').set('Authorization', service).send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await services.stores.costs.listMonthlyCosts({ fromMonth: '2000-01', toMonth: '2100-01' })).toEqual([]);
    const months = await request(app).get('/org/costs?months=37').set('Authorization', user);
    expect(months.status).toBe(400);
    expect(months.body.error.message).toMatch(/months: expected a whole number of months from 1 to 36/);
    const asUser = await request(app).post('/costs').set('Authorization', user).send({ costs: [cost('a', 'payments', '2026-03', 1)] });
    expect(asUser.status).toBe(403);
  });
});

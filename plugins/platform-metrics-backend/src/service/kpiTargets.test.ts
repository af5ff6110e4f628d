import { mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import { Target } from '@platform-metrics/plugin-platform-metrics-common';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { catalogComponent } from '../__testUtils__/records';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const MINUTE = 60_000;
const TO = Date.parse('2026-06-01T00:00:00Z');
/** The first Monday of the 365 days before TO. */
const MONDAY = Date.parse('2025-06-02T00:00:00Z');
const service = mockCredentials.service.header();
const user = mockCredentials.user.header();

const TARGETS = [
  { metric: 'ciDuration', scope: 'org', value: '10m', by: '2026-09-30', label: 'CI under 10 minutes' },
  { metric: 'selfServiceRatio', scope: 'team-a', value: '90%', by: '2026-12-31' },
  { metric: 'costPerService', scope: 'org', value: 1000, by: '2026-12-31' },
  { metric: 'onboardingTime', scope: 'org', value: '1d', by: '2026-12-31' },
  { metric: 'platformIncidentImpact', scope: 'org', value: 50, by: '2026-12-31' },
];

/**
 * payments (team-a) runs CI on Wednesday noon of each of the 52 weeks, the
 * run taking (20 - week / 4) minutes: 20 down to 7.25. Each week two
 * requests for it close, one by self-service, and from week 26 a second one
 * by self-service too. It costs 1,200 a month, cart 1,000, search 800. No engineer
 * starts and the platform owns nothing.
 */
async function world(databases: ReturnType<typeof createTestDatabases>, databaseId: Parameters<typeof databases.init>[0]) {
  const config = { costs: { currency: 'EUR' }, targets: TARGETS };
  const services = await createServices(await databases.init(databaseId), config, () => TO);
  await services.stores.catalog.upsertEntities(
    ['payments', 'search', 'cart'].map(name => catalogComponent(name, name === 'payments' ? 'group:default/team-a' : 'group:default/team-b')),
    MONDAY - 30 * DAY,
  );
  const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
  const iso = (t: number) => new Date(t).toISOString();
  const runs = Array.from({ length: 52 }, (_, week) => {
    const start = MONDAY + week * WEEK + 2 * DAY + 12 * 60 * MINUTE;
    return { id: `r-${week}`, source: 'ci', entityRef: 'payments', startedAt: iso(start), finishedAt: iso(start + (20 - week / 4) * MINUTE), status: 'succeeded' };
  });
  const requests = Array.from({ length: 52 }, (_, week) => {
    const opened = MONDAY + week * WEEK + DAY;
    const req = (id: string, fulfilment: string) => ({
      id,
      source: 'portal',
      kind: 'database',
      entityRef: 'payments',
      openedAt: iso(opened),
      closedAt: iso(opened + DAY),
      fulfilment,
    });
    return [req(`q-${week}-a`, 'self-service'), req(`q-${week}-b`, week >= 26 ? 'self-service' : 'ticket')];
  }).flat();
  const months = ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
  const costs = months.flatMap(period => [
    { id: `p-${period}`, source: 'billing', entityRef: 'payments', period, amount: 1200, currency: 'EUR' },
    { id: `s-${period}`, source: 'billing', entityRef: 'search', period, amount: 800, currency: 'EUR' },
    { id: `c-${period}`, source: 'billing', entityRef: 'cart', period, amount: 1000, currency: 'EUR' },
  ]);
  for (const [path, body] of [
    ['/pipeline-runs', { runs }],
    ['/requests', { requests }],
    ['/costs', { costs }],
  ] as const) {
    const res = await request(app).post(path).set('Authorization', service).send(body);
    expect(res.status).toBe(200);
  }
  return app;
}

describe.each(createTestDatabases().eachSupportedId())('GET /targets on the platform KPIs, on %p', databaseId => {
  const databases = createTestDatabases();

  it('answers each KPI target from its own service, with its series, projection and status', async () => {
    const app = await world(databases, databaseId);
    const res = await request(app).get('/targets').set('Authorization', user);
    expect(res.status).toBe(200);
    const t: Record<string, Target> = Object.fromEntries(res.body.targets.map((x: Target) => [x.metric, x]));
    expect(res.body.targets.map((x: Target) => x.metric)).toEqual(TARGETS.map(x => x.metric));

    // the 13 runs of the last 90 days (weeks 39..51): 10.25 down to 7.25 min, median 8.75 min
    expect(t.ciDuration).toMatchObject({
      label: 'CI under 10 minutes',
      value: 600,
      unit: 'seconds',
      direction: 'lower',
      current: 8.75 * 60,
      n: 13,
      startFrom: 'first-value',
      start: 20 * 60,
      status: 'met',
    });
    expect(t.ciDuration.series).toHaveLength(52);
    expect(t.ciDuration.slopePerWeek).toBeCloseTo(-15);

    // team-a: all self-service in the last 90 days, half before; the weekly line rises to 1
    expect(t.selfServiceRatio).toMatchObject({ scope: 'group:default/team-a', unit: 'rate', direction: 'higher', current: 1, n: 26, status: 'met' });
    expect(t.selfServiceRatio.series[0].value).toBe(0.5);

    // the three whole months before June: the median of 1,200, 1,000 and 800 a month; each month's median the same
    expect(t.costPerService).toMatchObject({ unit: 'money', currency: 'EUR', direction: 'lower', current: 1000, n: 3, status: 'met' });
    expect(t.costPerService.series).toHaveLength(12);
    expect(t.costPerService.series[11]).toEqual({ at: '2026-06-01T00:00:00.000Z', value: 1000 });

    // nobody started: no figure, and no figure is made up
    expect(t.onboardingTime).toMatchObject({ current: null, status: 'insufficient-data', series: [] });
    expect(t.onboardingTime.n).toBeUndefined();

    // no platform owner: nothing is counted, which is 0 developer-hours (a sum, not a sample)
    expect(t.platformIncidentImpact).toMatchObject({ unit: 'developerHours', direction: 'lower', current: 0, n: 0, status: 'met' });
  });

});

import { TestDatabaseId, mockCredentials, mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Target } from '@platform-metrics/plugin-platform-metrics-common';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { catalogComponent } from '../__testUtils__/records';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { npsFigures, surveyWorld } from '../__testUtils__/surveyWorld';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WEEK = 7 * DAY;
const TO = Date.parse('2026-06-01T00:00:00Z');
/** The first Monday of the 365 days before TO: week 0 of the series. */
const MONDAY = Date.parse('2025-06-02T00:00:00Z');
const user = mockCredentials.user.header();

const TARGETS = [
  { metric: 'leadTime', scope: 'org', value: '1d', by: '2026-08-31', label: 'Changes ship within a day' },
  { metric: 'deploymentFrequency', scope: 'team-a', value: 3, by: '2026-12-31' },
  { metric: 'timeToFirstDeploy', scope: 'org', value: '2 days', by: '2026-08-31' },
  { metric: 'adoption', scope: 'org', value: '70%', by: '2027-03-31' },
  { metric: 'nps', scope: 'org', value: 40, by: '2026-12-31' },
];

/**
 * payments (team-a) deploys on Tuesday and Thursday noon of each of the 52
 * weeks, each change (72 - week) hours old: a lead time falling by an hour a
 * week. Three new services (team-c) first deploy 10, 6 and 3 days after
 * their creation in March, April and May. The baseline is July 2025.
 */
async function world(databases: ReturnType<typeof createTestDatabases>, databaseId: TestDatabaseId) {
  const config = { baseline: { from: '2025-07-01', to: '2025-07-31', label: 'Before' }, targets: TARGETS };
  const services = await createServices(await databases.init(databaseId), config, () => TO);
  const { catalog } = services.stores;
  await catalog.setInstalledAtOnce(MONDAY - 30 * DAY);
  const created = ['2026-03-10', '2026-04-10', '2026-05-10'].map(d => Date.parse(`${d}T00:00:00Z`));
  await catalog.upsertEntities(
    [
      catalogComponent('payments', 'group:default/team-a'),
      { ...catalogComponent('cart', 'group:default/team-b'), adoptionStatus: 'not-adopted' },
      ...created.map((at, i) => ({ ...catalogComponent(`new-${i}`, 'group:default/team-c'), annotatedCreatedAt: at })),
    ],
    MONDAY - 30 * DAY,
  );
  // adoption: 1 of 5 during the baseline, 3 of 5 in March
  await catalog.upsertAdoptionSnapshots([
    { day: '2025-07-15', scopeType: 'org', scopeRef: 'org', adopted: 1, eligible: 5, exceptions: 0 },
    { day: '2026-03-15', scopeType: 'org', scopeRef: 'org', adopted: 3, eligible: 5, exceptions: 0 },
  ]);
  const deployment = (id: string, entityRef: string, finishedAt: number, leadHours?: number) => ({
    id,
    entityRef,
    environment: 'production',
    status: 'succeeded',
    finishedAt: new Date(finishedAt).toISOString(),
    changes: leadHours === undefined ? [] : [{ id: `${id}-c`, committedAt: new Date(finishedAt - leadHours * HOUR).toISOString() }],
  });
  const weekly = Array.from({ length: 52 }, (_, week) =>
    [1, 3].map(day => deployment(`p-${week}-${day}`, 'payments', MONDAY + week * WEEK + day * DAY + 12 * HOUR, 72 - week)),
  ).flat();
  const firsts = [10, 6, 3].map((days, i) => deployment(`new-${i}`, `new-${i}`, created[i] + days * DAY));
  const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
  await request(app).post('/deployments').set('Authorization', mockCredentials.service.header()).send({ deployments: [...weekly, ...firsts] }).expect(200);
  await services.runRollupJob();
  return { app, services };
}

const byMetric = (targets: Target[]) => Object.fromEntries(targets.map(t => [`${t.metric} ${t.scope}`, t]));

describe.each(createTestDatabases().eachSupportedId())('GET /targets, on %p', databaseId => {
  const databases = createTestDatabases();

  it('answers each target with its start, current figure, progress, projection and status', async () => {
    const { app } = await world(databases, databaseId);
    const res = await request(app).get('/targets').set('Authorization', user);
    expect(res.status).toBe(200);
    // in configuration order
    expect(res.body.targets.map((t: Target) => t.metric)).toEqual(TARGETS.map(t => t.metric));
    const t = byMetric(res.body.targets);

    // the 13 whole weeks of the last 90 days: 33 h down to 21 h, median 27 h; the baseline's median 66 h
    const lead = t['leadTime org'];
    expect(lead).toMatchObject({
      label: 'Changes ship within a day',
      value: 86_400,
      by: '2026-08-31',
      direction: 'lower',
      unit: 'seconds',
      start: 66 * 3600,
      startFrom: 'baseline',
      current: 27 * 3600,
      n: 26,
      status: 'on-track',
    });
    expect(lead.progress).toBeCloseTo(39 / 42);
    expect(lead.slopePerWeek).toBeCloseTo(-3600);
    // the line at the end of 2026-08-31: 72 h - 1 h a week for 64 1/7 weeks after the first week's end
    expect(lead.projected! / 3600).toBeCloseTo(72 - (Date.parse('2026-09-01T00:00:00Z') - MONDAY - WEEK) / WEEK);
    expect(lead.series).toHaveLength(52);
    expect(lead.series[0]).toEqual({ at: '2025-06-09T00:00:00.000Z', value: 72 * 3600 });
    expect(lead.series[51]).toEqual({ at: '2026-06-01T00:00:00.000Z', value: 21 * 3600 });

    // two a week, flat: 2.1 a week in the baseline, the target 3 is missed by far more than 10% of 0.9
    const frequency = t['deploymentFrequency group:default/team-a'];
    expect(frequency).toMatchObject({ direction: 'higher', unit: 'perWeek', startFrom: 'baseline', n: 26, status: 'off-track' });
    expect(frequency.start).toBeCloseTo(2.1);
    expect(frequency.current).toBeCloseTo((26 / 90) * 7);
    expect(frequency.projected).toBeCloseTo(2);
    expect(frequency.series.every((p: { value: number }) => p.value === 2)).toBe(true);

    // monthly cohorts 10, 6 and 3 days: no baseline cohort, so from the first month; the line reaches 0 by September
    const ttfd = t['timeToFirstDeploy org'];
    expect(ttfd).toMatchObject({ startFrom: 'first-value', start: 10 * 86_400, current: 6 * 86_400, n: 3, progress: 0.5, projected: 0, status: 'on-track' });
    expect(ttfd.series).toEqual([
      { at: '2026-04-01T00:00:00.000Z', value: 10 * 86_400 },
      { at: '2026-05-01T00:00:00.000Z', value: 6 * 86_400 },
      { at: '2026-06-01T00:00:00.000Z', value: 3 * 86_400 },
    ]);

    // 4 of 5 adopted now; the baseline's snapshot 1 of 5: beyond the target, progress above 1
    const adoption = t['adoption org'];
    expect(adoption).toMatchObject({ unit: 'rate', value: 0.7, start: 0.2, startFrom: 'baseline', current: 0.8, n: 5, status: 'met' });
    expect(adoption.progress).toBeCloseTo(1.2);
    expect(adoption.series).toEqual([
      { at: '2025-07-16T00:00:00.000Z', value: 0.2 },
      { at: '2026-03-16T00:00:00.000Z', value: 0.6 },
    ]);

    // nobody answered a survey: the NPS is withheld, and so is everything about it
    const nps = t['nps org'];
    expect(nps).toMatchObject({ current: null, start: null, progress: null, projected: null, status: 'insufficient-data', series: [] });
    expect(nps).not.toHaveProperty('n');
  });

  it('answers the same as of `to` as from the precomputed summaries of now', async () => {
    const { app } = await world(databases, databaseId);
    const now = await request(app).get('/targets').set('Authorization', user).expect(200);
    const asOf = await request(app).get('/targets?to=2026-06-01T00:00:00Z').set('Authorization', user).expect(200);
    expect(asOf.body).toEqual(now.body);
    // half a year earlier, the lead time series has only the weeks up to then
    const earlier = await request(app).get('/targets?to=2025-12-01T00:00:00Z').set('Authorization', user).expect(200);
    const lead = byMetric(earlier.body.targets)['leadTime org'];
    expect(lead.series.at(-1)).toEqual({ at: '2025-12-01T00:00:00.000Z', value: 47 * 3600 });
    expect(lead.current).toBe(53 * 3600);
  });

  it('takes user or service credentials with the read permission, and refuses a bad `to`', async () => {
    const { services } = await world(databases, databaseId);
    const denied = express().use(await createTestRouter(services, mockServices.permissions({ result: AuthorizeResult.DENY }))).use(mockErrorHandler());
    expect((await request(denied).get('/targets').set('Authorization', user)).status).toBe(403);
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    expect((await request(app).get('/targets').set('Authorization', mockCredentials.none.header())).status).toBe(401);
    expect((await request(app).get('/targets').set('Authorization', mockCredentials.service.header())).status).toBe(200);
    const bad = await request(app).get('/targets?to=tomorrow').set('Authorization', user);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/to: expected an ISO-8601 timestamp/);
    const unknown = await request(app).get('/targets?scope=org').set('Authorization', user);
    expect(unknown.status).toBe(400);
  });

  it('never shows an NPS figure the summary withholds', async () => {
    const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
    const targets = ['org', 'big', 'pair', 'guild'].map(scope => ({ metric: 'nps', scope, value: 40, by: '2027-06-30' }));
    const w = await surveyWorld(await databases.init(databaseId), {
      now: '2026-11-10T09:00:00Z',
      config: { targets },
      teams: { big: { members: names('b', 12) }, pair: { members: ['s0', 's1'] }, guild: { type: 'guild', members: names('b', 6) } },
    });
    for (const m of names('b', 12)) await w.answer(m, 9);
    await w.answer('s0', 10);
    await w.answer('s1', 10);
    w.advanceDays(1);
    await w.publish();
    const res = await request(w.app).get('/targets').set('Authorization', w.user('reader')).expect(200);
    const [org, big, pair, guild] = res.body.targets as Target[];
    expect(org).toMatchObject({ current: 100, n: 14, status: 'met', series: [{ at: '2026-11-11T00:00:00.000Z', value: 100 }] });
    // the pair (fewer than k), the big team (org minus big would reveal the pair), a guild (not a reporting group)
    for (const [target, group] of [[big, 'big'], [pair, 'pair'], [guild, 'guild']] as const) {
      expect(target).toMatchObject({ current: null, start: null, progress: null, status: 'insufficient-data', series: [] });
      expect(target).not.toHaveProperty('n');
      const summary = await w.summary(`?group=group:default/${group}`);
      expect(npsFigures(summary).every(f => f.score === null)).toBe(true);
    }
  });
});

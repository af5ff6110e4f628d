import { mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const TO = Date.parse('2026-06-01T00:00:00Z');

/** `count` successful production deployments of payments, one a day from `from`, each shipping one change `leadHours` old. */
function deployments(prefix: string, from: number, count: number, leadHours: number, failedEvery = 0) {
  return Array.from({ length: count }, (_, i) => {
    const finishedAt = from + i * DAY + 12 * 3_600_000;
    return {
      id: `${prefix}-${i}`,
      entityRef: 'payments',
      environment: 'production',
      status: failedEvery && i % failedEvery === 0 ? 'failed' : 'succeeded',
      finishedAt: new Date(finishedAt).toISOString(),
      changes: [{ id: `${prefix}-c${i}`, committedAt: new Date(finishedAt - leadHours * 3_600_000).toISOString() }],
    };
  });
}

describe.each(createTestDatabases().eachSupportedId())('compare= on the scorecard, on %p', databaseId => {
  const databases = createTestDatabases();

  async function app(config: object) {
    const services = await createServices(await databases.init(databaseId), config, () => TO);
    const a = express().use(await createTestRouter(services)).use(mockErrorHandler());
    return { services, a };
  }

  const scorecard = (a: express.Express, query: string) =>
    request(a).get(`/entities/component/default/payments/scorecard?windowDays=30&to=2026-06-01T00:00:00Z&${query}`).set('Authorization', mockCredentials.user.header());

  it('compares the window with the configured baseline and with the previous period', async () => {
    const { services, a } = await app({ baseline: { from: '2026-01-01', to: '2026-01-31', label: 'Before the platform' } });
    const ingest = (list: object[]) =>
      request(a).post('/deployments').set('Authorization', mockCredentials.service.header()).send({ deployments: list }).expect(200);
    // baseline (January): 10 deployments, 48 h lead times; the previous 30 days: 15 at 24 h; the window: 30 at 4 h
    await ingest(deployments('jan', Date.parse('2026-01-01T00:00:00Z'), 10, 48));
    await ingest(deployments('apr', TO - 60 * DAY, 15, 24));
    await ingest(deployments('may', TO - 30 * DAY, 30, 4));
    await services.runRollupJob();

    const baseline = await scorecard(a, 'compare=baseline');
    expect(baseline.status).toBe(200);
    const { comparison } = baseline.body;
    expect(comparison).toMatchObject({
      against: 'baseline',
      label: 'Before the platform',
      reference: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T00:00:00.000Z', days: 30 },
      minSamples: 3,
    });
    expect(comparison.metrics.deploymentFrequency).toMatchObject({
      before: { value: 10 / 30, n: 10 },
      after: { value: 1, n: 30 },
      direction: 'better',
      significant: true,
    });
    expect(comparison.metrics.leadTime).toMatchObject({
      before: { value: 48 * 3600, n: 10 },
      after: { value: 4 * 3600, n: 30 },
      absoluteChange: -44 * 3600,
      direction: 'better',
      significant: true,
    });
    expect(comparison.metrics.leadTime.relativeChange).toBeCloseTo(-44 / 48);
    // no incidents on either side
    expect(comparison.metrics.timeToRestore).toMatchObject({ insufficientData: true, direction: null });
    // the scorecard itself is the same with or without compare=
    const plain = await scorecard(a, '');
    expect(plain.body.comparison).toBeUndefined();
    expect(plain.body.dora).toEqual(baseline.body.dora);

    const previous = (await scorecard(a, 'compare=previous')).body.comparison;
    expect(previous).toMatchObject({
      against: 'previous',
      label: 'Previous period',
      reference: { from: '2026-04-02T00:00:00.000Z', to: '2026-05-02T00:00:00.000Z', days: 30 },
    });
    expect(previous.metrics.leadTime).toMatchObject({ before: { value: 24 * 3600, n: 15 }, direction: 'better' });
  });

  it('answers 400 naming the setting when no baseline is configured, and for an unknown comparison', async () => {
    const { a } = await app({});
    const none = await scorecard(a, 'compare=baseline');
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/platformMetrics\.baseline\.from/);
    const bad = await scorecard(a, 'compare=lastyear');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/compare/);
  });
});

import { mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { catalogComponent } from '../__testUtils__/records';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(60_000);

const service = mockCredentials.service.header();
const user = mockCredentials.user.header();
const TO = '2026-03-16T00:00:00Z';

const run = (id: string, startedAt: string, minutes: number, over: Record<string, unknown> = {}) => ({
  id,
  source: 'github-actions',
  entityRef: 'payments',
  startedAt,
  finishedAt: new Date(Date.parse(startedAt) + minutes * 60_000).toISOString(),
  status: 'succeeded',
  ...over,
});

const entity = catalogComponent;

describe('CI pipeline runs: POST /pipeline-runs and the pipeline reads', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('ingests idempotently and answers per entity, team and org on %p', async databaseId => {
    const services = await createServices(await databases.init(databaseId));
    await services.stores.catalog.upsertEntities(
      [entity('payments', 'group:default/pay'), entity('search', 'group:default/find')],
      Date.parse('2026-01-01T00:00:00Z'),
    );
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    const runs = [
      run('1', '2026-03-03T10:00:00Z', 8, { commit: 'AAAAAAA', status: 'failed' }),
      run('2', '2026-03-03T11:00:00Z', 12, { commit: 'aaaaaaa' }),
      run('3', '2026-03-10T10:00:00Z', 20, { commit: 'bbbbbbb', branch: 'main' }),
      run('4', '2026-03-10T10:00:00Z', 6, { entityRef: 'component:default/search' }),
      // before the window
      run('5', '2026-02-01T10:00:00Z', 99),
    ];
    const first = await request(app).post('/pipeline-runs').set('Authorization', service).send({ runs });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 5, created: 5, updated: 0 });
    // re-sent (a CI retry): nothing counted twice; run 1 re-run under the same id is an update
    const again = await request(app).post('/pipeline-runs').set('Authorization', service).send({ runs: runs.slice(0, 2) });
    expect(again.body).toEqual({ received: 2, created: 0, updated: 2 });

    const payments = await request(app)
      .get(`/entities/component/default/payments/pipelines?windowDays=14&to=${TO}`)
      .set('Authorization', user);
    expect(payments.status).toBe(200);
    expect(payments.body).toMatchObject({
      entityRef: 'component:default/payments',
      window: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z', days: 14 },
      duration: { median: 16 * 60, p90: 20 * 60, n: 2 },
      runs: { succeeded: 2, failed: 1, cancelled: 0 },
      flaky: { rate: 0.5, flakyCommits: 1, commits: 2 },
      trend: [
        { weekStart: '2026-03-02T00:00:00.000Z', runs: 2, durationMedian: 12 * 60 },
        { weekStart: '2026-03-09T00:00:00.000Z', runs: 1, durationMedian: 20 * 60 },
      ],
    });
    expect(payments.body.failureRate).toBeCloseTo(1 / 3);

    const org = await request(app).get(`/org/pipelines?windowDays=14&to=${TO}`).set('Authorization', user);
    expect(org.status).toBe(200);
    expect(org.body).toMatchObject({ group: null, duration: { n: 3, median: 12 * 60 }, runs: { succeeded: 3, failed: 1 } });
    expect(org.body.teams.map((t: any) => [t.groupRef, t.entities, t.duration.n])).toEqual([
      ['group:default/find', 1, 1],
      ['group:default/pay', 1, 2],
    ]);

    const team = await request(app).get(`/org/pipelines?windowDays=14&to=${TO}&group=find`).set('Authorization', user);
    expect(team.body).toMatchObject({ group: 'group:default/find', duration: { median: 6 * 60, n: 1 } });
    expect(team.body.teams).toHaveLength(1);
  });

  it('rejects a bad batch whole, naming the field, and takes ingestion credentials only', async () => {
    const services = await createServices(await databases.init('SQLITE_3'));
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    const cases: Array<[unknown, RegExp]> = [
      [{ runs: [run('1', '2026-03-03T10:00:00Z', -5)] }, /runs\[0\]\.finishedAt: finishedAt is before startedAt/],
      [{ runs: [run('1', '2026-03-03T10:00:00Z', 5), run('2', '2026-03-03T10:00:00Z', 5, { status: 'passed' })] }, /runs\[1\]\.status/],
      [{ runs: [run('1', '2026-03-03T10:00:00Z', 5, { commit: 'main' })] }, /runs\[0\]\.commit: expected a commit sha/],
      [{ runs: [run('1', '2026-03-03T10:00:00Z', 5, { extra: 1 })] }, /runs\[0\]/],
      [{ runs: [] }, /runs: at least 1 item/],
    ];
    for (const [body, message] of cases) {
      const res = await request(app).post('/pipeline-runs').set('Authorization', service).send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await services.stores.pipelines.listRuns({ from: 0, to: Date.parse(TO) })).toEqual([]);

    const asUser = await request(app)
      .post('/pipeline-runs')
      .set('Authorization', user)
      .send({ runs: [run('1', '2026-03-03T10:00:00Z', 5)] });
    expect(asUser.status).toBe(403);
    const anonymous = await request(app).get('/org/pipelines').set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});

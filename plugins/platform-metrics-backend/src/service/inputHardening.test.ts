import { mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('input hardening at the boundary', () => {
  const databases = createTestDatabases();
  let app: express.Express;
  let services: Awaited<ReturnType<typeof createServices>>;

  async function build(config: object = {}) {
    services = await createServices(await databases.init('SQLITE_3'), config);
    app = express().use(await createTestRouter(services)).use(mockErrorHandler());
  }
  beforeEach(() => build());

  const deployment = (over: Record<string, unknown> = {}) => ({
    id: 'd1',
    entityRef: 'component:default/payments',
    environment: 'production',
    status: 'succeeded',
    finishedAt: iso(Date.now() - HOUR),
    changes: [{ id: 'c1', committedAt: iso(Date.now() - 2 * HOUR) }],
    ...over,
  });
  const asService = (path: string, body: unknown) =>
    request(app).post(path).set('Authorization', mockCredentials.service.header()).send(body as object);
  const asUser = (path: string, body: unknown) =>
    request(app).post(path).set('Authorization', mockCredentials.user.header()).send(body as object);
  const stored = () =>
    services.stores.events.listDeployments({ from: 0, to: Date.parse('2100-01-01'), productionEnvironments: ['production', 'staging'] });

  async function expect400(res: { status: number; body: { error: { message: string } } }, field: string) {
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  }

  it('rejects NUL characters and unpaired surrogates in any string, naming the field', async () => {
    await expect400(await asService('/deployments', { deployments: [deployment({ id: 'd\u0000' })] }), 'deployments[0].id');
    await expect400(await asService('/deployments', { deployments: [deployment(), deployment({ id: 'd2', version: 'v\uD800' })] }), 'deployments[1].version');
    await expect400(await asService('/deployments', { deployments: [deployment({ entityRef: 'component:default/pay\uDC00' })] }), 'deployments[0].entityRef');
    await expect400(await asService('/deployments', { deployments: [deployment({ environment: 'prod\u0000' })] }), 'deployments[0].environment');
    await expect400(await asService('/deployments', { deployments: [deployment({ changes: [{ id: '\uDBFFx', committedAt: iso(Date.now()) }] })] }), 'deployments[0].changes[0].id');
    await expect400(await asService('/incidents', { incidents: [{ id: 'i1', entityRef: 'component:default/payments', openedAt: iso(Date.now()), severity: 'sev\u0000' }] }), 'incidents[0].severity');
    await expect400(await asUser('/surveys/current/responses', { score: 9, comment: 'great\u0000' }), 'comment');
    await expect400(await asUser('/surveys/current/responses', { score: 9, comment: 'bad \uD83D pair' }), 'comment');
    expect(await stored()).toHaveLength(0);
    // a well-formed pair (an emoji) is fine
    expect((await asUser('/surveys/current/responses', { score: 9, comment: 'great \uD83D\uDE80' })).status).toBe(200);
  });

  it('checks lengths after normalisation: the lower-cased environment and entity ref', async () => {
    // 'İ' lower-cases to two UTF-16 code units: 60 of them are 120 characters as stored
    await expect400(await asService('/deployments', { deployments: [deployment({ environment: '\u0130'.repeat(60) })] }), 'deployments[0].environment');
    const ok = await asService('/deployments', { deployments: [deployment({ environment: '\u0130'.repeat(50) })] });
    expect(ok.status).toBe(200);
    const [row] = await services.stores.events.listDeployments({ from: 0, to: Date.parse('2100-01-01'), productionEnvironments: ['i\u0307'.repeat(50)] });
    expect(row.environment).toHaveLength(100);
    await expect400(await asService('/deployments', { deployments: [deployment({ id: 'd3', entityRef: `component:default/${'\u0130'.repeat(200)}` })] }), 'deployments[0].entityRef');
  });

  it('takes timestamps from 2000-01-01 to a day from now, else 400 naming the field', async () => {
    await expect400(await asService('/deployments', { deployments: [deployment({ finishedAt: '1999-12-31T23:59:59Z' })] }), 'deployments[0].finishedAt');
    await expect400(await asService('/deployments', { deployments: [deployment({ finishedAt: iso(Date.now() + 25 * HOUR) })] }), 'deployments[0].finishedAt');
    await expect400(await asService('/deployments', { deployments: [deployment({ changes: [{ id: 'c', committedAt: '1970-01-01T00:00:00Z' }] })] }), 'deployments[0].changes[0].committedAt');
    await expect400(await asService('/incidents', { incidents: [{ id: 'i1', entityRef: 'component:default/payments', openedAt: iso(Date.now() + 48 * HOUR) }] }), 'incidents[0].openedAt');
    await expect400(
      await asService('/survey-responses', { responses: [{ surveyId: '2026-Q1', userRef: 'ann', score: 9, submittedAt: '1999-01-01T00:00:00Z' }] }),
      'responses[0].submittedAt',
    );
    expect(await stored()).toHaveLength(0);
    // within the skew: a sender whose clock is a few hours ahead
    expect((await asService('/deployments', { deployments: [deployment({ finishedAt: iso(Date.now() + 23 * HOUR) })] })).status).toBe(200);
    expect((await asService('/deployments', { deployments: [deployment({ id: 'old', finishedAt: '2000-01-01T00:00:00Z', changes: [] })] })).status).toBe(200);
  });

  it('takes the allowed skew from platformMetrics.ingest.maxFutureSkewMinutes', async () => {
    await build({ ingest: { maxFutureSkewMinutes: 5 } });
    await expect400(await asService('/deployments', { deployments: [deployment({ finishedAt: iso(Date.now() + 10 * 60_000) })] }), 'deployments[0].finishedAt');
    expect((await asService('/deployments', { deployments: [deployment({ finishedAt: iso(Date.now() + 60_000) })] })).status).toBe(200);
  });

  it('limits bodies per route: 16 kB for survey answers, 5 MB for ingestion, 413 with the limit named', async () => {
    const survey = await asUser('/surveys/current/responses', { score: 9, comment: 'x'.repeat(17 * 1024) });
    expect(survey.status).toBe(413);
    expect(survey.body.error.message).toMatch(/POST \/surveys\/current\/responses takes at most 16 kB/);
    // a batch of 4 MB is read (and here rejected for its content), one of 6 MB is not
    const four = await asService('/deployments', { deployments: [deployment({ version: 'v'.repeat(4 * 1024 * 1024) })] });
    expect(four.status).toBe(400);
    expect(four.body.error.message).toContain('deployments[0].version');
    const six = await asService('/deployments', { deployments: [deployment({ version: 'v'.repeat(6 * 1024 * 1024) })] });
    expect(six.status).toBe(413);
    expect(six.body.error.message).toMatch(/POST \/deployments takes at most 5 MB/);
    const imports = await asService('/survey-responses', { responses: [{ comment: 'x'.repeat(6 * 1024 * 1024) }] });
    expect(imports.status).toBe(413);
    expect(await stored()).toHaveLength(0);
  });
});

import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { request } from '../__testUtils__/validatedRequest';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { PlatformMetricsStores } from '../database/stores';

jest.setTimeout(60_000);

const deployment = (over: Record<string, unknown> = {}) => ({
  id: 'd1',
  entityRef: 'component:default/payments',
  environment: 'production',
  status: 'succeeded',
  finishedAt: '2026-03-02T10:00:00Z',
  changes: [{ id: 'c1', committedAt: '2026-03-02T09:00:00Z' }],
  ...over,
});

describe('createRouter', () => {
  const databases = createTestDatabases();
  let app: express.Express;
  let store: PlatformMetricsStores;
  let runRollupJob: () => Promise<unknown>;
  let services: Awaited<ReturnType<typeof createServices>>;

  async function build(
    permissionResult: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    services = await createServices(await databases.init('SQLITE_3'), {}, () => Date.parse('2026-11-22T12:00:00Z'));
    store = services.stores;
    runRollupJob = services.runRollupJob;
    const router = await createTestRouter(services, mockServices.permissions({ result: permissionResult }));
    app = express().use(router).use(mockErrorHandler());
  }

  beforeEach(() => build());

  const ingest = (path: string, body: unknown) =>
    request(app)
      .post(path)
      .set('Authorization', mockCredentials.service.header())
      .send(body as object);

  async function storedDeployments() {
    return store.events.listDeployments({ from: 0, to: Date.parse('2100-01-01'), productionEnvironments: ['production', 'staging'] });
  }

  it('ingests a batch and answers with counts; a re-sent batch updates', async () => {
    const first = await ingest('/deployments', { deployments: [deployment(), deployment({ id: 'd2' })] });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 2, created: 2, updated: 0 });
    const again = await ingest('/deployments', { deployments: [deployment({ version: '2' })] });
    expect(again.body).toEqual({ received: 1, created: 0, updated: 1 });
    expect(await storedDeployments()).toHaveLength(2);
  });

  it('keeps one record when two requests carrying it race', async () => {
    const batch = { deployments: Array.from({ length: 50 }, (_, i) => deployment({ id: `r${i}` })) };
    const answers = await Promise.all([ingest('/deployments', batch), ingest('/deployments', batch)]);
    expect(answers.map(a => a.status)).toEqual([200, 200]);
    expect(await storedDeployments()).toHaveLength(50);
  });

  it.each([
    ['bad JSON', '{"deployments": [', /Unexpected|JSON/i],
    ['a wrong type', { deployments: [deployment({ status: 3 })] }, /deployments\[0\]\.status/],
    ['too many items', { deployments: Array.from({ length: 1001 }, (_, i) => deployment({ id: `x${i}` })) }, /deployments: at most 1000 items/],
    ['no items', { deployments: [] }, /deployments: at least 1 item/],
    ['an unknown field', { deployments: [deployment({ colour: 'blue' })] }, /deployments\[0\].*colour/],
    ['an unknown deployment type', { deployments: [deployment({ type: 'canary' })] }, /deployments\[0\]\.type/],
    ['an unparseable date', { deployments: [deployment(), deployment({ id: 'd2', finishedAt: 'yesterday' })] }, /deployments\[1\]\.finishedAt/],
    ['finishedAt before startedAt', { deployments: [deployment({ startedAt: '2026-03-02T11:00:00Z' })] }, /deployments\[0\]\.finishedAt: finishedAt is before startedAt/],
    ['an unparseable entity ref', { deployments: [deployment({ entityRef: 'a:b:c/d/e' })] }, /deployments\[0\]\.entityRef/],
  ])('rejects %s with 400 naming the field, and writes nothing', async (_name, body, message) => {
    const res =
      typeof body === 'string'
        ? await request(app)
            .post('/deployments')
            .set('Authorization', mockCredentials.service.header())
            .set('Content-Type', 'application/json')
            .send(body)
        : await ingest('/deployments', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await storedDeployments()).toHaveLength(0);
  });

  it('rejects an incident resolved before it opened, naming item and field', async () => {
    const res = await ingest('/incidents', {
      incidents: [{ id: 'i1', entityRef: 'payments', openedAt: '2026-03-02T10:00:00Z', resolvedAt: '2026-03-02T09:00:00Z' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError' });
    expect(res.body.error.message).toMatch(/incidents\[0\]\.resolvedAt: resolvedAt is before openedAt/);
  });

  it('answers 401 without credentials and 403 to a user token on ingest', async () => {
    const none = await request(app)
      .post('/deployments')
      .set('Authorization', mockCredentials.none.header())
      .send({ deployments: [deployment()] });
    expect(none.status).toBe(401);
    const user = await request(app)
      .post('/deployments')
      .set('Authorization', mockCredentials.user.header())
      .send({ deployments: [deployment()] });
    expect(user.status).toBe(403);
    expect(await storedDeployments()).toHaveLength(0);
  });

  it('answers 403 on reads without the read permission', async () => {
    await build(AuthorizeResult.DENY);
    const res = await request(app)
      .get('/org/summary')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
  });

  it('validates the read query', async () => {
    const bad = await request(app)
      .get('/entities/component/default/payments/scorecard?windowDays=0')
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/windowDays/);
    const badTo = await request(app)
      .get('/org/summary?to=tomorrow')
      .set('Authorization', mockCredentials.user.header());
    expect(badTo.status).toBe(400);
    expect(badTo.body.error.message).toMatch(/to:/);
  });

  it('serves a scorecard for a case-folded ref with a reproducible window', async () => {
    await ingest('/deployments', { deployments: [deployment({ entityRef: 'Payments' })] });
    await runRollupJob();
    const res = await request(app)
      .get('/entities/Component/default/Payments/scorecard?windowDays=30&to=2026-04-01T00:00:00Z')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/payments');
    expect(res.body.window).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', days: 30 });
    expect(res.body.dora.deploymentFrequency.count).toBe(1);
    expect(res.body.dora.leadTime).toMatchObject({ median: 3600, n: 1 });
  });

  it('takes the survey user from the token, one answer per survey, and validates the score', async () => {
    const alice = mockCredentials.user.header('user:default/alice');
    expect((await request(app).get('/surveys/current').set('Authorization', alice)).body).toEqual({
      surveyId: '2026-Q4',
      question: 'How likely are you to recommend the platform to a colleague?',
      followUpQuestion: 'What is the single biggest thing slowing you down?',
      questions: expect.arrayContaining([
        { id: 'safe-deploys', dimension: 'performance', text: 'Deploying my changes to production is safe and easy.' },
      ]),
      answers: {},
      answered: false,
      response: null,
      snoozedUntil: null,
    });
    const bad = await request(app).post('/surveys/current/responses').set('Authorization', alice).send({ score: 11 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/score/);
    const spoof = await request(app)
      .post('/surveys/current/responses')
      .set('Authorization', alice)
      .send({ score: 9, userRef: 'user:default/bob' });
    expect(spoof.status).toBe(400);

    await request(app).post('/surveys/current/responses').set('Authorization', alice).send({ score: 4 }).expect(200, { surveyId: '2026-Q4' });
    await request(app).post('/surveys/current/responses').set('Authorization', alice).send({ score: 9, comment: ' CI is slow ' }).expect(200);
    const current = await request(app).get('/surveys/current').set('Authorization', alice);
    expect(current.body).toMatchObject({ answered: true, response: { score: 9, comment: 'CI is slow' } });
    expect(await store.surveys.listSurveyResponses('2026-Q4')).toHaveLength(1);

    const service = await request(app).post('/surveys/current/responses').set('Authorization', mockCredentials.service.header()).send({ score: 9 });
    expect(service.status).toBe(403);
    const serviceAnswer = await request(app)
      .put('/surveys/current/answers/safe-deploys')
      .set('Authorization', mockCredentials.service.header())
      .send({ value: 4 });
    expect(serviceAnswer.status).toBe(403);
  });

  it('snoozes the survey for the caller only', async () => {
    const alice = mockCredentials.user.header('user:default/alice');
    const snooze = await request(app).post('/surveys/current/snooze').set('Authorization', alice);
    expect(snooze.body).toEqual({ snoozedUntil: '2026-11-29T12:00:00.000Z' });
    expect((await request(app).get('/surveys/current').set('Authorization', alice)).body.snoozedUntil).toBe('2026-11-29T12:00:00.000Z');
    const bob = mockCredentials.user.header('user:default/bob');
    expect((await request(app).get('/surveys/current').set('Authorization', bob)).body.snoozedUntil).toBeNull();
  });

  it('serves published comments without identity or score, to users with the permission only', async () => {
    const comments = ['The CI pipeline is slow', 'Docs for the deploy flow are great', 'flaky builds block every release'];
    const res = await ingest('/survey-responses', {
      responses: Array.from({ length: 12 }, (_, i) => ({
        surveyId: '2026-Q3',
        userRef: `user${i}`,
        score: [3, 9, 6][i % 3],
        ...(i < 3 && { comment: comments[i] }),
        submittedAt: '2026-08-01T00:00:00Z',
      })),
    });
    expect(res.body).toEqual({ received: 12, created: 12, updated: 0, skipped: 0 });
    // nothing is shown before the publication task publishes the closed survey
    const before = await request(app).get('/surveys/2026-Q3/comments').set('Authorization', mockCredentials.user.header());
    expect(before.body).toMatchObject({ n: null, withheld: 'fewer than 5 responses', comments: [] });
    await services.publications.publishDue();

    const published = await request(app).get('/surveys/2026-Q3/comments').set('Authorization', mockCredentials.user.header());
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ n: 12, withheld: null, asOf: '2026-10-01T00:00:00.000Z' });
    expect(published.body.categories.slice(0, 2)).toEqual([
      { category: 'CI speed', count: 2 },
      { category: 'Deployments', count: 2 },
    ]);
    // by first category, then text; the bucket, never the score
    expect(published.body.comments).toEqual([
      { comment: 'flaky builds block every release', categories: ['CI speed', 'Deployments'], bucket: 'detractor' },
      { comment: 'The CI pipeline is slow', categories: ['CI speed'], bucket: 'detractor' },
      { comment: 'Docs for the deploy flow are great', categories: ['Documentation', 'Deployments'], bucket: 'promoter' },
    ]);
    expect(JSON.stringify(published.body)).not.toMatch(/user\d|"score"/);

    // a shared service token is no reader of comments
    const service = await request(app).get('/surveys/2026-Q3/comments').set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);

    await build(AuthorizeResult.DENY);
    const denied = await request(app).get('/surveys/2026-Q3/comments').set('Authorization', mockCredentials.user.header());
    expect(denied.status).toBe(403);
  });
});

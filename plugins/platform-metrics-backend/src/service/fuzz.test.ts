import { mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import { MAX_BATCH, MAX_COMMENT_LENGTH } from '@platform-metrics/plugin-platform-metrics-common';
import express from 'express';
import fc from 'fast-check';
import { Knex } from 'knex';
import {
  Mutation,
  badBatch,
  badId,
  badRef,
  badString,
  badTimestamp,
  batchWithOneBad,
  mutate,
  notOneOf,
  tooLong,
} from '../__testUtils__/badInput';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(300_000);

/** Generated cases per schema and database (the test names say them too). */
const RUNS = { deployments: 1000, incidents: 500, surveyAnswers: 500, surveyImports: 500, snooze: 200, erasure: 200 };

const HOUR = 3_600_000;
const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

const deployment = (i: number) => ({
  id: `ok-${i}`,
  source: 'fuzz',
  entityRef: 'component:default/payments',
  environment: 'Production',
  status: 'succeeded',
  startedAt: iso(NOW - 2 * HOUR),
  finishedAt: iso(NOW - HOUR),
  version: '1.2.3',
  commitSha: 'abcdef1',
  changes: [{ id: `c-${i}`, committedAt: iso(NOW - 3 * HOUR) }],
  type: 'standard',
  remediates: 'ok-0',
});
const change = { id: 'c', committedAt: iso(NOW - 3 * HOUR) };
const badDeployment = mutate(
  deployment(0),
  {
    id: badId,
    source: badId,
    entityRef: badRef,
    environment: fc.oneof(badString, tooLong(100, { lowerCased: true }), fc.constantFrom('', '   ')),
    status: notOneOf(['succeeded', 'failed']),
    finishedAt: badTimestamp(NOW),
    // malformed, or after finishedAt
    startedAt: fc.oneof(badTimestamp(NOW), fc.constant(iso(NOW - HOUR / 2))),
    version: fc.oneof(badString, tooLong(255)),
    commitSha: fc.oneof(badString, fc.constantFrom('xyz', 'abc12', 'g'.repeat(10), 'a'.repeat(65), '')),
    changes: fc.oneof(
      fc.constantFrom<unknown>('x', 1, {}, null, ['c1'], [null]),
      mutate(change, { id: badId, committedAt: badTimestamp(NOW) }, ['id', 'committedAt']).map((m: Mutation) => [change, m.record]),
    ),
    type: notOneOf(['standard', 'hotfix', 'rollback']),
    remediates: badId,
  },
  ['id', 'entityRef', 'environment', 'status', 'finishedAt'],
);

const incident = (i: number) => ({
  id: `inc-${i}`,
  source: 'fuzz',
  entityRef: 'payments',
  openedAt: iso(NOW - 2 * HOUR),
  resolvedAt: iso(NOW - HOUR),
  severity: 'sev1',
  causedBy: 'ok-0',
});
const badIncident = mutate(
  incident(0),
  {
    id: badId,
    source: badId,
    entityRef: badRef,
    openedAt: badTimestamp(NOW),
    // null is an open incident: every other bad value, or before openedAt
    resolvedAt: fc.oneof(badTimestamp(NOW).filter(v => v !== null), fc.constant(iso(NOW - 3 * HOUR))),
    severity: fc.oneof(badString, tooLong(50)),
    causedBy: badId,
  },
  ['id', 'entityRef', 'openedAt'],
);

const badScore = fc.oneof(
  fc.integer({ min: 11 }),
  fc.integer({ max: -1 }),
  fc.double({ min: 0.01, max: 9.99, noNaN: true }).filter(n => !Number.isInteger(n)),
  fc.constantFrom<unknown>('9', null, true, [], {}, '', 1e300),
);
const badComment = fc.oneof(badString, tooLong(MAX_COMMENT_LENGTH));
const answer = { score: 9, comment: 'fine' };
const badAnswer = fc.oneof(
  mutate(answer, { score: badScore, comment: badComment }, ['score']).map(m => m.record),
  fc.constantFrom<unknown>([], [answer], [9]),
);

const imported = (i: number) => ({
  surveyId: '2026-Q1',
  userRef: `user:default/u${i}`,
  score: 7,
  comment: 'ok',
  submittedAt: '2026-02-01T10:00:00Z',
});
const badImport = mutate(
  imported(0),
  {
    surveyId: fc.oneof(badString, fc.constantFrom('2026-Q5', '2026-Q0', '2026-M13', '2026-M00', '26-Q1', '2026-q1', '', '2026-Q1 ')),
    userRef: badRef,
    score: badScore,
    comment: badComment,
    submittedAt: badTimestamp(NOW),
  },
  ['surveyId', 'userRef', 'score', 'submittedAt'],
);

type Response = { status: number; body: { error?: { message?: string } } };

function expectRejected(res: Response, where?: string) {
  // never a 5xx, never written: a 400 that names the item
  if (res.status !== 400) throw new Error(`expected 400, got ${res.status}: ${JSON.stringify(res.body)}`);
  if (where && !res.body.error?.message?.includes(where)) {
    throw new Error(`the message does not name ${where}: ${res.body.error?.message}`);
  }
}

describe.each(createTestDatabases().eachSupportedId())('fuzzing the ingestion and survey schemas on %s', databaseId => {
  const databases = createTestDatabases();
  let knex: Knex;
  let app: express.Express;
  const count = async (table: string) => Number((await knex(table).count({ n: '*' }))[0].n);
  const asService = (path: string, body: unknown) =>
    request(app).post(path).set('Authorization', mockCredentials.service.header()).send(body as object);
  const asUser = (path: string, body: unknown) =>
    request(app).post(path).set('Authorization', mockCredentials.user.header('user:default/fuzzer')).send(body as object);

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const services = await createServices(knex);
    app = express().use(await createTestRouter(services)).use(mockErrorHandler());
  });

  async function run<T>(arbitrary: fc.Arbitrary<T>, numRuns: number, check: (value: T) => Promise<void>) {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(arbitrary, async value => {
        runs++;
        await check(value);
      }),
      { numRuns, endOnFailure: true },
    );
    expect(runs).toBe(numRuns);
  }

  it(`rejects ${RUNS.deployments} generated bad deployment batches with 400 and writes nothing`, async () => {
    const cases = fc.oneof(
      { weight: 9, arbitrary: batchWithOneBad('deployments', deployment, badDeployment) },
      { weight: 1, arbitrary: badBatch('deployments', deployment, MAX_BATCH) },
    );
    await run(cases, RUNS.deployments, async c => {
      expectRejected(await asService('/deployments', c.body), c.index === undefined ? undefined : `deployments[${c.index}]`);
    });
    expect([await count('pm_deployments'), await count('pm_deployment_changes')]).toEqual([0, 0]);
    // the same route takes the valid records
    expect((await asService('/deployments', { deployments: [deployment(0), deployment(1)] })).status).toBe(200);
    expect(await count('pm_deployments')).toBe(2);
  });

  it(`rejects ${RUNS.incidents} generated bad incident batches with 400 and writes nothing`, async () => {
    const cases = fc.oneof(
      { weight: 9, arbitrary: batchWithOneBad('incidents', incident, badIncident) },
      { weight: 1, arbitrary: badBatch('incidents', incident, MAX_BATCH) },
    );
    await run(cases, RUNS.incidents, async c => {
      expectRejected(await asService('/incidents', c.body), c.index === undefined ? undefined : `incidents[${c.index}]`);
    });
    expect(await count('pm_incidents')).toBe(0);
    expect((await asService('/incidents', { incidents: [incident(0)] })).status).toBe(200);
    expect(await count('pm_incidents')).toBe(1);
  });

  it(`rejects ${RUNS.surveyAnswers} generated bad survey answers with 400 and writes nothing`, async () => {
    await run(badAnswer, RUNS.surveyAnswers, async body => {
      expectRejected(await asUser('/surveys/current/responses', body));
    });
    expect(await count('pm_survey_responses')).toBe(0);
  });

  it(`rejects ${RUNS.surveyImports} generated bad survey import batches with 400 and writes nothing`, async () => {
    const cases = fc.oneof(
      { weight: 9, arbitrary: batchWithOneBad('responses', imported, badImport) },
      { weight: 1, arbitrary: badBatch('responses', imported, MAX_BATCH) },
    );
    await run(cases, RUNS.surveyImports, async c => {
      expectRejected(await asService('/survey-responses', c.body), c.index === undefined ? undefined : `responses[${c.index}]`);
    });
    expect(await count('pm_survey_responses')).toBe(0);
    expect((await asService('/survey-responses', { responses: [imported(0)] })).status).toBe(200);
    expect(await count('pm_survey_responses')).toBe(1);
  });

  it(`rejects ${RUNS.snooze} generated snooze bodies with 400 and writes nothing`, async () => {
    const body = fc.oneof(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 }),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    );
    await run(body, RUNS.snooze, async b => {
      expectRejected(await asUser('/surveys/current/snooze', b));
    });
    expect(await count('pm_survey_snoozes')).toBe(0);
    expect((await asUser('/surveys/current/snooze', {})).status).toBe(200);
    expect(await count('pm_survey_snoozes')).toBe(1);
  });

  it(`rejects ${RUNS.erasure} generated bad erasure queries with 400 and deletes nothing`, async () => {
    const before = await count('pm_survey_responses');
    expect(before).toBeGreaterThan(0);
    const query = fc.oneof(
      fc
        .oneof(
          fc.constantFrom('', ' ', 'group:default/x', 'component:default/y', 'bad!name', 'a'.repeat(64), 'u\u0000', '\u0000'),
          fc.string({ maxLength: 8 }).map(s => `user:default/${s}\u0000`),
        )
        .map(userRef => ({ userRef })),
      fc.constant({}),
      fc.constant({ userRef: 'user:default/u0', extra: '1' }),
    );
    await run(query, RUNS.erasure, async q => {
      const res = await request(app)
        .delete('/surveys/responses')
        .query(q)
        .set('Authorization', mockCredentials.service.header());
      expectRejected(res);
    });
    expect(await count('pm_survey_responses')).toBe(before);
  });
});

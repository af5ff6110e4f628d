import { mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import supertest from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { responseErrors } from '../__testUtils__/openapi';
import { ResponseDriftError, request } from '../__testUtils__/validatedRequest';
import { createServices, createTestRouter } from '../__testUtils__/services';

jest.setTimeout(60_000);

const SCORECARD = '/entities/component/default/payments/scorecard?windowDays=30&to=2026-04-01T00:00:00Z';
const SUMMARY = '/org/summary?windowDays=30&to=2026-04-01T00:00:00Z';

/** The same answer, changed by `mutate` (on a deep copy). */
function drifted<T>(body: T, mutate: (copy: any) => void): T {
  const copy = JSON.parse(JSON.stringify(body));
  mutate(copy);
  return copy;
}

const check = (url: string, status: number, body: unknown) =>
  responseErrors({
    method: 'GET',
    url,
    status,
    contentType: 'application/json; charset=utf-8',
    text: JSON.stringify(body),
  });

describe('responses checked against the OpenAPI spec', () => {
  const databases = createTestDatabases();
  let scorecard: any;
  let summary: any;

  beforeAll(async () => {
    // real answers of the router, as the baseline the drifts are made from
    const services = await createServices(await databases.init('SQLITE_3'));
    const app = express()
      .use(
        await createTestRouter(services),
      )
      .use(mockErrorHandler());
    await supertest(app)
      .post('/deployments')
      .set('Authorization', mockCredentials.service.header())
      .send({
        deployments: [
          {
            id: 'd1',
            entityRef: 'payments',
            environment: 'production',
            status: 'succeeded',
            finishedAt: '2026-03-02T10:00:00Z',
            changes: [{ id: 'c1', committedAt: '2026-03-02T09:00:00Z' }],
          },
        ],
      })
      .expect(200);
    const user = mockCredentials.user.header();
    scorecard = (await supertest(app).get(SCORECARD).set('Authorization', user).expect(200)).body;
    summary = (await supertest(app).get(SUMMARY).set('Authorization', user).expect(200)).body;
  });

  it('accepts the answers the router gives', () => {
    expect(scorecard.recentDeployments).toHaveLength(1);
    expect(check(SCORECARD, 200, scorecard)).toEqual([]);
    expect(check(SUMMARY, 200, summary)).toEqual([]);
    expect(check(`/api/platform-metrics${SUMMARY}`, 200, summary)).toEqual([]);
  });

  it.each([
    ['an undocumented field', (s: any) => (s.dora.leadTime.mean = 3600), /\/dora\/leadTime must NOT have unevaluated properties \(mean\)/],
    ['an undocumented field beside an allOf', (s: any) => (s.dora.timeToRestore.closed = 0), /\/dora\/timeToRestore .*\(closed\)/],
    ['a mistyped field', (s: any) => (s.dora.deploymentFrequency.count = '1'), /\/dora\/deploymentFrequency\/count must be integer/],
    ['a missing field', (s: any) => delete s.recentIncidents, /must have required property 'recentIncidents'/],
    ['null where it is not nullable', (s: any) => (s.window.days = null), /\/window\/days must be integer/],
    ['a value outside the enum', (s: any) => (s.dora.overallTier = 'legendary'), /\/dora\/overallTier must be equal to one of the allowed values/],
    ['a timestamp that is not ISO UTC', (s: any) => (s.recentDeployments[0].finishedAt = 1772445600000), /\/recentDeployments\/0\/finishedAt must be string/],
    ['a rate above 1', (s: any) => (s.dora.changeFailureRate.value = 1.5), /\/dora\/changeFailureRate\/value must be <= 1/],
  ])('rejects a scorecard with %s', (_name, mutate, message) => {
    const errors = check(SCORECARD, 200, drifted(scorecard, mutate));
    expect(errors.join('\n')).toMatch(message);
  });

  it('closes the objects of every team row', () => {
    const team = {
      groupRef: 'group:default/payments-team',
      entities: 1,
      dora: summary.dora,
      adoption: { rate: null, adopted: 0, eligible: 0 },
      nps: { score: null, n: null, reason: 'fewer than 5 responses', withheld: 'fewer than 5 responses', responseRate: null },
    };
    expect(check(SUMMARY, 200, { ...summary, teams: [team] })).toEqual([]);
    expect(check(SUMMARY, 200, { ...summary, teams: [{ ...team, colour: 'blue' }] })).toEqual([
      'GET /org/summary 200: /teams/0 must NOT have unevaluated properties (colour)',
    ]);
    expect(
      check(SUMMARY, 200, { ...summary, teams: [{ ...team, nps: { ...team.nps, hidden: true } }] }),
    ).toEqual(['GET /org/summary 200: /teams/0/nps must NOT have unevaluated properties (hidden)']);
    // no exact n below k: an n beside a withheld score is still a number the spec allows, so
    // the rule is held by the anonymity tests (surveys/anonymity.test.ts), not by the schema
  });

  it.each([
    ['a missing computedAt', (s: any) => delete s.computedAt],
    ['an NPS band outside the enum', (s: any) => (s.nps.band = 'meh')],
    ['an adoption rate given as a percentage string', (s: any) => (s.adoption.rate = '35%')],
    ['a local time for computedAt', (s: any) => (s.computedAt = '2026-04-01 00:00:00')],
  ])('rejects an org summary with %s', (_name, mutate) => {
    expect(check(SUMMARY, 200, drifted(summary, mutate))).not.toEqual([]);
  });

  it('rejects undocumented statuses, operations and error bodies', () => {
    expect(check(SUMMARY, 500, { error: { name: 'Error', message: 'boom' }, response: { statusCode: 500 } })).toEqual([
      'GET /org/summary 500: status 500 is not documented',
    ]);
    expect(check('/org/summaries', 200, summary)).toEqual(['GET /org/summaries is not an operation of the spec']);
    expect(check(SUMMARY, 403, { error: { name: 'NotAllowedError' }, response: { statusCode: 403 } }).join()).toMatch(
      /\/error must have required property 'message'/,
    );
    expect(check(SUMMARY, 403, { error: { name: 'NotAllowedError', message: 'no' }, response: { statusCode: 403 } })).toEqual([]);
  });

  it('fails a supertest call whose answer drifted, through the request helper', async () => {
    const app = express()
      .get('/entities/:kind/:namespace/:name/scorecard', (_req, res) => {
        res.json(drifted(scorecard, s => (s.benchmark = 2021)));
      })
      .get('/org/summary', (_req, res) => {
        res.json(summary);
      });
    await expect(request(app).get(SCORECARD)).rejects.toThrow(ResponseDriftError);
    await expect(request(app).get(SCORECARD).expect(200)).rejects.toThrow(/\/benchmark must be string/);
    // the same helper passes an answer that matches
    expect((await request(app).get(SUMMARY).expect(200)).body).toEqual(summary);
  });
});

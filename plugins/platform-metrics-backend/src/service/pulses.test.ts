import { mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';
import { DAY } from '../lib/time';

jest.setTimeout(60_000);

const service = mockCredentials.service.header();
const as = (name: string) => mockCredentials.user.header(`user:default/${name}`);
const FAR = Date.parse('2100-01-01T00:00:00Z');

async function setup(databaseId: Parameters<ReturnType<typeof createTestDatabases>['init']>[0], databases: ReturnType<typeof createTestDatabases>) {
  // the services' clock runs with the router's (which stamps createdAt), moved on by `advance`
  let offset = 0;
  const services = await createServices(await databases.init(databaseId), { survey: { minGroupSize: 3 } }, () => Date.now() + offset);
  const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
  return { services, app, advance: (ms: number) => (offset += ms), now: () => new Date(Date.now() + offset).toISOString() };
}

const pulse = (id: string, recipient: string, over: Record<string, unknown> = {}) => ({
  id,
  source: 'deploy-bot',
  recipient,
  question: 'How easy was it to get this service to production?',
  questionId: 'first-deploy',
  entityRef: 'payments',
  ...over,
});

describe('pulse questions: POST /pulses, /pulses/current and GET /org/pulses', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('asks one person, shows it to them only, takes one answer and publishes in steps of k on %p', async databaseId => {
    const { services, app, advance, now } = await setup(databaseId, databases);
    await services.stores.people.syncUsers(
      [{ userRef: 'user:default/erin', email: 'erin@example.com', githubLogin: null, annotatedStartAt: null }],
      Date.now(),
    );
    const people = ['alice', 'bob', 'carol', 'dan', 'erin@example.com', 'frank', 'grace'];
    const posted = await request(app)
      .post('/pulses')
      .set('Authorization', service)
      .send({ pulses: people.map((p, i) => pulse(`p${i}`, p)) });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({ received: 7, created: 7, updated: 0, skipped: 0 });
    // stored under the pseudonym only: no user ref or email anywhere in the row
    const rows = JSON.stringify(await services.stores.pulses.listQuestions({ from: 0, to: FAR }));
    expect(rows).not.toMatch(/alice|erin/);

    const alice = await request(app).get('/pulses/current').set('Authorization', as('alice'));
    expect(alice.status).toBe(200);
    expect(alice.body.pulse).toMatchObject({ question: 'How easy was it to get this service to production?', entityRef: 'component:default/payments' });
    const key = alice.body.pulse.id;
    // erin's pulse went to her User by email; someone without one sees none
    expect((await request(app).get('/pulses/current').set('Authorization', as('erin'))).body.pulse.id).not.toBe(key);
    expect((await request(app).get('/pulses/current').set('Authorization', as('zoe'))).body).toEqual({ pulse: null });

    // someone else cannot answer or dismiss alice's pulse
    const stolen = await request(app).post(`/pulses/current/${key}/response`).set('Authorization', as('bob')).send({ value: 1 });
    expect(stolen.status).toBe(404);
    expect((await request(app).post(`/pulses/current/${key}/dismiss`).set('Authorization', as('bob'))).status).toBe(404);
    // bad answers
    const six = await request(app).post(`/pulses/current/${key}/response`).set('Authorization', as('alice')).send({ value: 6 });
    expect(six.status).toBe(400);
    expect(six.body.error.message).toMatch(/value: expected a whole number from 1 to 5/);
    const badKey = await request(app).post('/pulses/current/not-a-key/response').set('Authorization', as('alice')).send({ value: 3 });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.message).toMatch(/id: expected a pulse id/);
    // a service is no person
    expect((await request(app).get('/pulses/current').set('Authorization', service)).status).toBe(403);

    const answered = await request(app).post(`/pulses/current/${key}/response`).set('Authorization', as('alice')).send({ value: 5 });
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ id: key, state: 'answered' });
    const twice = await request(app).post(`/pulses/current/${key}/response`).set('Authorization', as('alice')).send({ value: 4 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/already answered/);
    expect((await request(app).get('/pulses/current').set('Authorization', as('alice'))).body).toEqual({ pulse: null });

    // a re-sent answered pulse is kept as answered
    const resent = await request(app).post('/pulses').set('Authorization', service).send({ pulses: [pulse('p0', 'alice')] });
    expect(resent.body).toEqual({ received: 1, created: 0, updated: 0, skipped: 1 });
    expect((await request(app).get('/pulses/current').set('Authorization', as('alice'))).body).toEqual({ pulse: null });

    // bob dismisses: never shown again, no answer counted
    const bobs = (await request(app).get('/pulses/current').set('Authorization', as('bob'))).body.pulse.id;
    expect((await request(app).post(`/pulses/current/${bobs}/dismiss`).set('Authorization', as('bob')).send({})).body).toEqual({ id: bobs, state: 'dismissed' });
    expect((await request(app).get('/pulses/current').set('Authorization', as('bob'))).body).toEqual({ pulse: null });

    // today's answers are read from tomorrow on
    const results = async () => {
      advance(DAY);
      return (await request(app).get(`/org/pulses?windowDays=30&to=${now()}`).set('Authorization', as('zoe'))).body.questions;
    };
    // one answer (k = 3): withheld
    expect(await results()).toEqual([
      {
        questionId: 'first-deploy',
        question: 'How easy was it to get this service to production?',
        n: null,
        distribution: null,
        favourable: null,
        mean: null,
        withheld: 'fewer than 3 responses',
      },
    ]);
    const answer = async (name: string, value: number) => {
      const id = (await request(app).get('/pulses/current').set('Authorization', as(name))).body.pulse.id;
      expect((await request(app).post(`/pulses/current/${id}/response`).set('Authorization', as(name)).send({ value })).status).toBe(200);
    };
    await answer('carol', 4);
    await answer('dan', 2);
    const three = (await results())[0];
    expect(three).toMatchObject({ n: 3, distribution: [0, 1, 0, 1, 1], withheld: null });
    expect(three.favourable).toBeCloseTo(2 / 3);
    expect(three.mean).toBeCloseTo(11 / 3);
    // a fourth and fifth answer change nothing anyone can read; the sixth releases three more
    await answer('erin', 1);
    await answer('frank', 1);
    expect((await results())[0]).toMatchObject({ n: 3, distribution: [0, 1, 0, 1, 1] });
    await answer('grace', 3);
    expect((await results())[0]).toMatchObject({ n: 6, distribution: [2, 1, 1, 1, 1] });
    // services may read the results too
    const asService = await request(app).get('/org/pulses').set('Authorization', service);
    expect(asService.status).toBe(200);
    expect(asService.body.period.quarters.length).toBeGreaterThanOrEqual(1);
  });

  it('rejects a bad batch whole, naming the item and the field, and takes ingestion credentials only', async () => {
    const { services, app } = await setup('SQLITE_3', databases);
    const ok = pulse('ok', 'alice');
    const cases: Array<[unknown, RegExp]> = [
      [{ pulses: [ok, pulse('b', 'a:b:c')] }, /pulses\[1\]\.recipient: expected a user ref/],
      [{ pulses: [ok, pulse('b', 'group:default/team')] }, /pulses\[1\]\.recipient: .*is not a user ref/],
      [{ pulses: [ok, pulse('b', 'nobody@example.com')] }, /pulses\[1\]\.recipient: no catalog User has the email nobody@example.com/],
      [{ pulses: [{ ...ok, question: 'x'.repeat(201) }] }, /pulses\[0\]\.question: at most 200 characters/],
      [{ pulses: [{ ...ok, question: '  ' }] }, /pulses\[0\]\.question: must not be empty/],
      [{ pulses: [{ ...ok, createdAt: '2026-03-01T00:00:00Z', expiresAt: '2026-03-16T00:00:01Z' }] }, /pulses\[0\]\.expiresAt: at most 14 days after createdAt/],
      [{ pulses: [{ ...ok, createdAt: '2026-03-01T00:00:00Z', expiresAt: '2026-03-01T00:00:00Z' }] }, /pulses\[0\]\.expiresAt: must be after createdAt/],
      [{ pulses: [{ ...ok, entityRef: 'a:b:c' }] }, /pulses\[0\]\.entityRef: not a valid component ref/],
      [{ pulses: [{ ...ok, priority: 'high' }] }, /pulses\[0\]/],
      [{ pulses: [] }, /pulses: at least 1 item/],
    ];
    for (const [body, message] of cases) {
      const res = await request(app).post('/pulses').set('Authorization', service).send(body as object);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    // the valid first items of the rejected batches were not written either
    expect(await services.stores.pulses.listQuestions({ from: 0, to: FAR })).toEqual([]);
    const asUser = await request(app).post('/pulses').set('Authorization', as('alice')).send({ pulses: [ok] });
    expect(asUser.status).toBe(403);
    expect(await services.stores.pulses.listQuestions({ from: 0, to: FAR })).toEqual([]);
    expect((await request(app).get('/org/pulses?windowDays=0').set('Authorization', as('alice'))).status).toBe(400);
    expect((await request(app).get('/org/pulses').set('Authorization', mockCredentials.none.header())).status).toBe(401);

    // a full batch is within the ingestion body limit
    const full = Array.from({ length: 1000 }, (_, i) => pulse(`p${i}`, `user${i}`, { question: `${'q'.repeat(150)}?` }));
    expect(JSON.stringify({ pulses: full }).length).toBeGreaterThan(100_000);
    const big = await request(app).post('/pulses').set('Authorization', service).send({ pulses: full });
    expect(big.status).toBe(200);
    expect(big.body).toEqual({ received: 1000, created: 1000, updated: 0, skipped: 0 });
  });

  it('never shows or takes an answer to an expired pulse (409), and defaults to 14 days', async () => {
    const { app, advance } = await setup('SQLITE_3', databases);
    await request(app).post('/pulses').set('Authorization', service).send({ pulses: [pulse('p', 'alice')] });
    const shown = (await request(app).get('/pulses/current').set('Authorization', as('alice'))).body.pulse;
    expect(Date.parse(shown.expiresAt) - Date.now()).toBeGreaterThan(14 * DAY - 60_000);
    advance(14 * DAY + 1000);
    expect((await request(app).get('/pulses/current').set('Authorization', as('alice'))).body).toEqual({ pulse: null });
    const late = await request(app).post(`/pulses/current/${shown.id}/response`).set('Authorization', as('alice')).send({ value: 3 });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/expired/);
  });
});

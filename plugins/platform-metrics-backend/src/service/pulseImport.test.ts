import { mockCredentials, mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';
import { DAY, dayStart } from '../lib/time';

jest.setTimeout(60_000);

const service = mockCredentials.service.header();
const as = (name: string) => mockCredentials.user.header(`user:default/${name}`);
const FAR = Date.parse('2100-01-01T00:00:00Z');

const only = (...granted: string[]) =>
  mockServices.permissions.mock({
    authorize: (async (requests: Array<{ permission: { name: string } }>) =>
      requests.map(r => ({ result: granted.includes(r.permission.name) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY }))) as any,
  });

const INGEST = 'platform-metrics.events.ingest';
const IMPORT = 'platform-metrics.survey.import';
const READ = 'platform-metrics.metrics.read';

// a pulse of 40 days ago, answered two days after it was asked
const created = Date.now() - 40 * DAY;
const iso = (t: number) => new Date(t).toISOString();
const pulse = (id: string, recipient: string, answer?: { value: number; answeredAt: string }) => ({
  id,
  source: 'old-sampler',
  recipient,
  question: 'How easy was it to get this service to production?',
  questionId: 'first-production-deploy',
  entityRef: 'payments',
  createdAt: iso(created),
  expiresAt: iso(created + 14 * DAY),
  ...(answer ? { answer } : {}),
});
const answered = (id: string, recipient: string, value: number) =>
  pulse(id, recipient, { value, answeredAt: iso(created + 2 * DAY + 3_600_000) });

async function setup(
  databaseId: Parameters<ReturnType<typeof createTestDatabases>['init']>[0],
  databases: ReturnType<typeof createTestDatabases>,
  granted: string[],
) {
  const services = await createServices(await databases.init(databaseId), { survey: { minGroupSize: 3 } });
  const app = express().use(await createTestRouter(services, only(...granted))).use(mockErrorHandler());
  return { services, app };
}

describe('POST /pulses with imported answers', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'stores past answers as live ones, insert-only, and publishes them in steps of k on %p',
    async databaseId => {
      const { services, app } = await setup(databaseId, databases, [INGEST, IMPORT, READ]);
      const post = (pulses: object[]) => request(app).post('/pulses').set('Authorization', service).send({ pulses });

      const batch = [answered('a', 'alice', 5), answered('b', 'bob', 4), answered('c', 'carol', 2), answered('d', 'dan', 1), pulse('e', 'erin')];
      const res = await post(batch);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ received: 5, created: 5, updated: 0, skipped: 0 });

      // stored as a live answer is: the UTC day only, under the pseudonym
      const answers = await services.stores.pulses.listAnswers({ from: 0, to: FAR });
      expect(answers.map(a => a.value).sort()).toEqual([1, 2, 4, 5]);
      expect(new Set(answers.map(a => a.answeredOn))).toEqual(new Set([dayStart(created + 2 * DAY)]));
      expect(JSON.stringify(answers)).not.toMatch(/alice|bob/);
      // an imported answer is closed: never shown; the unanswered one is expired by now
      expect((await request(app).get('/pulses/current').set('Authorization', as('alice'))).body).toEqual({ pulse: null });

      // insert-only: a re-import, a different value, or a live re-send never changes a stored answer
      const again = await post([answered('a', 'alice', 1), pulse('b', 'bob'), answered('e', 'erin', 3), answered('f', 'frank', 3), answered('f', 'frank', 4)]);
      expect(again.body).toEqual({ received: 5, created: 1, updated: 0, skipped: 4 });
      const after = await services.stores.pulses.listAnswers({ from: 0, to: FAR });
      // frank's repeat within the batch: the last one counts, the other is skipped
      expect(after.map(a => a.value).sort()).toEqual([1, 2, 4, 4, 5]);

      // the release in steps of k (3) shows the imported answers: five answers, three published
      const org = await request(app).get(`/org/pulses?windowDays=90`).set('Authorization', as('zoe'));
      expect(org.status).toBe(200);
      expect(org.body.questions).toEqual([
        expect.objectContaining({ questionId: 'first-production-deploy', n: 3, withheld: null }),
      ]);
      expect(org.body.questions[0].distribution.reduce((x: number, y: number) => x + y, 0)).toBe(3);
    },
  );

  it('needs the survey import permission for an answer (403 naming it), and rejects a bad answer naming the field', async () => {
    const { services, app } = await setup('SQLITE_3', databases, [INGEST, READ]);
    const denied = await request(app).post('/pulses').set('Authorization', service).send({ pulses: [pulse('x', 'alice'), answered('a', 'alice', 5)] });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/pulses\[1\]\.answer: importing an answer needs the permission platform-metrics\.survey\.import/);
    expect(await services.stores.pulses.listQuestions({ from: 0, to: FAR })).toEqual([]);
    // without an answer the ingest permission is enough
    expect((await request(app).post('/pulses').set('Authorization', service).send({ pulses: [pulse('x', 'alice')] })).status).toBe(200);
    // a pulse asked now may expire days ahead (its expiry is bounded by createdAt, not by now)
    const soon = { ...pulse('y', 'bob'), createdAt: iso(Date.now()), expiresAt: iso(Date.now() + 7 * DAY) };
    expect((await request(app).post('/pulses').set('Authorization', service).send({ pulses: [soon] })).status).toBe(200);
    expect((await request(app).get('/pulses/current').set('Authorization', as('bob'))).body.pulse.expiresAt).toBe(soon.expiresAt);

    const { app: importer } = await setup('SQLITE_3', databases, [INGEST, IMPORT]);
    const at = (t: number) => ({ value: 3, answeredAt: iso(t) });
    const cases: Array<[object, RegExp]> = [
      [pulse('a', 'alice', { value: 0, answeredAt: iso(created + DAY) }), /pulses\[0\]\.answer\.value: expected a whole number from 1 to 5/],
      [pulse('a', 'alice', { value: 2.5, answeredAt: iso(created + DAY) }), /pulses\[0\]\.answer\.value: expected a whole number from 1 to 5/],
      [pulse('a', 'alice', at(created - 1)), /pulses\[0\]\.answer\.answeredAt: must be within createdAt and expiresAt/],
      [pulse('a', 'alice', at(created + 14 * DAY + 1)), /pulses\[0\]\.answer\.answeredAt: must be within createdAt and expiresAt/],
      [{ ...pulse('a', 'alice'), answer: { value: 3 } }, /pulses\[0\]\.answer\.answeredAt/],
      [{ ...pulse('a', 'alice'), answer: { ...at(created + DAY), comment: 'x' } }, /pulses\[0\]\.answer/],
    ];
    for (const [item, message] of cases) {
      const res = await request(importer).post('/pulses').set('Authorization', service).send({ pulses: [item] });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    // the bounds are inclusive
    const edges = [pulse('s', 'alice', at(created)), pulse('t', 'bob', at(created + 14 * DAY))];
    expect((await request(importer).post('/pulses').set('Authorization', service).send({ pulses: edges })).status).toBe(200);
  });
});

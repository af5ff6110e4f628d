import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createHmac } from 'node:crypto';
import { createTestDatabases, migrateDownThrough } from '../__testUtils__/databases';
import { surveyWorld } from '../__testUtils__/surveyWorld';
import { request } from '../__testUtils__/validatedRequest';
import { migrationsDir, storesForKnex } from '../database/stores';
import { DAY } from '../lib/time';
import { SurveyAdmin } from './SurveyAdmin';
import { notificationKeyer } from '../notifications/SurveyInvitations';
import { readSettings } from '../config';
import { ConfigReader } from '@backstage/config';

jest.setTimeout(120_000);

/*
 * What the stored survey data owes the people in it (metrics.md §8a), on
 * SQLite and PostgreSQL: no user ref stored, re-keying of older rows,
 * erasure, retention, and imports that can never overwrite a person.
 */

const SECRET = 'a-test-secret-of-some-length';
const hmac = (ref: string) => createHmac('sha256', SECRET).update(ref).digest('hex');
const TABLES = ['pm_survey_responses', 'pm_survey_snoozes', 'pm_survey_publications', 'pm_survey_publication_entries'];
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/** Grants exactly the named permissions. */
const only = (...granted: string[]) =>
  mockServices.permissions.mock({
    authorize: (async (requests: Array<{ permission: { name: string } }>) =>
      requests.map(r => ({ result: granted.includes(r.permission.name) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY }))) as any,
  });

const imported = (userRef: string, score: number, over: object = {}) => ({
  surveyId: '2026-Q3',
  userRef,
  score,
  comment: `comment of ${userRef}`,
  submittedAt: '2026-08-03T15:47:12Z',
  ...over,
});

describe('survey data protection', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const world = async (opts: { permissions?: ReturnType<typeof mockServices.permissions>; config?: object } = {}) =>
      surveyWorld(await databases.init(databaseId), {
        now: '2026-11-22T15:47:12Z',
        teams: { a: { members: [...names('u', 12), 'alice'] } },
        config: { survey: { pseudonymSecret: SECRET }, ...opts.config },
        permissions: opts.permissions,
      });

    it('stores no user ref: answers and snoozes are keyed by the HMAC of the ref, at day precision', async () => {
      const w = await world();
      await w.answer('alice', 3, 'Alice thinks CI is slow');
      await w.answer('alice', 9, 'Alice thinks CI is fast');
      await request(w.app).post('/surveys/current/snooze').set('Authorization', w.user('alice')).expect(200);
      for (const m of names('u', 12)) await w.answer(m, 8);
      w.advanceDays(1);
      await w.publish();

      for (const table of TABLES) {
        const dump = JSON.stringify(await w.knex(table).select('*'));
        expect(dump).not.toMatch(/user:default|alice|u1\b/);
      }
      const rows = await w.knex('pm_survey_responses').select('*');
      // one answer per person per survey, under the pseudonym
      expect(rows).toHaveLength(13);
      expect(rows.map(r => r.user_key)).toContain(hmac('user:default/alice'));
      expect(rows.every(r => /^[0-9a-f]{64}$/.test(r.user_key))).toBe(true);
      expect(rows.every(r => Number(r.submitted_at) === Date.parse('2026-11-22T00:00:00Z'))).toBe(true);
      expect(rows.every(r => r.origin === null)).toBe(true);
      // the person still sees their own answer
      const current = await request(w.app).get('/surveys/current').set('Authorization', w.user('alice')).expect(200);
      expect(current.body).toMatchObject({ answered: true, response: { score: 9, comment: 'Alice thinks CI is fast' } });
      expect(current.body.snoozedUntil).toBe('2026-11-29T15:47:12.000Z');
    });

    it('re-keys the rows stored before pseudonymisation, keeping the newer answer of a person', async () => {
      const knex = await databases.init(databaseId);
      // the schema before the anonymity migration, with rows keyed by user ref
      await knex.migrate.latest({ directory: migrationsDir });
      await migrateDownThrough(knex, migrationsDir, '20261210000100_survey_anonymity.js');
      const at = Date.parse('2026-11-02T13:14:15Z');
      const old = (user: string, score: number, submitted: number) => ({
        survey_id: '2026-Q4', user_ref: `user:default/${user}`, score, comment: null, submitted_at: submitted, groups: '[]',
      });
      await knex('pm_survey_responses').insert([old('bob', 4, at), old('carol', 5, at)]);
      await knex('pm_survey_snoozes').insert({ survey_id: '2026-Q4', user_ref: 'user:default/dave', snoozed_until: at + 7 * DAY });
      await knex.migrate.latest({ directory: migrationsDir });
      const stores = await storesForKnex(knex);
      // carol answered again, under her pseudonym, before the re-keying ran
      await stores.surveys.upsertSurveyResponse({
        surveyId: '2026-Q4', userKey: hmac('user:default/carol'), score: 10, comment: null, submittedAt: at + DAY, groups: [], origin: null,
      });

      const settings = readSettings(new ConfigReader({ platformMetrics: { survey: { pseudonymSecret: SECRET } } }));
      const admin = new SurveyAdmin(stores, settings.survey);
      expect(await admin.rekeyLegacyRows()).toEqual({ responses: 2, snoozes: 1 });
      expect(await admin.rekeyLegacyRows()).toEqual({ responses: 0, snoozes: 0 });

      const rows = await knex('pm_survey_responses').orderBy('score');
      expect(rows.map(r => [r.user_key, r.score, Number(r.submitted_at)])).toEqual([
        // the migration kept the day only
        [hmac('user:default/bob'), 4, Date.parse('2026-11-02T00:00:00Z')],
        [hmac('user:default/carol'), 10, Date.parse('2026-11-03T00:00:00Z')],
      ]);
      expect(await stores.surveys.getSnooze('2026-Q4', hmac('user:default/dave'))).toBe(at + 7 * DAY);
      for (const table of ['pm_survey_responses', 'pm_survey_snoozes']) {
        expect(JSON.stringify(await knex(table))).not.toMatch(/user:default/);
      }
    });

    it('erases one person on request: answers, snoozes and released comments; published counts stay', async () => {
      const w = await world({
        permissions: only('platform-metrics.survey.admin', 'platform-metrics.metrics.read', 'platform-metrics.survey-comments.read'),
      });
      for (const m of names('u', 12)) await w.answer(m, 8, `${m} wants faster builds`);
      await w.answer('alice', 0, 'Alice wrote this');
      await request(w.app).post('/surveys/current/snooze').set('Authorization', w.user('alice')).expect(200);
      // her invitation was sent (the notification task records it under its own key)
      const notices = w.services.stores.surveyNotifications;
      const noticeKey = notificationKeyer(SECRET)('user:default/alice');
      const claim = { id: 'test-claim', at: w.now(), staleBefore: 0 };
      expect(await notices.claim('2026-Q4', 'invitation', [noticeKey, 'someone-else'], claim)).toHaveLength(2);
      w.advanceDays(1);
      await w.publish();
      const before = await w.summary();
      expect((await w.comments('2026-Q4')).comments.map((c: any) => c.comment)).toContain('Alice wrote this');

      const erase = await request(w.app)
        .delete('/surveys/responses?userRef=user:default/alice')
        .set('Authorization', mockCredentials.user.header('user:default/privacy-officer'));
      expect(erase.status).toBe(200);
      expect(erase.body).toEqual({ responses: 1, snoozes: 1, questionAnswers: 0, publishedComments: 1 });

      const key = hmac('user:default/alice');
      for (const table of ['pm_survey_responses', 'pm_survey_snoozes', 'pm_survey_publication_entries']) {
        expect(await w.knex(table).where({ user_key: key })).toEqual([]);
      }
      expect((await notices.listSent('2026-Q4', 'invitation', [noticeKey, 'someone-else'])).has(noticeKey)).toBe(false);
      expect((await notices.listSent('2026-Q4', 'invitation', ['someone-else'])).size).toBe(1);
      expect((await request(w.app).get('/surveys/current').set('Authorization', w.user('alice'))).body.answered).toBe(false);
      expect((await w.comments('2026-Q4')).comments.map((c: any) => c.comment)).not.toContain('Alice wrote this');
      // changing the counts would tell, by subtraction, what she answered
      expect((await w.summary()).nps).toEqual(before.nps);
      // erasing again finds nothing
      const again = await request(w.app).delete('/surveys/responses?userRef=alice').set('Authorization', w.user('privacy-officer'));
      expect(again.body).toEqual({ responses: 0, snoozes: 0, questionAnswers: 0, publishedComments: 0 });
      const bad = await request(w.app).delete('/surveys/responses?userRef=group:default/a').set('Authorization', w.user('x'));
      expect(bad.status).toBe(400);
    });

    it('erasure needs the survey admin permission', async () => {
      const w = await world({ permissions: only('platform-metrics.metrics.read', 'platform-metrics.events.ingest') });
      await w.answer('alice', 7);
      const denied = await request(w.app).delete('/surveys/responses?userRef=user:default/alice').set('Authorization', w.user('bob'));
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(/platform-metrics\.survey\.admin/);
      expect(await w.knex('pm_survey_responses')).toHaveLength(1);
    });

    it('deletes answers older than retentionQuarters; the publications keep their counts, not their respondents', async () => {
      const w = await world({ config: { survey: { pseudonymSecret: SECRET, retentionQuarters: 2 } } });
      const ingest = (responses: object[]) =>
        request(w.app).post('/survey-responses').set('Authorization', mockCredentials.service.header()).send({ responses }).expect(200);
      await ingest(names('u', 12).map(u => imported(u, 9, { surveyId: '2026-Q1', submittedAt: '2026-02-01T00:00:00Z' })));
      await ingest(names('u', 12).map(u => imported(u, 3)));
      expect((await w.publish()).map(p => p.surveyId)).toEqual(['2026-Q1', '2026-Q3']);

      // now 2026-Q4: two quarters back is 2026-Q2, so 2026-Q1's answers go
      const deleted = await w.services.surveyAdmin.applyRetention();
      expect(deleted).toMatchObject({ responses: 12, snoozes: 0, publicationEntries: 12, cutoff: Date.parse('2026-04-01T00:00:00Z') });
      expect(await w.services.stores.surveys.listSurveyIds()).toEqual(['2026-Q3']);
      expect(await w.knex('pm_survey_publication_entries').where({ survey_id: '2026-Q1' })).toEqual([]);
      expect((await w.comments('2026-Q1')).comments).toEqual([]);
      const trend = (await w.summary()).nps.trend;
      expect(trend).toEqual([
        // the response rate of each survey: 12 of the team's 13 members
        { surveyId: '2026-Q1', score: 100, n: 12, withheld: null, responseRate: 12 / 13 },
        { surveyId: '2026-Q3', score: -100, n: 12, withheld: null, responseRate: 12 / 13 },
      ]);
      // nothing left to publish for 2026-Q1
      expect(await w.publish()).toEqual([]);
      expect(readSettings(new ConfigReader({})).survey.retentionQuarters).toBe(8);
    });

    it('imports insert-only under its own permission: a person’s answer is never overwritten, the origin is recorded', async () => {
      const w = await world({ permissions: only('platform-metrics.survey.import', 'platform-metrics.metrics.read') });
      await w.answer('alice', 9, 'my own answer');
      const post = (auth: string, responses: object[]) =>
        request(w.app).post('/survey-responses').set('Authorization', auth).send({ responses });

      const batch = [
        imported('alice', 0, { surveyId: '2026-Q4' }),
        imported('bob', 6),
        imported('bob', 10),
        imported('carol', 7),
      ];
      const res = await post(mockCredentials.service.header(), batch);
      expect(res.status).toBe(200);
      // alice's answer is kept, bob's second one is a repeat of the batch
      expect(res.body).toEqual({ received: 4, created: 2, updated: 0, skipped: 2 });
      expect((await post(mockCredentials.service.header(), batch)).body).toEqual({ received: 4, created: 0, updated: 0, skipped: 4 });

      const current = await request(w.app).get('/surveys/current').set('Authorization', w.user('alice'));
      expect(current.body.response).toEqual({ score: 9, comment: 'my own answer' });
      const rows = await w.knex('pm_survey_responses').orderBy('score');
      expect(rows.map(r => [r.score, r.origin, Number(r.submitted_at)])).toEqual([
        [6, 'external:test-service', Date.parse('2026-08-03T00:00:00Z')],
        [7, 'external:test-service', Date.parse('2026-08-03T00:00:00Z')],
        [9, null, Date.parse('2026-11-22T00:00:00Z')],
      ]);

      // a user may not import; the ingest permission is not enough
      expect((await post(w.user('mallory'), batch)).status).toBe(403);
      const ingestOnly = await surveyWorld(await databases.init(databaseId), {
        now: '2026-11-22T12:00:00Z',
        teams: {},
        permissions: only('platform-metrics.events.ingest'),
      });
      const denied = await request(ingestOnly.app)
        .post('/survey-responses')
        .set('Authorization', mockCredentials.service.header())
        .send({ responses: batch });
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(/platform-metrics\.survey\.import/);
    });
  });
});

import { mockCredentials } from '@backstage/backend-test-utils';
import { SurveyQuestionResults } from '@platform-metrics/plugin-platform-metrics-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { surveyWorld } from '../__testUtils__/surveyWorld';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(120_000);

/*
 * The survey's agreement questions (metrics.md §18) on SQLite and
 * PostgreSQL, through the HTTP API: saved one at a time and resumable,
 * counted with the NPS answer in the next publication, and shown only
 * under the NPS rules.
 */

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const SAFE = 'safe-deploys';
const WAIT = 'no-waiting';

describe('survey agreement questions', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const world = async () =>
      surveyWorld(await databases.init(databaseId), {
        now: '2026-11-10T09:00:00Z',
        teams: { a: { members: names('a', 6) }, b: { members: names('b', 6) } },
      });
    type World = Awaited<ReturnType<typeof world>>;

    const answerQuestion = (w: World, name: string, id: string, value: number) =>
      request(w.app).put(`/surveys/current/answers/${id}`).set('Authorization', w.user(name)).send({ value });

    const results = async (w: World, query = ''): Promise<SurveyQuestionResults> =>
      (await request(w.app).get(`/org/survey-questions${query}`).set('Authorization', w.user('reader')).expect(200)).body;

    const question = (r: SurveyQuestionResults, id: string) => r.questions.find(q => q.id === id)!;

    it('offers the default questions, and gives back what the caller saved, one question at a time', async () => {
      const w = await world();
      const before = await request(w.app).get('/surveys/current').set('Authorization', w.user('a0')).expect(200);
      expect(before.body.questions).toHaveLength(6);
      expect(before.body.questions[0]).toEqual({
        id: 'platform-satisfaction',
        dimension: 'satisfaction',
        text: expect.stringContaining('satisfied'),
      });
      expect(before.body.answers).toEqual({});

      // left half-done: the NPS question unanswered, one agreement question answered
      await answerQuestion(w, 'a0', SAFE, 4).expect(200, { surveyId: '2026-Q4', questionId: SAFE, value: 4 });
      await answerQuestion(w, 'a0', SAFE, 2).expect(200);
      const resumed = await request(w.app).get('/surveys/current').set('Authorization', w.user('a0')).expect(200);
      expect(resumed.body).toMatchObject({ answered: false, answers: { [SAFE]: 2 } });
      // someone else's answers are not theirs
      const other = await request(w.app).get('/surveys/current').set('Authorization', w.user('a1')).expect(200);
      expect(other.body.answers).toEqual({});
    });

    it('rejects an answer outside 1..5 naming the field, and a question the survey does not ask with 404', async () => {
      const w = await world();
      const bad = await answerQuestion(w, 'a0', SAFE, 6).expect(400);
      expect(bad.body.error.message).toMatch(/value: expected a whole number from 1/);
      await answerQuestion(w, 'a0', 'not-asked', 3).expect(404);
      const badId = await answerQuestion(w, 'a0', 'Not_An_Id', 3).expect(400);
      expect(badId.body.error.message).toMatch(/questionId/);
      const [{ n }] = await w.knex('pm_survey_answers').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('reflects a multi-question answer in the next publication, for the org and the released teams', async () => {
      const w = await world();
      for (const [i, m] of [...names('a', 6), ...names('b', 6)].entries()) {
        await w.answer(m, 9);
        await answerQuestion(w, m, SAFE, m.startsWith('a') ? 5 : 2).expect(200);
        if (i % 2 === 0) await answerQuestion(w, m, WAIT, 4).expect(200);
      }
      // nothing is published before the next midnight
      expect(question(await results(w), SAFE)).toMatchObject({ n: null, distribution: null, withheld: 'fewer than 5 responses' });

      w.advanceDays(1);
      await w.publish();
      const org = await results(w);
      expect(question(org, SAFE)).toMatchObject({
        n: 12,
        distribution: [0, 6, 0, 0, 6],
        favourable: 0.5,
        mean: 3.5,
        withheld: null,
        asOf: '2026-11-11T00:00:00.000Z',
      });
      // six answered the second question: shown (k = 5), all favourable
      expect(question(org, WAIT)).toMatchObject({ n: 6, distribution: [0, 0, 0, 6, 0], favourable: 1, mean: 4 });
      // unanswered questions stay withheld
      expect(question(org, 'focus-time')).toMatchObject({ n: null, withheld: 'fewer than 5 responses' });
      // the efficiency dimension pools its answered questions: 6 favourable of 6
      expect(org.dimensions.find(d => d.dimension === 'efficiency')).toMatchObject({ n: 6, favourable: 1 });
      expect(org.dimensions.find(d => d.dimension === 'performance')).toMatchObject({ n: 12, favourable: 0.5 });

      const teamA = await results(w, `?group=${encodeURIComponent(w.ref('a'))}`);
      expect(question(teamA, SAFE)).toMatchObject({ n: 6, distribution: [0, 0, 0, 0, 6] });
      // only three of team a answered the second question: below k
      expect(question(teamA, WAIT)).toMatchObject({ n: null, withheld: 'fewer than 5 responses' });
    });

    it('never shows a change of fewer than k people: the earlier figure stands until k have changed', async () => {
      const w = await world();
      for (const m of [...names('a', 6), ...names('b', 6)]) await w.answer(m, 9);
      for (const m of names('a', 6)) await answerQuestion(w, m, SAFE, 4).expect(200);
      w.advanceDays(1);
      await w.publish();
      expect(question(await results(w), SAFE)).toMatchObject({ n: 6, distribution: [0, 0, 0, 6, 0] });

      // five people answer NPS again (a new publication is due), one of them also answers the question
      for (const m of names('b', 5)) await w.answer(m, 10);
      await answerQuestion(w, 'b0', SAFE, 1).expect(200);
      w.advanceDays(1);
      expect(await w.publish()).toHaveLength(1);
      const carried = await results(w);
      // the question's figure would differ from the last one by b0 alone: it stands
      expect(question(carried, SAFE)).toMatchObject({ n: 6, distribution: [0, 0, 0, 6, 0], asOf: '2026-11-12T00:00:00.000Z' });

      // four more answer the question, and b5 answers NPS again: five changed since the question's last figure
      for (const m of ['b1', 'b2', 'b3', 'b4']) await answerQuestion(w, m, SAFE, 2).expect(200);
      await w.answer('b5', 10);
      w.advanceDays(1);
      expect(await w.publish()).toHaveLength(1);
      const fresh = question(await results(w), SAFE);
      expect(fresh).toMatchObject({ n: 11, distribution: [1, 4, 0, 6, 0], favourable: 0.5455, mean: 3 });
      expect(fresh.trend).toEqual([expect.objectContaining({ surveyId: '2026-Q4', n: 11 })]);
    });

    it('imports the answers with a response, insert-only, and erases them with the person', async () => {
      const w = await world();
      const service = { Authorization: mockCredentials.service.header() };
      const responses = names('a', 6).map(m => ({
        surveyId: '2026-Q3',
        userRef: `user:default/${m}`,
        score: 8,
        submittedAt: '2026-08-03T10:00:00Z',
        answers: { [SAFE]: 3, [WAIT]: 5 },
      }));
      await request(w.app).post('/survey-responses').set(service).send({ responses }).expect(200);
      const again = await request(w.app)
        .post('/survey-responses')
        .set(service)
        .send({ responses: [{ ...responses[0], answers: { [SAFE]: 1 } }] })
        .expect(200);
      expect(again.body).toMatchObject({ created: 0, skipped: 1 });
      const bad = await request(w.app)
        .post('/survey-responses')
        .set(service)
        .send({ responses: [{ ...responses[0], answers: { [SAFE]: 0 } }] })
        .expect(400);
      expect(bad.body.error.message).toMatch(/responses\[0\]\.answers\.safe-deploys/);

      await w.publish();
      const q3 = await results(w, '?to=2026-09-30T12:00:00Z');
      expect(q3.surveyId).toBe('2026-Q3');
      expect(question(q3, SAFE)).toMatchObject({ n: 6, distribution: [0, 0, 6, 0, 0], mean: 3 });

      const erased = await request(w.app)
        .delete('/surveys/responses?userRef=user:default/a0')
        .set(service)
        .expect(200);
      expect(erased.body).toMatchObject({ responses: 1, questionAnswers: 2 });
    });
  });
});

import { anotherPool, createTestDatabases, migrateDownThrough, postgresIds } from '../__testUtils__/databases';
import { migrationsDir, storesForKnex } from './stores';
import { DatabaseSurveyNotificationStore } from './DatabaseSurveyNotificationStore';

jest.setTimeout(60_000);

const claimAt = (id: string, at: number, staleBefore = 0) => ({ id, at, staleBefore });

describe('the survey notification store (metrics.md §8c)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('lets one claim have each (survey, kind, person) row, and only its own claimer mark or release it', async () => {
      const { surveyNotifications: store } = await storesForKnex(await databases.init(databaseId));
      expect(await store.claim('2026-Q4', 'invitation', ['a', 'b', 'a'], claimAt('run-1', 100))).toEqual(['a', 'b']);
      // a second run claims only what the first did not
      expect((await store.claim('2026-Q4', 'invitation', ['b', 'c'], claimAt('run-2', 200))).sort()).toEqual(['c']);
      // another kind and another survey are other rows
      expect(await store.claim('2026-Q4', 'reminder', ['a'], claimAt('run-2', 200))).toEqual(['a']);
      expect(await store.claim('2027-Q1', 'invitation', ['a'], claimAt('run-2', 200))).toEqual(['a']);

      // run-2 cannot mark run-1's rows
      await store.markSent('2026-Q4', 'invitation', 'run-2', ['a', 'b', 'c'], 300);
      await store.markSent('2026-Q4', 'invitation', 'run-1', ['a'], 400);
      expect(await store.listSent('2026-Q4', 'invitation', ['a', 'b', 'c', 'd'])).toEqual(
        new Map([
          ['a', 400],
          ['b', null],
          ['c', 300],
        ]),
      );
      // a release deletes the releasing run's unsent rows only
      expect(await store.release('2026-Q4', 'invitation', 'run-2', ['a', 'b', 'c'])).toBe(0);
      expect(await store.release('2026-Q4', 'invitation', 'run-1', ['a', 'b'])).toBe(1);
      expect([...(await store.listSent('2026-Q4', 'invitation', ['a', 'b', 'c'])).keys()].sort()).toEqual(['a', 'c']);
      // released: claimable again
      expect(await store.claim('2026-Q4', 'invitation', ['b'], claimAt('run-3', 500))).toEqual(['b']);
    });

    it('takes over a claim that went stale unsent, once, and never a sent row', async () => {
      const { surveyNotifications: store } = await storesForKnex(await databases.init(databaseId));
      await store.claim('2026-Q4', 'invitation', ['dead', 'done'], claimAt('run-1', 100));
      await store.markSent('2026-Q4', 'invitation', 'run-1', ['done'], 150);
      // not stale yet
      expect(await store.claim('2026-Q4', 'invitation', ['dead', 'done'], claimAt('run-2', 200, 100))).toEqual([]);
      expect(await store.claim('2026-Q4', 'invitation', ['dead', 'done'], claimAt('run-2', 200, 101))).toEqual(['dead']);
      expect(await store.claim('2026-Q4', 'invitation', ['dead', 'done'], claimAt('run-3', 200, 101))).toEqual([]);
      // the old run's late release no longer touches the row
      expect(await store.release('2026-Q4', 'invitation', 'run-1', ['dead'])).toBe(0);
      await store.markSent('2026-Q4', 'invitation', 'run-2', ['dead'], 250);
      expect(await store.listSent('2026-Q4', 'invitation', ['dead', 'done'])).toEqual(
        new Map([
          ['dead', 250],
          ['done', 150],
        ]),
      );
    });

    it('tells who answered the survey or has a snooze running', async () => {
      const stores = await storesForKnex(await databases.init(databaseId));
      const answer = { score: 9, comment: null, submittedAt: 0, groups: [], origin: null };
      await stores.surveys.upsertSurveyResponse({ ...answer, surveyId: '2026-Q4', userKey: 'answered' });
      await stores.surveys.upsertSurveyResponse({ ...answer, surveyId: '2026-Q3', userKey: 'answered-before' });
      await stores.surveys.setSnooze('2026-Q4', 'snoozing', 1000);
      await stores.surveys.setSnooze('2026-Q4', 'snooze-over', 500);
      const keys = ['answered', 'answered-before', 'snoozing', 'snooze-over', 'nobody'];
      expect([...(await stores.surveyNotifications.answeredOrSnoozed('2026-Q4', keys, 500))].sort()).toEqual([
        'answered',
        'snoozing',
      ]);
      expect(await stores.surveyNotifications.answeredOrSnoozed('2026-Q4', [], 500)).toEqual(new Set());
    });

    it('deletes the rows of whole surveys, and of a person', async () => {
      const { surveyNotifications: store } = await storesForKnex(await databases.init(databaseId));
      await store.claim('2026-Q3', 'invitation', ['a', 'b'], claimAt('r', 1));
      await store.claim('2026-Q4', 'invitation', ['a', 'b'], claimAt('r', 1));
      await store.claim('2026-Q4', 'reminder', ['a'], claimAt('r', 1));
      expect(await store.listSurveyIds()).toEqual(['2026-Q3', '2026-Q4']);
      expect(await store.deleteSurveys(['2026-Q3'])).toBe(2);
      expect(await store.listSurveyIds()).toEqual(['2026-Q4']);
      expect(await store.deleteByUserKeys(['a'])).toBe(2);
      expect([...(await store.listSent('2026-Q4', 'invitation', ['a', 'b'])).keys()]).toEqual(['b']);
      expect(await store.deleteSurveys([])).toBe(0);
    });

    it('claims batches larger than one statement holds', async () => {
      const { surveyNotifications: store } = await storesForKnex(await databases.init(databaseId));
      const keys = Array.from({ length: 1203 }, (_, i) => `k${i}`);
      expect((await store.claim('2026-Q4', 'invitation', keys, claimAt('r', 1))).length).toBe(1203);
      await store.markSent('2026-Q4', 'invitation', 'r', keys, 2);
      expect([...(await store.listSent('2026-Q4', 'invitation', keys)).values()].every(v => v === 2)).toBe(true);
      expect(await store.claim('2026-Q4', 'invitation', keys, claimAt('s', 3, 10))).toEqual([]);
    });

    it('the migration creates the table and drops it again', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('pm_survey_notifications')).toBe(true);
      await migrateDownThrough(knex, migrationsDir, '20261219000100_survey_notifications.js');
      expect(await knex.schema.hasTable('pm_survey_notifications')).toBe(false);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('pm_survey_notifications')).toBe(true);
    });
  });

  describe.each(postgresIds(databases))('on %p, two replicas', databaseId => {
    it('claiming the same rows at once get each row once between them', async () => {
      const knex = await databases.init(databaseId);
      await storesForKnex(knex);
      const other = anotherPool(knex);
      try {
        const keys = Array.from({ length: 600 }, (_, i) => `k${i}`);
        const [a, b] = await Promise.all([
          new DatabaseSurveyNotificationStore(knex).claim('2026-Q4', 'invitation', keys, claimAt('a', 1)),
          new DatabaseSurveyNotificationStore(other).claim('2026-Q4', 'invitation', [...keys].reverse(), claimAt('b', 1)),
        ]);
        expect(a.length + b.length).toBe(600);
        expect(new Set([...a, ...b]).size).toBe(600);
      } finally {
        await other.destroy();
      }
    });
  });
});

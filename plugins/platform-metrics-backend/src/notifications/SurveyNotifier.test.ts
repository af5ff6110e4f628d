import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotificationSendOptions, NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { anotherPool, createTestDatabases, postgresIds } from '../__testUtils__/databases';
import { readSettings } from '../config';
import { storesForKnex } from '../database/stores';
import { DAY } from '../lib/time';
import { pseudonymiser } from '../surveys/pseudonym';
import { SurveyNotifier } from './SurveyNotifier';

jest.setTimeout(60_000);

const OPENED = Date.parse('2026-10-01T09:00:00Z');
const users = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `user:default/${prefix}${i}`);
const TEAM = users('t', 5);
const MOBILE = users('m', 2);
const OUTSIDER = 'user:default/outsider';

/** What the notifications backend was asked to send: one entry per request. */
class RecordingNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  failing = false;
  async send(options: NotificationSendOptions) {
    if (this.failing) throw new Error('Failed to send notifications: Error: Request failed with status 503');
    this.sent.push(options);
  }
  /** The user refs each notification (by title) went to, in request order. */
  recipients(kind?: 'invitation' | 'reminder') {
    return this.sent
      .filter(s => !kind || s.payload.scope?.endsWith(`:${kind}`))
      .flatMap(s => (s.recipients.type === 'entity' ? [s.recipients.entityRef].flat() : ['broadcast']));
  }
}

async function world(knex: Knex, config: object = {}) {
  const settings = readSettings(new ConfigReader({ platformMetrics: { survey: { eligibleGroups: ['mobile'] }, ...config } }));
  const stores = await storesForKnex(knex);
  await stores.catalog.replaceGroups([
    { groupRef: 'group:default/team-a', type: 'team' },
    { groupRef: 'group:default/mobile', type: 'guild' },
    { groupRef: 'group:default/board', type: 'committee' },
  ]);
  await stores.catalog.replaceGroupMembers([
    ...TEAM.map(userRef => ({ userRef, groupRef: 'group:default/team-a' })),
    ...MOBILE.map(userRef => ({ userRef, groupRef: 'group:default/mobile' })),
    // a member of both counts once
    { userRef: TEAM[0], groupRef: 'group:default/mobile' },
    { userRef: OUTSIDER, groupRef: 'group:default/board' },
  ]);
  let now = OPENED;
  const notifications = new RecordingNotifications();
  const logger = mockServices.logger.mock();
  const notifier = (batchSize = 3) =>
    new SurveyNotifier({ stores, notifications, settings: settings.survey, logger, clock: () => now, batchSize });
  const answerKey = pseudonymiser(settings.survey.pseudonymSecret);
  return {
    stores,
    notifications,
    logger,
    notifier,
    answerKey,
    setNow: (t: number) => {
      now = t;
    },
    signal: () => new AbortController().signal,
  };
}

describe('SurveyNotifier (metrics.md §8c)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('invites every eligible developer once, in batches, and reminds those who neither answered nor snoozed once', async () => {
      const w = await world(await databases.init(databaseId));
      const eligible = [...MOBILE, ...TEAM].sort();
      expect(await w.notifier().run(w.signal())).toEqual({ surveyId: '2026-Q4', invited: 7, reminded: 0, failed: 0 });
      expect(w.notifications.sent.map(s => s.recipients)).toEqual([
        { type: 'entity', entityRef: eligible.slice(0, 3) },
        { type: 'entity', entityRef: eligible.slice(3, 6) },
        { type: 'entity', entityRef: eligible.slice(6) },
      ]);
      expect(w.notifications.sent[0].payload).toMatchObject({
        title: 'Developer survey 2026-Q4 is open',
        link: '/',
        topic: 'platform-metrics-survey',
        scope: 'platform-metrics-survey:2026-Q4:invitation',
      });
      expect(w.notifications.recipients()).not.toContain(OUTSIDER);

      // runs before the reminder is due send nothing
      w.setNow(OPENED + 7 * DAY - 1);
      expect(await w.notifier().run(w.signal())).toMatchObject({ invited: 0, reminded: 0 });
      expect(w.notifications.sent).toHaveLength(3);

      // m0 answered, t1 snoozed until after now, t2's snooze is over
      await w.stores.surveys.upsertSurveyResponse({
        surveyId: '2026-Q4',
        userKey: w.answerKey(MOBILE[0]),
        score: 8,
        comment: null,
        submittedAt: OPENED,
        groups: [],
        origin: null,
      });
      await w.stores.surveys.setSnooze('2026-Q4', w.answerKey(TEAM[1]), OPENED + 10 * DAY);
      await w.stores.surveys.setSnooze('2026-Q4', w.answerKey(TEAM[2]), OPENED + 2 * DAY);
      w.setNow(OPENED + 7 * DAY);
      expect(await w.notifier().run(w.signal())).toMatchObject({ invited: 0, reminded: 5 });
      expect(w.notifications.recipients('reminder').sort()).toEqual(
        eligible.filter(u => u !== MOBILE[0] && u !== TEAM[1]).sort(),
      );
      expect(w.notifications.sent.at(-1)!.payload.title).toBe('Reminder: developer survey 2026-Q4 is open until 31 December 2026');

      // t1's snooze ends: t1 gets the one reminder, nobody a second
      w.setNow(OPENED + 11 * DAY);
      expect(await w.notifier().run(w.signal())).toMatchObject({ invited: 0, reminded: 1 });
      expect(w.notifications.recipients('reminder').filter(u => u === TEAM[1])).toHaveLength(1);
      expect(await w.notifier().run(w.signal())).toMatchObject({ invited: 0, reminded: 0 });
      for (const u of eligible) expect(w.notifications.recipients('invitation').filter(r => r === u)).toHaveLength(1);
    });

    it('invites a developer who joins later, and reminds them reminderDays after their own invitation', async () => {
      const w = await world(await databases.init(databaseId));
      await w.notifier().run(w.signal());
      w.setNow(OPENED + 20 * DAY);
      await w.notifier().run(w.signal());
      const sentBefore = w.notifications.sent.length;
      const newcomer = 'user:default/newcomer';
      await w.stores.catalog.replaceGroupMembers([
        ...[...TEAM, newcomer].map(userRef => ({ userRef, groupRef: 'group:default/team-a' })),
        ...MOBILE.map(userRef => ({ userRef, groupRef: 'group:default/mobile' })),
      ]);
      expect(await w.notifier().run(w.signal())).toMatchObject({ invited: 1, reminded: 0 });
      expect(w.notifications.sent.slice(sentBefore).map(s => s.recipients)).toEqual([{ type: 'entity', entityRef: [newcomer] }]);
      w.setNow(OPENED + 27 * DAY);
      expect(await w.notifier().run(w.signal())).toMatchObject({ invited: 0, reminded: 1 });
      expect(w.notifications.recipients('reminder').filter(u => u === newcomer)).toHaveLength(1);
    });

    it('does not invite who already answered or snoozed, until the snooze is over', async () => {
      const w = await world(await databases.init(databaseId));
      await w.stores.surveys.setSnooze('2026-Q4', w.answerKey(TEAM[3]), OPENED + DAY);
      await w.notifier().run(w.signal());
      expect(w.notifications.recipients()).not.toContain(TEAM[3]);
      w.setNow(OPENED + DAY + 1);
      expect(await w.notifier().run(w.signal())).toMatchObject({ invited: 1 });
      expect(w.notifications.recipients()).toContain(TEAM[3]);
    });

    it('releases the claims of a failed send, stops the run, and the next run sends them once', async () => {
      const w = await world(await databases.init(databaseId));
      w.notifications.failing = true;
      expect(await w.notifier().run(w.signal())).toEqual({ surveyId: '2026-Q4', invited: 0, reminded: 0, failed: 3 });
      expect(w.logger.warn).toHaveBeenCalledWith(expect.stringContaining('could not send 3 invitations'));
      expect(await w.stores.surveyNotifications.listSurveyIds()).toEqual([]);
      w.notifications.failing = false;
      expect(await w.notifier().run(w.signal())).toMatchObject({ invited: 7, failed: 0 });
      expect(w.notifications.recipients()).toHaveLength(7);
    });

    it('stops between batches when the signal aborts', async () => {
      const w = await world(await databases.init(databaseId));
      const controller = new AbortController();
      const original = w.notifications.send.bind(w.notifications);
      jest.spyOn(w.notifications, 'send').mockImplementation(async options => {
        await original(options);
        controller.abort();
      });
      await expect(w.notifier().run(controller.signal)).rejects.toThrow();
      expect(w.notifications.sent).toHaveLength(1);
      // what it sent is recorded: the next run goes on from there
      expect(await w.notifier().run(w.signal())).toMatchObject({ invited: 4 });
    });

    it('sends nothing when survey.sendNotifications is false', async () => {
      const w = await world(await databases.init(databaseId), { survey: { eligibleGroups: ['mobile'], sendNotifications: false } });
      expect(await w.notifier().run(w.signal())).toEqual({ surveyId: '2026-Q4', invited: 0, reminded: 0, failed: 0 });
      expect(w.notifications.sent).toEqual([]);
    });

    it('drops the rows of a closed survey and invites everyone to the next one; erasure deletes a person’s rows', async () => {
      const w = await world(await databases.init(databaseId));
      await w.notifier().run(w.signal());
      w.setNow(Date.parse('2027-01-01T00:00:00Z'));
      expect(await w.notifier().run(w.signal())).toMatchObject({ surveyId: '2027-Q1', invited: 7 });
      expect(await w.stores.surveyNotifications.listSurveyIds()).toEqual(['2027-Q1']);
      expect(await w.notifier().erase(TEAM[0])).toBe(1);
      expect(await w.notifier().erase(TEAM[0])).toBe(0);
    });
  });

  describe.each(postgresIds(databases))('on %p, two replicas', databaseId => {
    it('running at the same time send each invitation exactly once', async () => {
      const knex = await databases.init(databaseId);
      const a = await world(knex);
      const otherKnex = anotherPool(knex);
      try {
        const b = await world(otherKnex);
        const [ra, rb] = await Promise.all([a.notifier(2).run(a.signal()), b.notifier(2).run(b.signal())]);
        expect(ra.invited + rb.invited).toBe(7);
        const all = [...a.notifications.recipients(), ...b.notifications.recipients()].sort();
        expect(all).toEqual([...MOBILE, ...TEAM].sort());
        // and again, both: nothing more
        await Promise.all([a.notifier(2).run(a.signal()), b.notifier(2).run(b.signal())]);
        expect(a.notifications.recipients().length + b.notifications.recipients().length).toBe(7);
      } finally {
        await otherKnex.destroy();
      }
    });
  });
});

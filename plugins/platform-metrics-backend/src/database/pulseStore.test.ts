import { createTestDatabases } from '../__testUtils__/databases';
import { DAY } from '../lib/time';
import { PulseRecord } from './PulseStore';
import { storesForKnex } from './stores';

jest.setTimeout(60_000);

const T0 = Date.parse('2026-03-02T09:00:00Z');

const pulse = (id: string, over: Partial<PulseRecord> = {}): PulseRecord => ({
  source: 'deploy-bot',
  id,
  recipient: 'a'.repeat(64),
  question: 'How easy was the release?',
  questionId: 'release',
  entityRef: 'component:default/payments',
  createdAt: T0,
  expiresAt: T0 + 14 * DAY,
  ...over,
});

describe('the pulse store', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('upserts on (source, id) while open, keeps an answered or dismissed pulse as it was, and keeps a pulse with keepExisting', async () => {
      const { pulses } = await storesForKnex(await databases.init(databaseId), { clock: () => T0 });
      expect(await pulses.upsertPulses([pulse('p1'), pulse('p2'), pulse('p1', { source: 'other' })])).toEqual({
        received: 3,
        created: 3,
        updated: 0,
        skipped: 0,
      });
      const first = await pulses.currentPulse('a'.repeat(64), T0);
      expect(first).toMatchObject({ question: 'How easy was the release?', entityRef: 'component:default/payments', expiresAt: T0 + 14 * DAY });
      expect(first!.key).toMatch(/^[0-9a-f-]{36}$/);

      // answer one of them, then re-send all: the open ones are replaced (keys kept), the answered one skipped
      expect(await pulses.closePulse('a'.repeat(64), first!.key, T0, { state: 'answered', value: 4 })).toBe('closed');
      const again = await pulses.upsertPulses([
        pulse('p1', { question: 'Changed?' }),
        pulse('p2', { question: 'Changed?' }),
        pulse('p1', { source: 'other', question: 'Changed?' }),
      ]);
      expect(again).toEqual({ received: 3, created: 0, updated: 2, skipped: 1 });
      const answers = await pulses.listAnswers({ from: 0, to: T0 + DAY });
      expect(answers).toEqual([
        { key: first!.key, recipient: 'a'.repeat(64), questionId: 'release', value: 4, answeredOn: Date.parse('2026-03-02T00:00:00Z') },
      ]);
      const next = await pulses.currentPulse('a'.repeat(64), T0);
      expect(next!.question).toBe('Changed?');
      expect(next!.key).not.toBe(first!.key);

      // keepExisting: nothing stored is rewritten, new ones are created
      expect(await pulses.upsertPulses([pulse('p2', { question: 'Again?' }), pulse('p3', { createdAt: T0 + 1 })], { keepExisting: true })).toEqual({
        received: 2,
        created: 1,
        updated: 0,
        skipped: 1,
      });
      expect((await pulses.currentPulse('a'.repeat(64), T0))!.key).toBe(next!.key);
      expect((await pulses.currentPulse('a'.repeat(64), T0))!.question).toBe('Changed?');
    });

    it('shows the oldest open pulse of the recipient only, from createdAt until it expires, and closes it once', async () => {
      const { pulses } = await storesForKnex(await databases.init(databaseId));
      const alice = 'a'.repeat(64);
      const bob = 'b'.repeat(64);
      await pulses.upsertPulses([
        pulse('later', { createdAt: T0 + DAY, question: 'later' }),
        pulse('first', { question: 'first' }),
        pulse('bobs', { recipient: bob, createdAt: T0 - DAY, expiresAt: T0 + 13 * DAY, question: 'bobs' }),
      ]);
      expect((await pulses.currentPulse(alice, T0 - 1))).toBeUndefined();
      const current = (await pulses.currentPulse(alice, T0))!;
      expect(current.question).toBe('first');
      // someone else's key is not found; an unknown one neither
      expect(await pulses.closePulse(bob, current.key, T0, { state: 'dismissed' })).toBe('not-found');
      expect(await pulses.closePulse(alice, '00000000-0000-4000-8000-000000000000', T0, { state: 'dismissed' })).toBe('not-found');
      // concurrent answers: exactly one wins
      const results = await Promise.all([1, 2, 3].map(v => pulses.closePulse(alice, current.key, T0, { state: 'answered', value: v })));
      expect(results.filter(r => r === 'closed')).toHaveLength(1);
      expect(results.filter(r => r === 'answered')).toHaveLength(2);
      expect(await pulses.closePulse(alice, current.key, T0, { state: 'dismissed' })).toBe('answered');

      // the later one is not shown before its createdAt, then it is; dismissed, it is gone
      expect(await pulses.currentPulse(alice, T0 + DAY - 1)).toBeUndefined();
      const later = (await pulses.currentPulse(alice, T0 + DAY))!;
      expect(later.question).toBe('later');
      expect(await pulses.closePulse(alice, later.key, T0 + DAY, { state: 'dismissed' })).toBe('closed');
      expect(await pulses.closePulse(alice, later.key, T0 + DAY, { state: 'answered', value: 5 })).toBe('dismissed');
      expect(await pulses.currentPulse(alice, T0 + DAY)).toBeUndefined();

      // expired: never shown, never answered
      const bobs = (await pulses.currentPulse(bob, T0))!;
      expect(bobs.question).toBe('bobs');
      const expiry = T0 + 13 * DAY;
      expect(await pulses.currentPulse(bob, expiry)).toBeUndefined();
      expect(await pulses.closePulse(bob, bobs.key, expiry, { state: 'answered', value: 5 })).toBe('expired');
      // a dismissal is no answer
      expect((await pulses.listAnswers({ from: 0, to: T0 + 30 * DAY })).map(a => a.value)).toHaveLength(1);
    });

    it('lists the answers of [from, to) by day and the questions asked or answered then, with the latest text', async () => {
      const { pulses } = await storesForKnex(await databases.init(databaseId));
      await pulses.upsertPulses([
        pulse('old', { questionId: 'q', question: 'Old text', createdAt: T0 - 40 * DAY, expiresAt: T0 - 30 * DAY }),
        pulse('new', { questionId: 'q', question: 'New text', createdAt: T0 }),
        pulse('x', { questionId: 'x', question: 'X?', createdAt: T0 - 10 * DAY, recipient: 'c'.repeat(64) }),
      ]);
      const x = (await pulses.currentPulse('c'.repeat(64), T0))!;
      await pulses.closePulse('c'.repeat(64), x.key, T0 + 2 * DAY, { state: 'answered', value: 2 });
      expect(await pulses.listQuestions({ from: T0 - 50 * DAY, to: T0 + DAY })).toEqual([
        { questionId: 'q', question: 'New text' },
        { questionId: 'x', question: 'X?' },
      ]);
      // x was created before the range but answered in it
      expect(await pulses.listQuestions({ from: T0, to: T0 + 5 * DAY })).toEqual([
        { questionId: 'q', question: 'New text' },
        { questionId: 'x', question: 'X?' },
      ]);
      expect(await pulses.listQuestions({ from: T0 + 5 * DAY, to: T0 + 9 * DAY })).toEqual([]);
      const day = Date.parse('2026-03-04T00:00:00Z');
      expect((await pulses.listAnswers({ from: day, to: day + DAY })).map(a => a.answeredOn)).toEqual([day]);
      expect(await pulses.listAnswers({ from: day + DAY, to: day + 2 * DAY })).toEqual([]);
    });

    it('writes a full batch of 1000 pulses', async () => {
      const { pulses } = await storesForKnex(await databases.init(databaseId));
      const batch = Array.from({ length: 1000 }, (_, i) => pulse(`p${i}`, { recipient: String(i).padStart(64, '0') }));
      expect(await pulses.upsertPulses(batch)).toEqual({ received: 1000, created: 1000, updated: 0, skipped: 0 });
      expect(await pulses.upsertPulses(batch)).toEqual({ received: 1000, created: 0, updated: 1000, skipped: 0 });
      expect((await pulses.currentPulse(String(999).padStart(64, '0'), T0))!.question).toBe('How easy was the release?');
    });
  });
});

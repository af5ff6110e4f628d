import { UserRow } from '../database/PeopleStore';
import { DAY } from '../lib/time';
import { authorKeys, onboardingCohort, onboardingFigures, showOnboarding, startOf } from './onboarding';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const day = (n: number) => T0 + n * DAY;
/** The window of days 0..90 (to = day 90). */
const WINDOW = { from: day(0), to: day(90), days: 90 };
/** Installed, and first synced the Users, on day -10. */
const SINCE = day(-10);

const user = (name: string, over: Partial<UserRow> = {}): UserRow => ({
  userRef: `user:default/${name}`,
  email: null,
  githubLogin: null,
  annotatedStartAt: null,
  firstSeenAt: SINCE,
  ...over,
});

describe('time to onboard a new engineer (metrics.md §6d)', () => {
  describe('startOf', () => {
    it('takes the annotation, whenever the User was first seen', () => {
      expect(startOf(user('a', { annotatedStartAt: day(5) }), SINCE, undefined)).toBe(day(5));
      // annotated before the suite was installed: still the start
      expect(startOf(user('a', { annotatedStartAt: day(-400) }), SINCE, day(-300))).toBe(day(-400));
    });

    it('takes the first sighting only when it came after the installation and before their first deployment', () => {
      expect(startOf(user('a', { firstSeenAt: day(3) }), SINCE, undefined)).toBe(day(3));
      expect(startOf(user('a', { firstSeenAt: day(3) }), SINCE, day(4))).toBe(day(3));
      expect(startOf(user('a', { firstSeenAt: day(3) }), SINCE, day(3))).toBe(day(3));
      // seen at the first sync: there before the suite
      expect(startOf(user('a', { firstSeenAt: SINCE }), SINCE, undefined)).toBeNull();
      // a change of theirs was in production before the suite saw them
      expect(startOf(user('a', { firstSeenAt: day(3) }), SINCE, day(2))).toBeNull();
      // never installed (no sync saw components)
      expect(startOf(user('a', { firstSeenAt: day(3) }), undefined, undefined)).toBeNull();
    });
  });

  it('keys a User by ref, and by email only when no other User shares it', () => {
    const keys = authorKeys([
      user('a', { email: 'a@example.com' }),
      user('b', { email: 'shared@example.com' }),
      user('c', { email: 'shared@example.com' }),
      user('d'),
    ]);
    expect(Object.fromEntries(keys)).toEqual({
      'user:default/a': ['user:default/a', 'a@example.com'],
      'user:default/b': ['user:default/b'],
      'user:default/c': ['user:default/c'],
      'user:default/d': ['user:default/d'],
    });
  });

  describe('the cohort of a window', () => {
    const users = [
      // by email: starts day 10, first change in production day 12
      user('email', { email: 'e@example.com', firstSeenAt: day(10) }),
      // by ref: annotated day 20; a change shipped before the start does not end it
      user('ref', { annotatedStartAt: day(20), firstSeenAt: SINCE }),
      // starts day 30, deploys on day 75: stalled (more than 30 days), still counted in the median
      user('late', { firstSeenAt: day(30) }),
      // starts day 40, never deploys: stalled
      user('never', { firstSeenAt: day(40) }),
      // starts day 80, nothing yet: pending
      user('pending', { firstSeenAt: day(80) }),
      // starts day 85 and deploys day 86: neither stalled nor pending
      user('quick', { firstSeenAt: day(85) }),
      // outside the window: before it, and at its end (exclusive)
      user('before', { annotatedStartAt: day(-1) }),
      user('after', { annotatedStartAt: day(90) }),
      // seen at the first sync, not annotated: in no cohort
      user('old'),
    ];
    const authored = new Map<string, number[]>([
      ['e@example.com', [day(12), day(14)]],
      ['user:default/ref', [day(18), day(21.5)]],
      ['user:default/late', [day(75)]],
      ['user:default/quick', [day(86)]],
      ['user:default/before', [day(2)]],
      ['user:default/old', [day(3)]],
      // after the window's end: not yet known at `to`
      ['user:default/pending', [day(95)]],
    ]);
    const cohort = onboardingCohort(users, authored, SINCE, WINDOW);

    it('has the Users who started in [from, to), each with their first deployment at or after the start', () => {
      expect(cohort).toEqual([
        { userRef: 'user:default/email', start: day(10), end: day(12) },
        { userRef: 'user:default/ref', start: day(20), end: day(21.5) },
        { userRef: 'user:default/late', start: day(30), end: day(75) },
        { userRef: 'user:default/never', start: day(40), end: null },
        { userRef: 'user:default/pending', start: day(80), end: null },
        { userRef: 'user:default/quick', start: day(85), end: day(86) },
      ]);
    });

    it('reports the median, n, cohort, stalled and pending', () => {
      expect(onboardingFigures(cohort, WINDOW)).toEqual({
        // 1, 1.5, 2 and 45 days: the mean of the middle two
        median: (1.75 * DAY) / 1000,
        n: 4,
        cohort: 6,
        stalled: 2,
        pending: 1,
      });
    });

    it('counts as stalled from 30 days after the start, on the window end', () => {
      const at = (start: number, end: number | null, to: number) =>
        onboardingFigures([{ userRef: 'x', start, end }], { from: day(0), to, days: to / DAY });
      // exactly 30 days before `to` without a deployment: stalled
      expect(at(day(10), null, day(40))).toMatchObject({ stalled: 1, pending: 0 });
      // a day less: pending
      expect(at(day(11), null, day(40))).toMatchObject({ stalled: 0, pending: 1 });
      // deployed exactly 30 days after the start: not stalled
      expect(at(day(10), day(40), day(60))).toMatchObject({ stalled: 0, pending: 0, n: 1 });
      expect(at(day(10), day(40) + 1, day(60))).toMatchObject({ stalled: 1, n: 1 });
    });

    it('is empty without Users', () => {
      expect(onboardingFigures([], WINDOW)).toEqual({ median: null, n: 0, cohort: 0, stalled: 0, pending: 0 });
    });
  });

  describe('anonymity', () => {
    const figures = (cohort: number, n: number) => ({ median: 3600, n, cohort, stalled: 1, pending: 0 });

    it('withholds every figure of a cohort below k', () => {
      expect(showOnboarding(figures(4, 4), 5)).toEqual({
        median: null,
        n: null,
        cohort: null,
        stalled: null,
        pending: null,
        withheld: 'fewer than 5 people',
        medianWithheld: null,
      });
    });

    it('shows the figures from k people, and the median only from k people with a first deployment', () => {
      expect(showOnboarding(figures(5, 5), 5)).toEqual({ ...figures(5, 5), withheld: null, medianWithheld: null });
      expect(showOnboarding(figures(6, 4), 5)).toEqual({
        ...figures(6, 4),
        median: null,
        withheld: null,
        medianWithheld: 'fewer than 5 people with a first deployment',
      });
    });

    it('withholds a team whose difference from the org is 1 to k - 1 people', () => {
      expect(showOnboarding(figures(5, 5), 5, 5).withheld).toBeNull();
      expect(showOnboarding(figures(5, 5), 5, 10).withheld).toBeNull();
      expect(showOnboarding(figures(5, 5), 5, 9).withheld).toBe('withheld so that no subtraction reveals fewer than 5 people');
      expect(showOnboarding(figures(5, 5), 5, 6).withheld).toBe('withheld so that no subtraction reveals fewer than 5 people');
    });
  });
});

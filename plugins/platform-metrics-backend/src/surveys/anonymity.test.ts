import { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { npsFigures, surveyWorld } from '../__testUtils__/surveyWorld';

jest.setTimeout(120_000);

/*
 * The anonymity contract of metrics.md §8a, through the HTTP API on SQLite
 * and PostgreSQL: every NPS figure has n >= k or is withheld, only
 * reporting groups get NPS, no subtraction of published figures singles
 * out fewer than k people, results change only in publication batches
 * (polling around one answer, stepping `to`), and comments follow kc.
 */

const K = 5;
const FEWER = 'fewer than 5 responses';
const SUBTRACTION = 'withheld so that no subtraction reveals fewer than 5 responses';
const names = (prefix: string, count: number, from = 0) => Array.from({ length: count }, (_, i) => `${prefix}${from + i}`);

/** An NPS figure is shown with n >= k, or withheld with score, counts and n all null. */
function expectShownOrWithheld(summary: OrgSummary) {
  for (const f of npsFigures(summary)) {
    const counts = f as { promoters?: number | null; passives?: number | null; detractors?: number | null };
    if (f.withheld === null) {
      expect(f.n).toBeGreaterThanOrEqual(K);
      // the response rate's respondents are the shown n, never another count
      if (f.responseRate && typeof f.responseRate === 'object') expect(f.responseRate.respondents).toBe(f.n);
    } else {
      expect(f).toMatchObject({ score: null, n: null, responseRate: null });
      for (const c of ['promoters', 'passives', 'detractors'] as const) {
        if (c in counts) expect(counts[c]).toBeNull();
      }
    }
  }
}

const teamNps = (summary: OrgSummary, team: string) => summary.teams.find(t => t.groupRef === `group:default/${team}`)!.nps;

describe('survey anonymity', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('shows every NPS figure with n >= k or withholds it, in any scope, window, `to`, trend point and team row', async () => {
      const w = await surveyWorld(await databases.init(databaseId), {
        now: '2026-11-10T09:00:00Z',
        teams: {
          big: { members: names('b', 12) },
          pair: { members: ['s0', 's1'] },
          // a guild of six of the big team's people: not a reporting group
          guild: { type: 'guild', members: names('b', 6) },
        },
      });
      for (const m of names('b', 12)) await w.answer(m, 9);
      await w.answer('s0', 10);
      await w.answer('s1', 10);
      w.advanceDays(1);
      expect(await w.publish()).toHaveLength(1);

      const queries = ['', '?windowDays=30', '?windowDays=365', '?to=2026-11-11T00:00:00Z', '?to=2026-11-10T12:00:00Z', '?to=2027-02-01T00:00:00Z'];
      for (const scope of ['', 'big', 'pair', 'guild', 'nobody']) {
        for (const q of queries) {
          const group = scope ? `group=group:default/${scope}` : '';
          const query = q && group ? `${q}&${group}` : q || (group && `?${group}`);
          expectShownOrWithheld(await w.summary(query));
        }
      }

      const org = await w.summary();
      expect(org.nps).toMatchObject({ n: 14, score: 100, withheld: null, asOf: '2026-11-11T00:00:00.000Z' });
      // the 2-person team: withheld, never { score: 100, n: 2 }
      expect(teamNps(org, 'pair')).toEqual({ score: null, n: null, reason: FEWER, withheld: FEWER, responseRate: null });
      const pair = await w.summary('?group=group:default/pair');
      expect(pair.nps).toMatchObject({ score: null, n: null, promoters: null, withheld: FEWER });
      // the big team alone would reveal the pair: org (14) minus big (12)
      expect(teamNps(org, 'big')).toMatchObject({ score: null, n: null, withheld: SUBTRACTION });
      // a non-reporting group: NPS withheld, its DORA and adoption still shown
      const guild = await w.summary('?group=group:default/guild');
      expect(guild.nps).toMatchObject({ score: null, n: null, withheld: 'not a reporting group' });
      expect(guild.dora.deploymentFrequency).toMatchObject({ count: 0 });
      expect(guild.adoption).toMatchObject({ eligible: 1 });
      expect(teamNps(org, 'guild').withheld).toBe('not a reporting group');
    });

    it('differencing by subtraction: org minus the teams, and org minus one team with overlapping memberships', async () => {
      const w = await surveyWorld(await databases.init(databaseId), {
        now: '2026-11-10T09:00:00Z',
        teams: {
          a: { members: names('a', 6) },
          b: { members: names('b', 6) },
          // x and y overlap in p2..p6; everyone of them is in x or y
          x: { members: names('p', 7) },
          y: { members: names('p', 12, 2) },
        },
      });
      // 6 + 6 in a and b, 14 in x ∪ y, and 2 people in no team
      for (const m of [...names('a', 6), ...names('b', 6), ...names('p', 14), 'loner0', 'loner1']) await w.answer(m, 8);
      w.advanceDays(1);
      await w.publish();
      const org = await w.summary();
      expect(org.nps.n).toBe(28);
      const shown = org.teams.filter(t => t.nps.withheld === null);
      // org minus all four teams would be the two loners: a is withheld; then
      // org - b - x - y by sums is 3 (x and y overlap): b is withheld too
      expect(shown.map(t => t.groupRef)).toEqual(['group:default/x', 'group:default/y']);
      expect(teamNps(org, 'a').withheld).toBe(SUBTRACTION);
      expect(teamNps(org, 'b').withheld).toBe(SUBTRACTION);
      const rest = org.nps.n! - shown.reduce((n, t) => n + t.nps.n!, 0);
      expect(rest === 0 || Math.abs(rest) >= K).toBe(true);
      for (const t of shown) expect(org.nps.n! - t.nps.n!).toBeGreaterThanOrEqual(K);

      // the same organisation without the loners: org \ y = {p0, p1} would be revealed
      const w2 = await surveyWorld(await databases.init(databaseId), {
        now: '2026-11-10T09:00:00Z',
        teams: { x: { members: names('p', 7) }, y: { members: names('p', 12, 2) } },
      });
      for (const m of names('p', 14)) await w2.answer(m, 3);
      w2.advanceDays(1);
      await w2.publish();
      const org2 = await w2.summary();
      expect(org2.nps.n).toBe(14);
      expect(teamNps(org2, 'y')).toMatchObject({ n: null, withheld: SUBTRACTION });
      expect(teamNps(org2, 'x')).toMatchObject({ n: 7, withheld: null });
      expect((await w2.summary('?group=group:default/y')).nps.withheld).toBe(SUBTRACTION);
    });

    it('polling around a single answer: the aggregate does not move until a publication of at least k new answers', async () => {
      const w = await surveyWorld(await databases.init(databaseId), {
        now: '2026-11-10T09:00:00Z',
        teams: { a: { members: [...names('a', 10), 'colleague', ...names('late', 4)] } },
      });
      for (const m of names('a', 10)) await w.answer(m, 9);
      w.setNow('2026-11-11T08:00:00Z');
      await w.publish();
      w.setNow('2026-11-11T08:01:00Z');
      await w.services.summaries.refresh(true);
      const before = await w.summary();
      expect(before.nps).toMatchObject({ n: 10, promoters: 10, detractors: 0 });

      await w.answer('colleague', 0);
      // the precomputed summary stays servable: an answer is no change a summary shows
      expect(await w.services.summaries.refresh(false)).toBe(0);
      const after = await w.summary();
      expect(after.nps).toEqual(before.nps);
      expect(after.teams).toEqual(before.teams);
      expect((await w.summary('?to=2026-11-12T00:00:00Z')).nps).toEqual(before.nps);
      // the task runs again the same day: the answer is after the last midnight
      expect(await w.publish()).toEqual([]);
      // the next day: one new answer is fewer than k, the previous publication stands
      w.setNow('2026-11-12T08:00:00Z');
      expect(await w.publish()).toEqual([]);
      expect((await w.summary()).nps).toEqual({ ...before.nps });

      for (const m of names('late', 4)) await w.answer(m, 9);
      w.setNow('2026-11-13T08:00:00Z');
      expect((await w.publish()).map(p => p.seq)).toEqual([2]);
      // five people at once, never one
      expect((await w.summary()).nps).toMatchObject({ n: 15, promoters: 14, detractors: 1, asOf: '2026-11-13T00:00:00.000Z' });
    });

    it('stepping `to` across days: it picks a publication, never a slice of answers', async () => {
      const w = await surveyWorld(await databases.init(databaseId), {
        now: '2026-11-01T10:00:00Z',
        teams: { a: { members: names('u', 12) } },
      });
      // one answer a day, and the task runs every day
      for (let day = 0; day < 12; day++) {
        await w.answer(`u${day}`, day % 2 ? 10 : 4);
        w.advanceDays(1);
        await w.publish();
      }
      const seen: Array<number | null> = [];
      for (let day = 1; day <= 13; day++) {
        const to = `2026-11-${String(day).padStart(2, '0')}T12:00:00Z`;
        seen.push((await w.summary(`?to=${to}`)).nps.n);
      }
      // published as of 11-06 (u0..u4) and 11-11 (u0..u9); u10 and u11 wait for the next batch
      expect(seen).toEqual([null, null, null, null, 5, 5, 5, 5, 5, 10, 10, 10, 10]);
      const steps = seen.filter((n): n is number => n !== null).map((n, i, all) => n - (all[i - 1] ?? 0));
      expect(steps.every(step => step === 0 || step >= K)).toBe(true);
      expect((await w.summary('?to=2026-11-03T00:00:00Z')).nps.withheld).toBe(FEWER);
    });

    it('releases comments with their bucket in the publication batches, for scopes of n >= 10, listed under a group only for 10 people sharing a group set', async () => {
      const w = await surveyWorld(await databases.init(databaseId), {
        now: '2026-11-10T09:00:00Z',
        teams: {
          a: { members: [...names('a', 10), ...names('both', 2)] },
          b: { members: [...names('b', 10), ...names('both', 2)] },
          small: { members: names('s', 6) },
          guild: { type: 'guild', members: names('a', 10) },
        },
      });
      // seven people in no team, so that no subtraction reveals anyone and every team is released
      for (const m of names('loner', 7)) await w.answer(m, 8);
      for (const m of names('a', 10)) await w.answer(m, 9, `CI is slow for ${m}`);
      for (const m of names('b', 10)) await w.answer(m, 7, `Docs are missing for ${m}`);
      for (const m of names('both', 2)) await w.answer(m, 2, `${m}: staging environment is always broken`);
      for (const m of names('s', 6)) await w.answer(m, 5, `${m}: the deploy tooling is slow`);
      // not published yet: nothing, not even the comment count
      expect(await w.comments('2026-Q4')).toMatchObject({ n: null, withheld: FEWER, comments: [] });
      w.advanceDays(1);
      await w.publish();

      const org = await w.comments('2026-Q4');
      expect(org).toMatchObject({ n: 35, withheld: null, asOf: '2026-11-11T00:00:00.000Z' });
      expect(org.comments).toHaveLength(28);
      expect(org.comments.every((c: any) => ['promoter', 'passive', 'detractor'].includes(c.bucket) && !('score' in c))).toBe(true);
      // sorted by first category, then text
      const keys = org.comments.map((c: any) => `${c.categories[0] ?? '~'}|${c.comment}`);
      expect(keys).toEqual([...keys].sort((x: string, y: string) => x.localeCompare(y)));

      const a = await w.comments('2026-Q4', 'group:default/a');
      // the two in both a and b share their set {a, b} with no one else: org list only
      expect(a.comments.map((c: any) => c.comment)).toEqual(names('a', 10).map(m => `CI is slow for ${m}`).sort((x, y) => x.localeCompare(y)));
      expect(a.comments.every((c: any) => c.bucket === 'promoter')).toBe(true);
      expect(await w.comments('2026-Q4', 'group:default/small')).toMatchObject({ n: 6, withheld: 'fewer than 10 responses', comments: [] });
      expect(await w.comments('2026-Q4', 'group:default/guild')).toMatchObject({ n: null, withheld: 'not a reporting group', comments: [] });

      // a new comment waits for the next publication
      w.setNow('2026-11-11T10:00:00Z');
      await w.answer('a0', 1, 'Changed my mind: onboarding is hard');
      expect((await w.comments('2026-Q4')).comments.map((c: any) => c.comment)).not.toContain('Changed my mind: onboarding is hard');
    });
  });
});

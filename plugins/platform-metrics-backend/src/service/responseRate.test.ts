import { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { npsFigures, surveyWorld } from '../__testUtils__/surveyWorld';

jest.setTimeout(120_000);

/*
 * The survey response rate (metrics.md §8b) through
 * GET /org/summary on SQLite and PostgreSQL: respondents are the published
 * n only, eligible developers the members of the reporting groups and of
 * `survey.eligibleGroups`, each User once; withheld with the NPS figure.
 */

// the default `to` is the real now: every read names its `to`
const Q3 = '?to=2026-09-12T00:00:00Z';
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('the survey response rate', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function world(config: object = {}) {
      const w = await surveyWorld(await databases.init(databaseId), {
        now: '2026-09-10T09:00:00Z',
        config,
        teams: {
          big: { members: names('b', 12) },
          small: { members: names('s', 6) },
          few: { members: names('f', 4) },
          // not a reporting group; b0 is in it too
          guild: { type: 'guild', members: [...names('g', 5), 'b0'] },
        },
      });
      for (const m of [...names('b', 10), ...names('s', 5), ...names('g', 5)]) await w.answer(m, 9);
      w.advanceDays(1);
      await w.publish();
      return w;
    }
    const team = (s: OrgSummary, ref: string) => s.teams.find(t => t.groupRef === `group:default/${ref}`)!.nps;

    it('divides the published respondents by the eligible developers, for the org and each shown team', async () => {
      const w = await world({ survey: { eligibleGroups: ['guild'] } });
      const org = await w.summary(Q3);
      // 12 + 6 + 4 members of reporting groups, and the guild's 5 others
      expect(org.nps).toMatchObject({ n: 20, withheld: null, responseRate: { respondents: 20, eligible: 27, rate: 20 / 27 } });
      expect(org.nps.trend).toEqual([expect.objectContaining({ surveyId: '2026-Q3', n: 20, responseRate: 20 / 27 })]);
      expect(team(org, 'big').responseRate).toEqual({ respondents: 10, eligible: 12, rate: 10 / 12 });
      expect(team(org, 'small').responseRate).toEqual({ respondents: 5, eligible: 6, rate: 5 / 6 });
      // withheld figures have no rate: no answers, or not a reporting group
      expect(team(org, 'few')).toMatchObject({ n: null, withheld: 'fewer than 5 responses', responseRate: null });
      expect(team(org, 'guild')).toMatchObject({ n: null, withheld: 'not a reporting group', responseRate: null });

      const big = await w.summary(`${Q3}&group=group:default/big`);
      expect(big.nps.responseRate).toEqual({ respondents: 10, eligible: 12, rate: 10 / 12 });
      const guild = await w.summary(`${Q3}&group=group:default/guild`);
      expect(guild.nps).toMatchObject({ withheld: 'not a reporting group', responseRate: null });
      // as of before the publication: nothing released, no rate
      const before = await w.summary('?to=2026-09-10T00:00:00Z');
      expect(before.nps).toMatchObject({ n: null, responseRate: null });
      for (const f of npsFigures(before)) expect(f.responseRate).toBeNull();
    });

    it('counts only the reporting groups without eligible groups, and each later survey against the same count', async () => {
      const w = await world();
      const org = await w.summary(Q3);
      expect(org.nps.responseRate).toEqual({ respondents: 20, eligible: 22, rate: 20 / 22 });

      w.setNow('2026-10-05T09:00:00Z');
      for (const m of names('b', 12)) await w.answer(m, 7);
      w.advanceDays(1);
      await w.publish();
      const next = await w.summary('?to=2026-10-07T00:00:00Z');
      expect(next.nps).toMatchObject({ surveyId: '2026-Q4', n: 12, responseRate: { respondents: 12, eligible: 22, rate: 12 / 22 } });
      expect(next.nps.trend.map(p => [p.surveyId, p.responseRate])).toEqual([
        ['2026-Q3', 20 / 22],
        ['2026-Q4', 12 / 22],
      ]);
    });
  });
});

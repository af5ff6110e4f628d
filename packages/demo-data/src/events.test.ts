import { contractViolation } from './__testUtils__/apiContract';
import {
  generateEvents,
  GeneratedDeployment,
  GeneratedEvents,
  quartersUpTo,
} from './events';
import { DEMO_EPOCH } from './org';
import { leadTimes, median, summarizeByTeam } from './summary';

const DAY = 86_400_000;
const NOW = DEMO_EPOCH;
const demo = generateEvents({ seed: 1, now: NOW });

const isProd = (d: GeneratedDeployment) =>
  d.environment === 'production' && d.status === 'succeeded';

function chunks<T>(items: T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

function teamSummary(events: GeneratedEvents, team: string) {
  return summarizeByTeam(events).find(s => s.team === team)!;
}

describe('generateEvents', () => {
  it('is deterministic for a seed and a now, and depends on the seed', () => {
    expect(generateEvents({ seed: 1, now: NOW })).toEqual(demo);
    const other = generateEvents({ seed: 2, now: NOW });
    expect(other.deployments.map(d => d.id)).not.toEqual(
      demo.deployments.map(d => d.id),
    );
  });

  it('defaults now to today 00:00 UTC and covers the 365 days before it', () => {
    const today = generateEvents();
    const d = new Date();
    expect(today.now).toBe(
      new Date(
        Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()),
      ).toISOString(),
    );
    const nowMs = Date.parse(demo.now);
    for (const x of demo.deployments) {
      const t = Date.parse(x.finishedAt);
      expect(t).toBeLessThan(nowMs);
      expect(t).toBeGreaterThanOrEqual(nowMs - 366 * DAY);
    }
  });

  it('has the demo size', () => {
    const deployable = demo.org.components.filter(c => c.type !== 'library');
    expect(demo.org.components.length).toBeGreaterThanOrEqual(45);
    expect(demo.org.components.length).toBeLessThanOrEqual(60);
    expect(deployable.length).toBeGreaterThanOrEqual(40);
    expect(demo.deployments.length).toBeGreaterThanOrEqual(8_000);
    expect(demo.deployments.length).toBeLessThanOrEqual(15_000);
    expect(demo.incidents.length).toBeGreaterThanOrEqual(200);
    expect(demo.incidents.length).toBeLessThan(1_500);
    expect(demo.surveys).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    // most users answer every survey (the growth team only after it was formed)
    const users = demo.org.users.length - 1;
    for (const survey of demo.surveys) {
      const n = demo.surveyResponses.filter(r => r.surveyId === survey).length;
      expect(n).toBeGreaterThan(users * 0.65);
    }
  });

  it('produces batches the ingestion API accepts', () => {
    for (const batch of chunks(demo.deployments)) {
      expect(contractViolation('deployments', { deployments: batch })).toBeUndefined();
    }
    for (const batch of chunks(demo.incidents)) {
      expect(contractViolation('incidents', { incidents: batch })).toBeUndefined();
    }
    for (const batch of chunks(demo.surveyResponses)) {
      expect(contractViolation('survey-responses', { responses: batch })).toBeUndefined();
    }
  });

  it('uses unique stable ids, and references that point at deployments of the same entity', () => {
    const ids = new Map(demo.deployments.map(d => [d.id, d]));
    expect(ids.size).toBe(demo.deployments.length);
    expect(new Set(demo.incidents.map(i => i.id)).size).toBe(
      demo.incidents.length,
    );
    expect(
      new Set(demo.surveyResponses.map(r => `${r.surveyId} ${r.userRef}`)).size,
    ).toBe(demo.surveyResponses.length);
    expect(demo.deployments.every(d => d.source === 'demo')).toBe(true);
    for (const d of demo.deployments.filter(x => x.remediates)) {
      const target = ids.get(d.remediates!);
      expect(target?.entityRef).toBe(d.entityRef);
      expect(target!.finishedAt < d.finishedAt).toBe(true);
    }
    for (const i of demo.incidents.filter(x => x.causedBy)) {
      const target = ids.get(i.causedBy!);
      expect(target?.entityRef).toBe(i.entityRef);
      expect(target!.finishedAt < i.openedAt).toBe(true);
    }
    // every change is committed before it ships
    for (const d of demo.deployments) {
      for (const c of d.changes)
        expect(c.committedAt < d.finishedAt).toBe(true);
    }
  });

  it('is realistic: staging, failed rollouts, hotfixes, rollbacks, incidents with and without a cause, some open', () => {
    const count = (f: (d: GeneratedDeployment) => boolean) =>
      demo.deployments.filter(f).length;
    expect(count(d => d.environment === 'staging')).toBeGreaterThan(1000);
    expect(count(d => d.status === 'failed')).toBeGreaterThan(50);
    expect(count(d => d.type === 'hotfix' && !!d.remediates)).toBeGreaterThan(
      50,
    );
    expect(
      count(
        d => d.type === 'rollback' && !!d.remediates && d.changes.length === 0,
      ),
    ).toBeGreaterThan(50);
    expect(demo.incidents.filter(i => i.causedBy).length).toBeGreaterThan(100);
    expect(demo.incidents.filter(i => !i.causedBy).length).toBeGreaterThan(100);
    expect(
      demo.incidents.filter(i => !i.resolvedAt).length,
    ).toBeGreaterThanOrEqual(2);
    expect(demo.incidents.filter(i => !i.resolvedAt).length).toBeLessThan(20);
  });

  it('generating a day later repeats the same records, so reloading never doubles anything', () => {
    const later = generateEvents({
      seed: 1,
      now: new Date(Date.parse(NOW) + DAY),
    });
    const laterFrom = Date.parse(later.from);
    const deployments = new Map(later.deployments.map(d => [d.id, d]));
    const incidents = new Map(later.incidents.map(i => [i.id, i]));
    let compared = 0;
    for (const d of demo.deployments) {
      if (Date.parse(d.finishedAt) < laterFrom + DAY) continue;
      expect(deployments.get(d.id)).toEqual(d);
      compared++;
    }
    expect(compared).toBeGreaterThan(demo.deployments.length * 0.95);
    for (const i of demo.incidents) {
      if (Date.parse(i.openedAt) < laterFrom + DAY) continue;
      const again = incidents.get(i.id)!;
      expect(again).toBeDefined();
      // an incident open yesterday may be resolved today; nothing else changes
      expect({
        ...again,
        resolvedAt: i.resolvedAt ?? again.resolvedAt,
      }).toEqual({
        ...i,
        resolvedAt: i.resolvedAt ?? again.resolvedAt,
      });
      expect(again.resolvedAt).toBe(i.resolvedAt ?? again.resolvedAt);
    }
    const scores = new Map(
      later.surveyResponses.map(r => [`${r.surveyId} ${r.userRef}`, r]),
    );
    for (const r of demo.surveyResponses) {
      expect(scores.get(`${r.surveyId} ${r.userRef}`)).toEqual(r);
    }
  });
});

describe('the story', () => {
  const launch = Date.parse(demo.org.launchDate);
  const nowMs = Date.parse(demo.now);

  it('puts the platform launch inside the history', () => {
    expect(launch).toBeGreaterThan(Date.parse(demo.from) + 90 * DAY);
    expect(launch).toBeLessThan(nowMs - 90 * DAY);
  });

  it('lead time for changes falls after the platform launch', () => {
    const prod = demo.deployments.filter(isProd);
    const before = median(leadTimes(prod, Date.parse(demo.from), launch))!;
    const after = median(leadTimes(prod, launch, nowMs))!;
    expect(after).toBeLessThan(before / 2);
  });

  it('deployments become more frequent after the launch', () => {
    const prod = demo.deployments.filter(isProd);
    const days = 90 * DAY;
    const inRange = (from: number) =>
      prod.filter(
        d =>
          Date.parse(d.finishedAt) >= from &&
          Date.parse(d.finishedAt) < from + days,
      ).length;
    expect(inRange(nowMs - days)).toBeGreaterThan(inRange(launch - days) * 1.3);
  });

  it('payments is elite: every service deploys daily, lead time under an hour, low failure rate', () => {
    const s = teamSummary(demo, 'payments');
    expect(s.leadTimeMedianHours!).toBeLessThan(1);
    expect(s.changeFailureRate!).toBeLessThanOrEqual(0.15);
    expect(s.timeToRestoreMedianHours!).toBeLessThan(1);
    const services = demo.org.components.filter(
      c => c.owner === 'payments' && c.type === 'service',
    );
    const prod = demo.deployments.filter(
      d => isProd(d) && Date.parse(d.finishedAt) >= nowMs - 90 * DAY,
    );
    for (const c of services.filter(x => x.sourceTemplate)) {
      const n = prod.filter(
        d => d.entityRef === `component:default/${c.name}`,
      ).length;
      expect(n / 90).toBeGreaterThanOrEqual(1);
    }
  });

  it('checkout deploys weekly (between once a week and once a day per service)', () => {
    const s = teamSummary(demo, 'checkout');
    const deployable = demo.org.components.filter(
      c => c.owner === 'checkout' && c.type !== 'library',
    );
    const perServicePerDay = s.deploysPerDay / deployable.length;
    expect(perServicePerDay).toBeGreaterThanOrEqual(1 / 7);
    expect(perServicePerDay).toBeLessThan(1);
  });

  it('logistics struggles: change failure rate above 30% and slow recovery', () => {
    const s = teamSummary(demo, 'logistics');
    expect(s.changeFailureRate!).toBeGreaterThan(0.3);
    expect(s.timeToRestoreMedianHours!).toBeGreaterThan(24);
    expect(s.leadTimeMedianHours!).toBeGreaterThan(24 * 7);
  });

  it('growth is still onboarding: formed recently, golden-path services reach production first, some not at all', () => {
    const team = demo.org.teams.find(t => t.name === 'growth')!;
    expect(Date.parse(team.formedAt!)).toBeGreaterThan(nowMs - 90 * DAY);
    const services = demo.org.components.filter(
      c => c.owner === 'growth' && c.type !== 'library',
    );
    const firstDeploy = (name: string) =>
      demo.deployments
        .filter(d => isProd(d) && d.entityRef === `component:default/${name}`)
        .map(d => Date.parse(d.finishedAt))
        .sort((a, b) => a - b)[0];
    const ttfd = (onPath: boolean) =>
      services
        .filter(
          c =>
            !!c.sourceTemplate === onPath && firstDeploy(c.name) !== undefined,
        )
        .map(c => firstDeploy(c.name) - Date.parse(c.createdAt!));
    expect(Math.max(...ttfd(true))).toBeLessThan(Math.min(...ttfd(false)));
    const stalled = services.filter(
      c =>
        firstDeploy(c.name) === undefined &&
        Date.parse(c.createdAt!) < nowMs - 30 * DAY,
    );
    expect(stalled.length).toBeGreaterThanOrEqual(1);
    // ...but the never-deployed service is busy on staging
    expect(
      demo.deployments.some(
        d =>
          d.entityRef === `component:default/${stalled[0].name}` &&
          d.environment === 'staging',
      ),
    ).toBe(true);
  });

  it('developer NPS climbs after the launch, and every team reaches the minimum group size', () => {
    const summaries = summarizeByTeam(demo);
    const org = demo.surveys.map(id => {
      const scores = demo.surveyResponses
        .filter(r => r.surveyId === id)
        .map(r => r.score);
      const promoters = scores.filter(s => s >= 9).length;
      const detractors = scores.filter(s => s <= 6).length;
      return (100 * (promoters - detractors)) / scores.length;
    });
    expect(org[3]).toBeGreaterThan(org[2]);
    expect(org[2]).toBeGreaterThan(org[1]);
    expect(org[3] - org[0]).toBeGreaterThan(40);
    const last = demo.surveys[demo.surveys.length - 1];
    for (const s of summaries) expect(s.nps[last].n).toBeGreaterThanOrEqual(5);
    expect(
      demo.surveyResponses.some(r => r.userRef === 'user:default/guest'),
    ).toBe(false);
  });

  it('writes comments a keyword categoriser can sort', () => {
    const comments = demo.surveyResponses.flatMap(r =>
      r.comment ? [r.comment.toLowerCase()] : [],
    );
    expect(comments.length).toBeGreaterThan(demo.surveyResponses.length * 0.4);
    // keyword rules like the backend's defaults: a keyword of up to three
    // letters must be a word of its own, a longer one may be part of a word
    const categories: Record<string, string[]> = {
      'ci speed': ['ci', 'build', 'pipeline', 'slow test', 'flaky', 'queue'],
      documentation: ['doc', 'readme', 'example', 'guide', 'undocumented'],
      environments: ['environment', 'staging', 'preview', 'sandbox', 'infra'],
      'on-call': ['on-call', 'oncall', 'incident', 'alert', 'pager'],
      onboarding: [
        'onboard',
        'getting started',
        'new joiner',
        'template',
        'scaffold',
      ],
    };
    const matches = (text: string, keyword: string) =>
      keyword.length <= 3
        ? new RegExp(`(^|[^a-z0-9])${keyword}([^a-z0-9]|$)`).test(text)
        : text.includes(keyword);
    for (const keywords of Object.values(categories)) {
      const n = comments.filter(c => keywords.some(k => matches(c, k))).length;
      expect(n).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('scales', () => {
  it('calibrates explicit sizes', () => {
    const events = generateEvents({
      seed: 7,
      now: NOW,
      scale: {
        entities: 300,
        teams: 30,
        deployments: 30_000,
        incidents: 1_500,
        responses: 2_000,
      },
    });
    expect(events.org.components).toHaveLength(300);
    // never overwrites the demo's records
    expect(events.deployments.every(d => d.source === 'demo-synthetic')).toBe(
      true,
    );
    expect(events.org.teams).toHaveLength(30);
    expect(Math.abs(events.deployments.length - 30_000)).toBeLessThan(
      30_000 * 0.05,
    );
    expect(Math.abs(events.incidents.length - 1_500)).toBeLessThan(1_500 * 0.1);
    expect(events.surveyResponses.length).toBeLessThanOrEqual(2_000);
    expect(events.surveyResponses.length).toBeGreaterThan(2_000 * 0.9);
    for (const batch of chunks(events.deployments.slice(0, 3000))) {
      expect(contractViolation('deployments', { deployments: batch })).toBeUndefined();
    }
  });

  it('names the quarters up to now', () => {
    expect(
      quartersUpTo(Date.parse('2026-01-01T00:00:00Z')).map(q => q.id),
    ).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
  });
});

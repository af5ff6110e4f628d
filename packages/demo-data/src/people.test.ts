import { parseAllDocuments } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import { contractViolation } from './__testUtils__/apiContract';
import { renderCatalogYaml } from './catalogYaml';
import { generateEvents, GeneratedDeployment, planEvents } from './events';
import { DEMO_EPOCH } from './org';
import { NEW_ENGINEERS, START_DATE_ANNOTATION, planAuthorship, startDateOf } from './people';
import { median } from './summary';

const DAY = 86_400_000;
const NOW = Date.parse(DEMO_EPOCH);
const demo = generateEvents({ seed: 1, now: DEMO_EPOCH });
const shipped = demo.deployments.filter(d => d.environment === 'production' && d.status === 'succeeded');
const users = new Map(demo.org.users.map(u => [u.name, u]));
/** How each user is named on changes: by ref on the platform team, else by email. */
const keyOf = (name: string) => {
  const u = users.get(name)!;
  return u.memberOf.includes('platform') ? `user:default/${u.name}` : u.email;
};
const startOf = (name: string) => Date.parse(`${startDateOf(demo.org, users.get(name)!)}T00:00:00Z`);

/**
 * The onboarding figures of metrics.md §6d for the engineers who started in
 * `[from, to)`, computed from the generated records as the backend would.
 */
function onboarding(from: number, to: number) {
  const days: number[] = [];
  let cohort = 0;
  let stalled = 0;
  for (const { name } of NEW_ENGINEERS) {
    const start = startOf(name);
    if (start < from || start >= to) continue;
    cohort++;
    const ends = shipped
      .filter(d => Date.parse(d.finishedAt) >= start && Date.parse(d.finishedAt) < to)
      .filter(d => d.changes.some(c => c.author === keyOf(name)))
      .map(d => Date.parse(d.finishedAt));
    const end = ends.length ? Math.min(...ends) : undefined;
    if (end !== undefined) days.push((end - start) / DAY);
    if (start <= to - 30 * DAY && (end === undefined || end > start + 30 * DAY)) stalled++;
  }
  return { median: median(days), n: days.length, cohort, stalled };
}

describe('the people of the demo (metrics.md §5, §6d)', () => {
  it('annotates the new engineers’ catalog Users with their start date, and only them', () => {
    const docs = parseAllDocuments(renderCatalogYaml(demo.org)['org.yaml']).map(d => d.toJSON() as Entity);
    const annotated = docs
      .filter(e => e.kind === 'User' && e.metadata.annotations?.[START_DATE_ANNOTATION])
      .map(e => [e.metadata.name, e.metadata.annotations![START_DATE_ANNOTATION]]);
    expect(annotated.map(([name]) => name).sort()).toEqual(NEW_ENGINEERS.map(e => e.name).sort());
    const jonas = annotated.find(([name]) => name === 'jonas.costa')!;
    expect(jonas[1]).toBe(new Date(NOW - 150 * DAY).toISOString().slice(0, 10));
    // every new engineer is a User of the demo, with the email their changes name
    for (const e of NEW_ENGINEERS) expect(users.get(e.name)?.email).toBe(`${e.name}@example.com`);
  });

  it('names a member of the owning team as the author of (nearly) every change, and who deployed', () => {
    const owners = new Map(demo.org.components.map(c => [`component:default/${c.name}`, c.owner]));
    const teamKeys = (team: string) =>
      new Set(demo.org.users.filter(u => u.memberOf.includes(team) && u.name !== 'guest').map(u => keyOf(u.name)));
    const changes = demo.deployments.flatMap(d => d.changes.map(c => ({ d, c })));
    const authored = changes.filter(({ c }) => c.author);
    expect(authored.length / changes.length).toBeGreaterThan(0.99);
    for (const { d, c } of authored.slice(0, 5000)) expect(teamKeys(owners.get(d.entityRef)!).has(c.author!)).toBe(true);
    // emails, and refs for the platform team
    expect(authored.some(({ c }) => c.author!.startsWith('user:default/'))).toBe(true);
    expect(authored.some(({ c }) => c.author!.endsWith('@example.com'))).toBe(true);
    const deployedBy = demo.deployments.filter(d => d.deployedBy);
    expect(deployedBy.length).toBeGreaterThan(shipped.length * 0.95);
    expect(deployedBy.every(d => d.environment === 'production' && d.status === 'succeeded' && d.deployedBy === d.changes[0].author)).toBe(true);
  });

  it('ships no change of a new engineer before their first, which comes at or after the start plus their onboarding days', () => {
    const plan = planEvents({ seed: 1, now: DEMO_EPOCH });
    const { firstShipped } = planAuthorship(plan.org, () => ({ entityRef: '', deployments: [], incidents: [] }));
    // nothing generated: nobody's first change is known
    expect(firstShipped.size).toBe(0);
    const firstOf = (name: string) => {
      const ends = shipped.filter(d => d.changes.some(c => c.author === keyOf(name))).map(d => Date.parse(d.finishedAt));
      return ends.length ? Math.min(...ends) : null;
    };
    // the stalled (and the just started) ship nothing
    expect(NEW_ENGINEERS.filter(e => e.onboardingDays === null).map(e => [e.name, firstOf(e.name)])).toEqual(
      NEW_ENGINEERS.filter(e => e.onboardingDays === null).map(e => [e.name, null]),
    );
    // the others: at or after the plan, and within a week of it (the team's next production deployment)
    const late = NEW_ENGINEERS.filter(e => e.onboardingDays !== null)
      .map(e => ({ name: e.name, days: (firstOf(e.name)! - startOf(e.name)) / DAY - e.onboardingDays! }))
      .filter(e => !(e.days >= 0 && e.days < 7));
    expect(late).toEqual([]);
  });

  it('onboards in about three days in the last quarter, from about a week before, with a couple stalled', () => {
    const last = onboarding(NOW - 90 * DAY, NOW);
    expect(last.cohort).toBeGreaterThanOrEqual(10);
    expect(last.n).toBeGreaterThanOrEqual(10);
    expect(last.median).toBeGreaterThanOrEqual(2);
    expect(last.median).toBeLessThanOrEqual(4);
    expect(last.stalled).toBe(2);
    const before = onboarding(NOW - 180 * DAY, NOW - 90 * DAY);
    expect(before.n).toBeGreaterThanOrEqual(5);
    expect(before.median!).toBeGreaterThan(last.median! * 1.5);
  });

  it('took about two weeks to onboard before the platform launched, so the year has a trend', () => {
    const launch = Date.parse(demo.org.launchDate);
    const early = onboarding(NOW - 365 * DAY, launch);
    expect(early.cohort).toBe(15);
    expect(early.median).toBeGreaterThanOrEqual(12);
    expect(early.median).toBeLessThanOrEqual(18);
    // the one who stalled; the other started less than 30 days before the launch
    expect(early.stalled).toBe(1);
  });

  it('has at least five who shipped in every 90-day cohort ending at a month’s end of the year (none withheld)', () => {
    for (let end = Date.parse('2026-03-01T00:00:00Z'); end <= NOW; end = Date.UTC(new Date(end).getUTCFullYear(), new Date(end).getUTCMonth() + 1, 1)) {
      const cohort = onboarding(end - 90 * DAY, end);
      expect([new Date(end).toISOString().slice(0, 10), cohort.n >= 5]).toEqual([new Date(end).toISOString().slice(0, 10), true]);
    }
  });

  it('sends authors and deployedBy the backend accepts', () => {
    const sample: GeneratedDeployment[] = shipped.filter(d => d.deployedBy).slice(0, 200);
    expect(contractViolation('deployments', { deployments: sample })).toBeUndefined();
  });
});

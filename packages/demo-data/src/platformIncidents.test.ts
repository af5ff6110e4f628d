import { contractViolation } from './__testUtils__/apiContract';
import { generateEvents, GeneratedIncident, planEvents } from './events';
import { loadableFromPlan } from './load';
import { DEMO_EPOCH } from './org';
import { PLATFORM_OUTAGES, platformOutageEvents, reportedDevelopers } from './platformIncidents';
import { PLATFORM_TEAM } from './platformCatalog';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const demo = generateEvents({ seed: 1, now: DEMO_EPOCH });
const launch = Date.parse(demo.org.launchDate);
const hours = (i: GeneratedIncident) => (Date.parse(i.resolvedAt!) - Date.parse(i.openedAt)) / HOUR;

/** The demo's incidents on entities the platform team owns: its components and its resources. */
const platformRefs = new Set([
  ...demo.org.components.filter(c => c.owner === PLATFORM_TEAM).map(c => `component:default/${c.name}`),
  ...demo.org.resources.filter(r => r.owner === PLATFORM_TEAM).map(r => `resource:default/${r.name}`),
]);
const platformIncidents = demo.incidents.filter(i => platformRefs.has(i.entityRef));

describe('the demo’s platform incidents', () => {
  it('are outages of the platform’s resources over the year, sent as POST /incidents accepts them', () => {
    const outages = demo.incidents.filter(i => i.entityRef.startsWith('resource:'));
    expect(outages.length).toBeGreaterThanOrEqual(8);
    expect(new Set(outages.map(i => i.entityRef))).toEqual(
      new Set(['resource:default/ci-runner-pool', 'resource:default/artifact-registry', 'resource:default/production-cluster']),
    );
    for (const i of outages) {
      expect(Date.parse(i.openedAt)).toBeGreaterThanOrEqual(Date.parse(demo.from));
      expect(Date.parse(i.resolvedAt!)).toBeLessThan(Date.parse(demo.now));
    }
    expect(contractViolation('incidents', { incidents: platformIncidents })).toBeUndefined();
    expect(new Set(demo.incidents.map(i => `${i.source} ${i.id}`)).size).toBe(demo.incidents.length);
  });

  it('tell the story: long outages before the launch, rarer and shorter ones after it', () => {
    const outages = demo.incidents.filter(i => i.entityRef.startsWith('resource:'));
    const before = outages.filter(i => Date.parse(i.openedAt) < launch);
    const after = outages.filter(i => Date.parse(i.openedAt) >= launch);
    const total = (list: GeneratedIncident[]) => list.reduce((sum, i) => sum + hours(i), 0);
    expect(before.length).toBeGreaterThan(after.length);
    expect(total(before) / before.length).toBeGreaterThan(3 * (total(after) / after.length));
    // the platform's own components' incidents too: down for less after the launch
    const components = platformIncidents.filter(i => i.entityRef.startsWith('component:') && i.resolvedAt && !i.affectedDevelopers);
    const median = (list: GeneratedIncident[]) => list.map(hours).sort((a, b) => a - b)[Math.floor(list.length / 2)];
    expect(median(components.filter(i => Date.parse(i.openedAt) < launch))).toBeGreaterThan(
      median(components.filter(i => Date.parse(i.openedAt) >= launch)),
    );
  });

  it('carry the incident tool’s count of affected developers for a few, the catalog counts the rest', () => {
    const named = platformIncidents.filter(i => i.affectedDevelopers !== undefined);
    expect(named.length).toBeGreaterThanOrEqual(4);
    expect(named.length).toBeLessThan(platformIncidents.length / 5);
    // a degradation with a workaround: nobody blocked
    expect(named.some(i => i.affectedDevelopers === 0)).toBe(true);
    expect(named.filter(i => i.entityRef.startsWith('resource:')).map(i => i.id).sort()).toEqual(
      PLATFORM_OUTAGES.filter(o => o.affectedDevelopers !== undefined)
        .map(o => `platform-${o.slug}`)
        .filter(id => demo.incidents.some(i => i.id === id))
        .sort(),
    );
    // only the platform's incidents say so
    expect(demo.incidents.filter(i => i.affectedDevelopers !== undefined && !platformRefs.has(i.entityRef))).toEqual([]);
    for (const id of ['a', 'b', 'inc-x-20260101-ops']) {
      expect(reportedDevelopers(id)).toBeGreaterThanOrEqual(2);
      expect(reportedDevelopers(id)).toBeLessThanOrEqual(8);
    }
  });

  it('are the same whichever day they are generated, one still going is open', () => {
    const last = PLATFORM_OUTAGES[PLATFORM_OUTAGES.length - 1];
    const opened = launch + last.daysFromLaunch * DAY + last.hourUtc * HOUR;
    const during = platformOutageEvents(demo.org, { source: 'demo', fromMs: opened - 365 * DAY, nowMs: opened + 60_000 });
    const incident = during.flatMap(e => e.incidents).find(i => i.id === `platform-${last.slug}`)!;
    expect(incident.resolvedAt).toBeUndefined();
    const later = platformOutageEvents(demo.org, { source: 'demo', fromMs: opened - 300 * DAY, nowMs: opened + DAY });
    expect(later.flatMap(e => e.incidents).find(i => i.id === incident.id)).toEqual({
      ...incident,
      resolvedAt: new Date(opened + last.hours * HOUR).toISOString(),
    });
  });

  it('are loaded by the seed through POST /incidents with the rest', () => {
    const loadable = loadableFromPlan(planEvents({ seed: 1, now: DEMO_EPOCH }));
    const sent = [...loadable.incidents];
    expect(loadable.totals?.incidents).toBe(demo.incidents.length);
    expect(sent.filter(i => i.entityRef.startsWith('resource:')).map(i => i.id)).toEqual(
      demo.incidents.filter(i => i.entityRef.startsWith('resource:')).map(i => i.id),
    );
  });
});

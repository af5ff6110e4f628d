import { IncidentRow } from '../database/EventStore';
import { makeWindow } from '../lib/time';
import {
  ImpactCatalog,
  affectedOwners,
  affectedUsers,
  dependentsIndex,
  dependentsWithin,
  platformIncidentImpact,
  rateIncident,
} from './incidentImpact';

const c = (name: string) => `component:default/${name}`;
const r = (name: string) => `resource:default/${name}`;
const g = (name: string) => `group:default/${name}`;
const u = (name: string) => `user:default/${name}`;
const edge = (entityRef: string, dependsOnRef: string) => ({ entityRef, dependsOnRef });
const HOUR = 3_600_000;

/*
 * cluster <- registry <- ci-runner <- checkout (team-a) <- storefront (team-b) <- mobile (team-c)
 *                              ^------ payments (team-b)
 * a cycle: loop-a <-> loop-b, both depending on the cluster
 */
const EDGES = [
  edge(r('registry'), r('cluster')),
  edge(c('ci-runner'), r('registry')),
  edge(c('checkout'), c('ci-runner')),
  edge(c('payments'), c('ci-runner')),
  edge(c('storefront'), c('checkout')),
  edge(c('mobile'), c('storefront')),
  edge(c('loop-a'), c('loop-b')),
  edge(c('loop-b'), c('loop-a')),
  edge(c('loop-a'), r('cluster')),
];
const OWNERS = new Map<string, string | null>([
  [c('ci-runner'), g('platform')],
  [c('checkout'), g('team-a')],
  [c('payments'), g('team-b')],
  [c('storefront'), g('team-b')],
  [c('mobile'), g('team-c')],
  [c('loop-a'), g('team-a')],
  [c('loop-b'), u('solo')],
]);
const catalog = (depth: number): ImpactCatalog => ({ dependents: dependentsIndex(EDGES), ownerOf: OWNERS, depth });

describe('dependentsWithin', () => {
  const dependents = dependentsIndex(EDGES);

  it('walks the reversed dependsOn edges hop by hop, up to the depth', () => {
    expect([...dependentsWithin(r('registry'), dependents, 1)]).toEqual([c('ci-runner')]);
    expect([...dependentsWithin(r('registry'), dependents, 2)].sort()).toEqual([c('checkout'), c('ci-runner'), c('payments')]);
    expect([...dependentsWithin(r('registry'), dependents, 3)].sort()).toEqual([
      c('checkout'),
      c('ci-runner'),
      c('payments'),
      c('storefront'),
    ]);
    // transitively to the end of the chain
    expect(dependentsWithin(r('cluster'), dependents, 10)).toEqual(
      new Set([r('registry'), c('loop-a'), c('ci-runner'), c('loop-b'), c('checkout'), c('payments'), c('storefront'), c('mobile')]),
    );
  });

  it('ends at a cycle and never counts the entity itself', () => {
    expect(dependentsWithin(c('loop-a'), dependents, 10)).toEqual(new Set([c('loop-b')]));
    expect(dependentsWithin(c('loop-b'), dependents, 10)).toEqual(new Set([c('loop-a')]));
  });

  it('finds none for an entity nothing depends on', () => {
    expect(dependentsWithin(c('mobile'), dependents, 3).size).toBe(0);
    expect(dependentsWithin(c('unknown'), dependents, 3).size).toBe(0);
  });
});

describe('affectedOwners and affectedUsers', () => {
  it('takes the owners of the components among the dependents, not of resources, to the depth', () => {
    expect(affectedOwners(r('cluster'), catalog(1))).toEqual(new Set([g('team-a')]));
    // hop 2: the registry's dependents (resources pass the dependency on)
    expect(affectedOwners(r('cluster'), catalog(2))).toEqual(new Set([g('team-a'), g('platform'), u('solo')]));
    expect(affectedOwners(r('cluster'), catalog(5))).toEqual(new Set([g('team-a'), g('platform'), u('solo'), g('team-b'), g('team-c')]));
    // a depth cut-off: mobile (team-c) is 5 hops from the cluster
    expect(affectedOwners(r('cluster'), catalog(4)).has(g('team-c'))).toBe(false);
  });

  it('counts a developer in two affected groups once, an owning user as one, and leaves out the excluded', () => {
    const members = new Map([
      [g('team-a'), [u('ann'), u('both')]],
      [g('team-b'), [u('bea'), u('both')]],
      [g('platform'), [u('pat'), u('ann')]],
    ]);
    expect(affectedUsers([g('team-a'), g('team-b'), u('solo'), g('empty')], members, new Set())).toEqual(
      new Set([u('ann'), u('both'), u('bea'), u('solo')]),
    );
    // the platform owners' members are not affected developers, even when also in an affected team
    expect(affectedUsers([g('team-a'), g('platform')], members, new Set(members.get(g('platform'))))).toEqual(new Set([u('both')]));
  });
});

const incident = (id: string, openedAt: string, resolvedAfterHours: number | null, over: Partial<IncidentRow> = {}): IncidentRow => ({
  source: 'pagerduty',
  id,
  entityRef: r('registry'),
  openedAt: Date.parse(openedAt),
  resolvedAt: resolvedAfterHours === null ? null : Date.parse(openedAt) + resolvedAfterHours * HOUR,
  severity: 'sev2',
  causedBy: null,
  affectedDevelopers: null,
  ...over,
});

describe('rateIncident', () => {
  it('multiplies the duration in hours by the incident’s own count, else the catalog’s', () => {
    const counted = rateIncident(incident('a', '2026-03-02T10:00:00Z', 1.5), () => 20);
    expect(counted).toEqual({
      id: 'a',
      source: 'pagerduty',
      entityRef: r('registry'),
      severity: 'sev2',
      openedAt: '2026-03-02T10:00:00.000Z',
      resolvedAt: '2026-03-02T11:30:00.000Z',
      durationSeconds: 5400,
      affectedDevelopers: 20,
      affectedFrom: 'catalog',
      developerHours: 30,
    });
    const named = rateIncident(incident('b', '2026-03-02T10:00:00Z', 2, { affectedDevelopers: 7 }), () => 20);
    expect(named).toMatchObject({ affectedDevelopers: 7, affectedFrom: 'incident', developerHours: 14 });
  });

  it('takes an incident’s 0 affected developers as said, not as unknown', () => {
    const rated = rateIncident(incident('z', '2026-03-02T10:00:00Z', 3, { affectedDevelopers: 0 }), () => 50);
    expect(rated).toMatchObject({ affectedDevelopers: 0, affectedFrom: 'incident', developerHours: 0 });
  });
});

describe('platformIncidentImpact', () => {
  // 2026-03-16 back 28 days: 2026-02-16 .. 2026-03-16, in Q1 only
  const window = makeWindow(28, '2026-03-16T00:00:00Z');

  it('sums the incidents resolved in the window, per week, and lists them costliest first', () => {
    const incidents = [
      incident('big', '2026-03-02T08:00:00Z', 4),
      incident('named', '2026-03-03T08:00:00Z', 1, { affectedDevelopers: 100 }),
      incident('small', '2026-02-17T08:00:00Z', 0.5),
      incident('free', '2026-02-18T08:00:00Z', 2, { entityRef: c('ci-runner') }),
    ];
    const counts = new Map([[r('registry'), 40]]);
    const report = platformIncidentImpact(incidents, window, ref => counts.get(ref) ?? 0);
    expect(report).toMatchObject({ incidents: 4, affectedFromIncident: 1, totalDeveloperHours: 160 + 100 + 20, open: 0 });
    expect(report.rated.map(i => [i.id, i.developerHours])).toEqual([
      ['big', 160],
      ['named', 100],
      ['small', 20],
      ['free', 0],
    ]);
    expect(report.quarters).toEqual([
      { quarter: '2026-Q1', from: '2026-02-16T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z', incidents: 4, developerHours: 280 },
    ]);
    expect(report.trend.map(w => [w.weekStart.slice(0, 10), w.incidents, w.developerHours])).toEqual([
      ['2026-02-16', 2, 20],
      ['2026-02-23', 0, 0],
      ['2026-03-02', 2, 260],
      ['2026-03-09', 0, 0],
    ]);
  });

  it('leaves out unresolved incidents and those resolved outside the window, one resolved exactly at `to` too', () => {
    const incidents = [
      incident('open', '2026-03-10T00:00:00Z', null),
      incident('resolved-later', '2026-03-15T20:00:00Z', 10),
      incident('at-to', '2026-03-15T22:00:00Z', 2),
      incident('before', '2026-01-10T00:00:00Z', 2),
      incident('at-from', '2026-02-15T23:00:00Z', 1),
    ];
    const report = platformIncidentImpact(incidents, window, () => 10);
    expect(report.rated.map(i => i.id)).toEqual(['at-from']);
    expect(report.incidents).toBe(1);
    // open at `to`: still open, resolved after it, resolved exactly at it
    expect(report.open).toBe(3);
  });

  it('splits a window across calendar quarters, clipped to the window, empty ones too', () => {
    const long = makeWindow(120, '2026-05-01T00:00:00Z'); // 2026-01-01 .. 2026-05-01
    const report = platformIncidentImpact(
      [incident('q1', '2026-03-31T23:00:00Z', 0.5), incident('q2', '2026-03-31T23:30:00Z', 1)],
      long,
      () => 6,
    );
    expect(report.quarters).toEqual([
      { quarter: '2026-Q1', from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', incidents: 1, developerHours: 3 },
      { quarter: '2026-Q2', from: '2026-04-01T00:00:00.000Z', to: '2026-05-01T00:00:00.000Z', incidents: 1, developerHours: 6 },
    ]);
    const empty = platformIncidentImpact([], long, () => 6);
    expect(empty.quarters.map(q => [q.quarter, q.incidents])).toEqual([
      ['2026-Q1', 0],
      ['2026-Q2', 0],
    ]);
    expect(empty).toMatchObject({ incidents: 0, totalDeveloperHours: 0, open: 0, rated: [] });
  });

  it('orders equal costs by the latest resolved, then by source and id', () => {
    const report = platformIncidentImpact(
      [
        incident('b', '2026-03-01T00:00:00Z', 1),
        incident('a', '2026-03-01T00:00:00Z', 1),
        incident('later', '2026-03-05T00:00:00Z', 1),
      ],
      window,
      () => 3,
    );
    expect(report.rated.map(i => i.id)).toEqual(['later', 'a', 'b']);
  });
});

import { OrgSummary, TeamSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { adoptionRate, countAdoption } from '../catalog/adoption';
import { AdoptionCounts, EntityRow } from '../database/CatalogStore';
import { groupBy } from '../lib/collections';
import { Window, windowJson } from '../lib/time';
import { DoraSettings, EntityFacts, summarise, tierDistribution, weeklyTrend } from './dora';
import { PublishedNps, orgNpsOf, teamNpsOf } from './nps';
import { SummaryScope, inScope, npsScopeOf } from './scope';
import { ttfdByTemplate, ttfdCohort } from './ttfd';

/** What an org or team summary is built from, read once per window. */
export interface SummaryInput {
  entities: EntityRow[];
  facts: Map<string, EntityFacts>;
  firsts: Map<string, number>;
  installedAt: number | undefined;
  /** The survey publications the NPS of the org and of every group are read from. */
  nps: PublishedNps;
}

export interface SummarySettings extends DoraSettings {
  benchmark: string;
}

const byRef = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => a.localeCompare(b));

/**
 * The scope's adoption at the window's end (metrics.md §6): the catalog now
 * for a window that has not ended; for one in the past, the last daily
 * snapshot before its end (measured or imported), or a null rate with the
 * reason when there is none.
 */
function adoptionAsOf(
  window: Window,
  now: number,
  entities: EntityRow[],
  trend: Array<{ day: string } & AdoptionCounts>,
): AdoptionCounts & { rate: number | null; asOf?: string; reason?: string } {
  if (window.to >= now) {
    const counts = countAdoption(entities.map(e => e.adoptionStatus));
    return { rate: adoptionRate(counts), ...counts };
  }
  const last = trend.reduce<({ day: string } & AdoptionCounts) | undefined>((a, b) => (!a || b.day > a.day ? b : a), undefined);
  if (!last) {
    return { rate: null, adopted: 0, eligible: 0, exceptions: 0, reason: 'no adoption snapshot in the window before `to`' };
  }
  const { adopted, eligible, exceptions } = last;
  return { rate: adoptionRate(last), adopted, eligible, exceptions, asOf: last.day };
}

/** Adoption per system of the entities in scope. */
function adoptionBySystem(entities: EntityRow[]) {
  return byRef(groupBy(entities, e => e.systemRef)).map(([systemRef, members]) => {
    const counts = countAdoption(members.map(e => e.adoptionStatus));
    return { systemRef, rate: adoptionRate(counts), ...counts };
  });
}

/**
 * The org summary, or one group's, system's or domain's (its entities only), of a window: pooled
 * DORA metrics with the tier distribution, adoption with its trend and per
 * system, the time-to-first-deploy cohort (and per software template), NPS (from the survey publications
 * only) and one row per owner group.
 */
export function buildOrgSummary(args: {
  window: Window;
  scope: SummaryScope;
  input: SummaryInput;
  adoptionTrend: Array<{ day: string } & AdoptionCounts>;
  settings: SummarySettings;
  computedAt: number;
}): OrgSummary {
  const { window, scope, input, adoptionTrend, settings } = args;
  const entities = input.entities.filter(e => inScope(scope, e));

  const factsOf = (e: EntityRow): EntityFacts =>
    input.facts.get(e.entityRef) ?? { entityRef: e.entityRef, days: [], open: 0 };
  const scoped = entities.map(factsOf);
  // each entity's overall tier, computed once for the org and its teams
  const overall = new Map(scoped.map(f => [f.entityRef, summarise([f], window, settings).overallTier]));
  const adoption = adoptionAsOf(window, args.computedAt, entities, adoptionTrend);

  const teams: TeamSummary[] = byRef(groupBy(entities, e => e.ownerRef)).map(([groupRef, owned]) => {
    const f = owned.map(factsOf);
    const counts = countAdoption(owned.map(e => e.adoptionStatus));
    return {
      groupRef,
      entities: owned.length,
      dora: {
        ...summarise(f, window, settings),
        tierDistribution: tierDistribution(f.map(x => overall.get(x.entityRef)!)),
      },
      adoption: { rate: adoptionRate(counts), adopted: counts.adopted, eligible: counts.eligible },
      // withheld unless a publication released this reporting group (metrics.md §8a)
      nps: teamNpsOf(input.nps, groupRef),
    };
  });

  return {
    window: windowJson(window),
    computedAt: new Date(args.computedAt).toISOString(),
    benchmark: settings.benchmark,
    minSamples: settings.minSamples,
    scope: { type: scope.type, ref: scope.ref },
    group: scope.type === 'group' ? scope.ref : null,
    dora: { ...summarise(scoped, window, settings), tierDistribution: tierDistribution([...overall.values()]) },
    adoption: {
      ...adoption,
      trend: adoptionTrend.map(s => ({ date: s.day, rate: adoptionRate(s) })),
      bySystem: adoptionBySystem(entities),
    },
    timeToFirstDeploy: ttfdCohort(entities, input.firsts, input.installedAt, window),
    templates: ttfdByTemplate(entities, input.firsts, input.installedAt, window),
    nps: orgNpsOf(input.nps, npsScopeOf(scope)),
    trend: weeklyTrend(scoped, window),
    teams,
  };
}

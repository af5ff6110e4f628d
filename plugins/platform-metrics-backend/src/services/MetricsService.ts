import {
  DeploymentSummary,
  EntityScorecard,
  MetricWindow,
  OrgSummary,
  TeamSummary,
  computeNps,
  median,
  npsBand,
} from '@platform-metrics/plugin-platform-metrics-common';
import { EntityRow, MetricsStore } from '../database/MetricsStore';
import { PlatformMetricsOptions } from '../options';
import { adoptionRate, countAdoption } from './adoption';
import {
  EntityFacts,
  Window,
  byEntity,
  entityFacts,
  summarise,
  tierDistribution,
  weeklyTrend,
} from './dora';
import { surveyIdAt } from './surveys';

const DAY = 86_400_000;
const RECENT = 20;

export function makeWindow(windowDays: number, to?: string, now = Date.now()): Window {
  const end = to ? Date.parse(to) : now;
  return { from: end - windowDays * DAY, to: end, days: windowDays };
}

function windowJson(w: Window): MetricWindow {
  return {
    from: new Date(w.from).toISOString(),
    to: new Date(w.to).toISOString(),
    days: w.days,
  };
}

const iso = (t: number | null | undefined) =>
  t === null || t === undefined ? null : new Date(t).toISOString();

/**
 * createdAt of metrics.md §7: the annotation, else the first sighting when it
 * came after the suite was installed; otherwise unknown. A first sighting is
 * not taken when a production deployment predates it: the entity existed
 * before the suite saw it, so its creation time is unknown, never a guess.
 */
export function createdAtOf(
  entity: EntityRow,
  installedAt: number | undefined,
  firstDeployAt: number | undefined,
): number | null {
  if (entity.annotatedCreatedAt !== null && Number.isFinite(entity.annotatedCreatedAt)) {
    return entity.annotatedCreatedAt;
  }
  if (
    installedAt !== undefined &&
    entity.firstSeenAt > installedAt &&
    (firstDeployAt === undefined || firstDeployAt >= entity.firstSeenAt)
  ) {
    return entity.firstSeenAt;
  }
  return null;
}

/** Computes scorecards and org summaries from the store. */
export class MetricsService {
  constructor(
    private readonly store: MetricsStore,
    private readonly options: PlatformMetricsOptions,
  ) {}

  private get settings() {
    return {
      profile: this.options.profile,
      minSamples: this.options.minSamples,
      incidentAttribution: this.options.incidentAttribution,
    };
  }

  private async facts(window: Window, entityRefs?: string[]): Promise<Map<string, EntityFacts>> {
    const envs = this.options.productionEnvironments;
    const scope = { entityRefs, from: window.from, to: window.to };
    const [deployments, firstChanges, incidents] = await Promise.all([
      this.store.listDeployments({ ...scope, productionEnvironments: envs }),
      this.store.listFirstChanges({ ...scope, productionEnvironments: envs }),
      this.store.listIncidents(scope),
    ]);
    const d = byEntity(deployments);
    const c = byEntity(firstChanges);
    const i = byEntity(incidents);
    const refs = entityRefs ?? [...new Set([...d.keys(), ...c.keys(), ...i.keys()])];
    const result = new Map<string, EntityFacts>();
    for (const ref of refs) {
      result.set(
        ref,
        entityFacts(
          ref,
          { deployments: d.get(ref) ?? [], firstChanges: c.get(ref) ?? [], incidents: i.get(ref) ?? [] },
          window,
          this.settings,
        ),
      );
    }
    return result;
  }

  async getScorecard(entityRef: string, window: Window): Promise<EntityScorecard> {
    const [facts, entity, installedAt, firsts, recentDeployments, recentIncidents] =
      await Promise.all([
        this.facts(window, [entityRef]),
        this.store.getEntity(entityRef),
        this.store.getMeta('installed_at'),
        this.store.firstDeployments({
          entityRefs: [entityRef],
          to: window.to,
          productionEnvironments: this.options.productionEnvironments,
        }),
        this.store.listRecentDeployments(entityRef, window.to, RECENT),
        this.store.listRecentIncidents(entityRef, window.to, RECENT),
      ]);
    const own = facts.get(entityRef)!;
    const failed = new Set(own.deployments.filter(d => d.failed).map(d => d.id));
    const firstDeployAt = firsts.get(entityRef) ?? null;
    const createdAt = entity
      ? createdAtOf(entity, installedAt ? Number(installedAt) : undefined, firstDeployAt ?? undefined)
      : null;

    return {
      entityRef,
      window: windowJson(window),
      benchmark: this.options.benchmark,
      minSamples: this.options.minSamples,
      dora: summarise([own], window, this.settings),
      adoption: entity
        ? { status: entity.adoptionStatus, reason: entity.adoptionReason }
        : { status: 'not-eligible', reason: 'Not (yet) seen in the catalog' },
      timeToFirstDeploy: {
        seconds:
          createdAt !== null && firstDeployAt !== null
            ? Math.max(0, (firstDeployAt - createdAt) / 1000)
            : null,
        createdAt: iso(createdAt),
        firstDeployAt: iso(firstDeployAt),
      },
      trend: weeklyTrend([own], window),
      recentDeployments: recentDeployments.map(
        (d): DeploymentSummary => ({
          id: d.id,
          source: d.source,
          environment: d.environment,
          status: d.status,
          type: d.type,
          version: d.version,
          finishedAt: new Date(d.finishedAt).toISOString(),
          changes: d.changeCount,
          causedFailure: failed.has(d.id),
        }),
      ),
      recentIncidents: recentIncidents.map(i => ({
        id: i.id,
        source: i.source,
        severity: i.severity,
        openedAt: new Date(i.openedAt).toISOString(),
        resolvedAt: iso(i.resolvedAt),
        causedBy: i.causedBy,
      })),
    };
  }

  async getOrgSummary(window: Window, group?: string): Promise<OrgSummary> {
    const all = await this.store.listEntities({ kind: 'component' });
    const entities = group ? all.filter(e => e.ownerRef === group) : all;
    const refs = entities.map(e => e.entityRef);
    const installedAt = await this.store.getMeta('installed_at');

    const [facts, firsts, adoptionTrend, nps] = await Promise.all([
      // org-wide: read everything and keep catalog entities; per group: only its entities
      this.facts(window, group ? refs : undefined),
      this.store.firstDeployments({
        entityRefs: group ? refs : undefined,
        to: window.to,
        productionEnvironments: this.options.productionEnvironments,
      }),
      this.store.listAdoptionSnapshots({
        scopeType: group ? 'group' : 'org',
        scopeRef: group ?? 'org',
        fromDay: new Date(window.from).toISOString().slice(0, 10),
        toDay: new Date(window.to - 1).toISOString().slice(0, 10),
      }),
      this.nps(window, group),
    ]);

    const factsOf = (e: EntityRow): EntityFacts =>
      facts.get(e.entityRef) ?? {
        entityRef: e.entityRef,
        deployments: [],
        leadTimes: [],
        restores: [],
        open: 0,
      };
    const scoped = entities.map(factsOf);
    // each entity's overall tier, computed once for the org and its teams
    const overall = new Map(
      scoped.map(f => [f.entityRef, summarise([f], window, this.settings).overallTier]),
    );
    const dora = {
      ...summarise(scoped, window, this.settings),
      tierDistribution: tierDistribution([...overall.values()]),
    };
    const adoption = countAdoption(entities.map(e => e.adoptionStatus));

    // Time to first deploy of the cohort created in the window (metrics.md §7)
    const ttfd: number[] = [];
    let cohort = 0;
    let stalled = 0;
    for (const e of entities) {
      const first = firsts.get(e.entityRef);
      const createdAt = createdAtOf(e, installedAt ? Number(installedAt) : undefined, first);
      if (createdAt === null || createdAt < window.from || createdAt >= window.to) continue;
      cohort++;
      if (first !== undefined) ttfd.push(Math.max(0, (first - createdAt) / 1000));
      if (createdAt <= window.to - 30 * DAY && (first === undefined || first > createdAt + 30 * DAY)) {
        stalled++;
      }
    }

    // Teams: one row per owner group
    const owners = new Map<string, EntityRow[]>();
    for (const e of entities) {
      if (!e.ownerRef) continue;
      const list = owners.get(e.ownerRef);
      if (list) list.push(e);
      else owners.set(e.ownerRef, [e]);
    }
    const teams: TeamSummary[] = [...owners.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([groupRef, owned]) => {
        const f = owned.map(factsOf);
        const counts = countAdoption(owned.map(e => e.adoptionStatus));
        const teamNps = nps.groups.get(groupRef) ?? { score: null, n: 0 };
        return {
          groupRef,
          entities: owned.length,
          dora: {
            ...summarise(f, window, this.settings),
            tierDistribution: tierDistribution(f.map(x => overall.get(x.entityRef)!)),
          },
          adoption: { rate: adoptionRate(counts), adopted: counts.adopted, eligible: counts.eligible },
          nps:
            teamNps.n >= this.options.survey.minGroupSize
              ? { score: teamNps.score, n: teamNps.n, reason: null }
              : {
                  score: null,
                  n: teamNps.n,
                  reason: `fewer than ${this.options.survey.minGroupSize} responses`,
                },
        };
      });

    return {
      window: windowJson(window),
      benchmark: this.options.benchmark,
      minSamples: this.options.minSamples,
      group: group ?? null,
      dora,
      adoption: {
        rate: adoptionRate(adoption),
        ...adoption,
        trend: adoptionTrend.map(s => ({ date: s.day, rate: adoptionRate(s) })),
        bySystem: this.adoptionBySystem(entities),
      },
      timeToFirstDeploy: { median: median(ttfd), n: ttfd.length, stalled },
      nps: nps.org,
      trend: weeklyTrend(scoped, window),
      teams,
    };
  }

  private adoptionBySystem(entities: EntityRow[]) {
    const systems = new Map<string, EntityRow['adoptionStatus'][]>();
    for (const e of entities) {
      if (!e.systemRef) continue;
      const list = systems.get(e.systemRef);
      if (list) list.push(e.adoptionStatus);
      else systems.set(e.systemRef, [e.adoptionStatus]);
    }
    return [...systems.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([systemRef, statuses]) => {
        const counts = countAdoption(statuses);
        return { systemRef, rate: adoptionRate(counts), ...counts };
      });
  }

  /**
   * NPS of the survey running at the end of the window (org-wide or of one
   * group), its trend over the surveys before it, and per-group scores.
   */
  private async nps(window: Window, group?: string) {
    const current = surveyIdAt(window.to - 1, this.options.survey.cadence);
    const responses = (
      await this.store.listSurveyResponses({ submittedBefore: window.to })
    ).filter(r => r.surveyId <= current && (!group || r.groups.includes(group)));
    const bySurvey = new Map<string, number[]>();
    for (const r of responses) {
      const list = bySurvey.get(r.surveyId) ?? [];
      list.push(r.score);
      bySurvey.set(r.surveyId, list);
    }
    const currentNps = computeNps(bySurvey.get(current) ?? []);
    const groups = new Map<string, number[]>();
    for (const r of responses) {
      if (r.surveyId !== current) continue;
      for (const g of r.groups) {
        const list = groups.get(g) ?? [];
        list.push(r.score);
        groups.set(g, list);
      }
    }
    return {
      org: {
        surveyId: current,
        ...currentNps,
        band: npsBand(currentNps.score),
        trend: [...bySurvey.keys()].sort().map(surveyId => {
          const r = computeNps(bySurvey.get(surveyId)!);
          return { surveyId, score: r.score, n: r.n };
        }),
      },
      groups: new Map([...groups.entries()].map(([g, scores]) => [g, computeNps(scores)])),
    };
  }
}

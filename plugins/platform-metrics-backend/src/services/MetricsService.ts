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
import {
  AdoptionCounts,
  EntityRow,
  MetricsStore,
  SummaryRow,
  SurveyResponseRow,
  SurveyScoreCount,
} from '../database/MetricsStore';
import { PlatformMetricsOptions } from '../options';
import { adoptionRate, countAdoption } from './adoption';
import {
  DAY,
  EntityFacts,
  Window,
  summarise,
  tierDistribution,
  weeklyTrend,
} from './dora';
import { Rollups } from './Rollups';
import { surveyIdAt } from './surveys';

const RECENT = 20;

/**
 * The window of `windowDays` whole UTC days ending at `to` (or now), rounded
 * up to the next UTC midnight: every replica and every precomputed summary
 * agree on it, and the day rollups answer it exactly.
 */
export function makeWindow(windowDays: number, to?: string, now = Date.now()): Window {
  const end = Math.ceil((to ? Date.parse(to) : now) / DAY) * DAY;
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

/** What an org or team summary is built from, read once per window. */
interface SummaryInput {
  entities: EntityRow[];
  facts: Map<string, EntityFacts>;
  firsts: Map<string, number>;
  installedAt: number | undefined;
  /** The survey answers behind the NPS of the org or of a group. */
  nps: (group?: string) => NpsInput;
}

/** The NPS of a scope is computed from these (see `npsOf`). */
interface NpsInput {
  /** The survey running at the end of the window. */
  current: string;
  /** Answers per survey and score, up to the current survey. */
  counts: SurveyScoreCount[];
  /** The current survey's answers, with their groups. */
  currentRows: SurveyResponseRow[];
}

/**
 * Computes scorecards and org summaries from the day rollups. Reads first
 * recompute the rollups of any dirty entity in their scope, so an answer
 * always includes every event ingested before it was asked for; the
 * summaries of the current windows are precomputed by the rollup job and
 * served while fresh.
 */
export class MetricsService {
  constructor(
    private readonly store: MetricsStore,
    private readonly options: PlatformMetricsOptions,
    private readonly rollups: Rollups,
    private readonly clock: () => number = Date.now,
  ) {}

  private get settings() {
    return {
      profile: this.options.profile,
      minSamples: this.options.minSamples,
      incidentAttribution: this.options.incidentAttribution,
    };
  }

  /** The current window of `windowDays` (ending at the next UTC midnight). */
  currentWindow(windowDays: number): Window {
    return makeWindow(windowDays, undefined, this.clock());
  }

  /** The facts of the window from the rollups (refresh dirty entities first). */
  private async facts(window: Window, entityRefs?: string[]): Promise<Map<string, EntityFacts>> {
    const scope = { entityRefs, from: window.from, to: window.to };
    const [days, open] = await Promise.all([
      this.store.listEntityDays(scope),
      this.store.countOpenIncidents(scope),
    ]);
    const refs = entityRefs ?? [...new Set([...days.keys(), ...open.keys()])];
    return new Map(
      refs.map(ref => [ref, { entityRef: ref, days: days.get(ref) ?? [], open: open.get(ref) ?? 0 }]),
    );
  }

  private installedAtCache: number | undefined;

  /** When the suite first synced the catalog; set once, so kept once read. */
  private async installedAt(): Promise<number | undefined> {
    if (this.installedAtCache === undefined) {
      const value = await this.store.getMeta('installed_at');
      this.installedAtCache = value ? Number(value) : undefined;
    }
    return this.installedAtCache;
  }

  async getScorecard(entityRef: string, window: Window): Promise<EntityScorecard> {
    const [[facts, firsts, recentDeployments], entity, installedAt, recentIncidents] =
      await Promise.all([
        // what reads the rollups waits until the entity's are up to date
        this.rollups.refreshDirty([entityRef]).then(() =>
          Promise.all([
            this.facts(window, [entityRef]),
            this.store.firstDeployments({ entityRefs: [entityRef], to: window.to }),
            this.store.listRecentDeployments(entityRef, window.to, RECENT),
          ]),
        ),
        this.store.getEntity(entityRef),
        this.installedAt(),
        this.store.listRecentIncidents(entityRef, window.to, RECENT),
      ]);
    const own = facts.get(entityRef)!;
    const firstDeployAt = firsts.get(entityRef) ?? null;
    const createdAt = entity ? createdAtOf(entity, installedAt, firstDeployAt ?? undefined) : null;

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
          causedFailure: d.causedFailure ?? false,
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

  /**
   * The org summary, or one group's. With `current`, the window is the
   * current one and a fresh precomputed summary is served when there is one.
   */
  async getOrgSummary(
    window: Window,
    group?: string,
    opts: { current?: boolean } = {},
  ): Promise<OrgSummary> {
    if (opts.current) {
      const [row, surveysChanged] = await Promise.all([
        this.store.getSummary(group ?? 'org', window.days),
        this.store.getMeta('surveys_changed_at'),
      ]);
      // not older than the maximum age, nor than the last survey answer: an
      // answer shows in the next summary its author reads
      const maxAge = this.options.rollups.summaryMaxAgeMinutes * 60_000;
      const oldest = Math.max(this.clock() - maxAge, Number(surveysChanged ?? 0));
      if (row && row.to === window.to && row.computedAt >= oldest) {
        return JSON.parse(row.body);
      }
    }
    const input = await this.load(window, group);
    return this.summary(window, group, input, await this.adoptionTrend(window, group));
  }

  /**
   * Precomputes the org and every team's summary of each configured current
   * window, unless (without `force`) those stored are of today and younger
   * than half their maximum age. Returns how many were written.
   */
  async refreshSummaries(force: boolean): Promise<number> {
    const now = this.clock();
    const windows = this.options.rollups.summaryWindows.map(days => makeWindow(days, undefined, now));
    if (!force) {
      // fresh enough: of today, younger than half the maximum age, and
      // computed after the last catalog sync and survey answer
      const halfAge = (this.options.rollups.summaryMaxAgeMinutes * 60_000) / 2;
      const synced = Math.max(
        ...(await Promise.all(
          ['catalog_synced_at', 'surveys_changed_at'].map(async key =>
            Number((await this.store.getMeta(key)) ?? 0),
          ),
        )),
      );
      const stored = await Promise.all(windows.map(w => this.store.getSummary('org', w.days)));
      const fresh = (row: SummaryRow | undefined, w: Window) =>
        !!row && row.to === w.to && row.computedAt >= Math.max(now - halfAge, synced);
      if (stored.every((row, i) => fresh(row, windows[i]))) return 0;
    }
    // Every current window ends at the same midnight: read the longest once
    // (rollups, answers, adoption snapshots) and narrow it for the others.
    const longest = windows.reduce((a, b) => (b.days > a.days ? b : a));
    const days = (t: number) => new Date(t).toISOString().slice(0, 10);
    const snapshots = (scopeType: 'org' | 'group') =>
      this.store.listAdoptionSnapshots({
        scopeType,
        fromDay: days(longest.from),
        toDay: days(longest.to - 1),
      });
    const [base, responses, orgSnapshots, groupSnapshots] = await Promise.all([
      this.loadDora(longest),
      this.store.listSurveyResponses({ submittedBefore: longest.to }),
      snapshots('org'),
      snapshots('group'),
    ]);
    const snapshotsOf = new Map<string, typeof orgSnapshots>();
    for (const s of [...orgSnapshots, ...groupSnapshots]) {
      const list = snapshotsOf.get(s.scopeRef);
      if (list) list.push(s);
      else snapshotsOf.set(s.scopeRef, [s]);
    }
    const groups = [...new Set(base.entities.flatMap(e => (e.ownerRef ? [e.ownerRef] : [])))];
    let written = 0;
    for (const window of windows) {
      const input: SummaryInput = {
        ...base,
        facts: new Map(
          [...base.facts].map(([ref, f]) => [ref, { ...f, days: f.days.filter(d => d.day >= window.from) }]),
        ),
        nps: this.npsFromRows(window, responses),
      };
      const fromDay = days(window.from);
      const rows = [undefined, ...groups].map(group => ({
        scopeRef: group ?? 'org',
        windowDays: window.days,
        to: window.to,
        computedAt: now,
        body: JSON.stringify(
          this.summary(
            window,
            group,
            input,
            (snapshotsOf.get(group ?? 'org') ?? []).filter(s => s.day >= fromDay),
          ),
        ),
      }));
      await this.store.putSummaries(rows);
      written += rows.length;
    }
    return written;
  }

  /** Reads the entities and their rollups for `window`; for a group, only its entities. */
  private async loadDora(window: Window, group?: string): Promise<Omit<SummaryInput, 'nps'>> {
    const entities = await this.store.listEntities(
      group ? { kind: 'component', ownerRef: group } : { kind: 'component' },
    );
    const refs = group ? entities.map(e => e.entityRef) : undefined;
    await this.rollups.refreshDirty(refs);
    const [facts, firsts, installedAt] = await Promise.all([
      this.facts(window, refs),
      this.store.firstDeployments({ entityRefs: refs, to: window.to }),
      this.installedAt(),
    ]);
    return { entities, facts, firsts, installedAt };
  }

  /** Reads what a summary of `window` needs; for a group, only its entities and answers. */
  private async load(window: Window, group?: string): Promise<SummaryInput> {
    const current = this.currentSurvey(window);
    const [dora, counts, currentRows] = await Promise.all([
      this.loadDora(window, group),
      // the NPS trend is counted by the database; only the current survey's
      // answers are read, for the per-team scores
      this.store.surveyScoreCounts({ submittedBefore: window.to, maxSurveyId: current, group }),
      this.store.listSurveyResponses({ surveyIds: [current], submittedBefore: window.to, group }),
    ]);
    const nps: NpsInput = { current, counts, currentRows };
    return { ...dora, nps: () => nps };
  }

  private currentSurvey(window: Window) {
    return surveyIdAt(window.to - 1, this.options.survey.cadence);
  }

  /** The NPS input of every group from all answers (for many summaries at once). */
  private npsFromRows(window: Window, all: SurveyResponseRow[]) {
    const current = this.currentSurvey(window);
    return (group?: string): NpsInput => {
      const counts = new Map<string, SurveyScoreCount>();
      const currentRows: SurveyResponseRow[] = [];
      for (const r of all) {
        if (r.surveyId > current || (group && !r.groups.includes(group))) continue;
        const key = `${r.surveyId} ${r.score}`;
        const c = counts.get(key);
        if (c) c.n++;
        else counts.set(key, { surveyId: r.surveyId, score: r.score, n: 1 });
        if (r.surveyId === current) currentRows.push(r);
      }
      return { current, counts: [...counts.values()], currentRows };
    };
  }

  private adoptionTrend(window: Window, group?: string) {
    return this.store.listAdoptionSnapshots({
      scopeType: group ? 'group' : 'org',
      scopeRef: group ?? 'org',
      fromDay: new Date(window.from).toISOString().slice(0, 10),
      toDay: new Date(window.to - 1).toISOString().slice(0, 10),
    });
  }

  private summary(
    window: Window,
    group: string | undefined,
    input: SummaryInput,
    adoptionTrend: Array<{ day: string } & AdoptionCounts>,
  ): OrgSummary {
    const { installedAt, firsts } = input;
    const entities = group ? input.entities.filter(e => e.ownerRef === group) : input.entities;
    const nps = this.npsOf(input.nps(group));

    const factsOf = (e: EntityRow): EntityFacts =>
      input.facts.get(e.entityRef) ?? { entityRef: e.entityRef, days: [], open: 0 };
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
      const createdAt = createdAtOf(e, installedAt, first);
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
      computedAt: new Date(this.clock()).toISOString(),
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
   * group), its trend over the surveys up to it, and per-group scores of the
   * current survey.
   */
  private npsOf({ current, counts, currentRows }: NpsInput) {
    const bySurvey = new Map<string, number[]>();
    for (const c of counts) {
      let list = bySurvey.get(c.surveyId);
      if (!list) bySurvey.set(c.surveyId, (list = []));
      for (let i = 0; i < c.n; i++) list.push(c.score);
    }
    const currentNps = computeNps(bySurvey.get(current) ?? []);
    const groups = new Map<string, number[]>();
    for (const r of currentRows) {
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

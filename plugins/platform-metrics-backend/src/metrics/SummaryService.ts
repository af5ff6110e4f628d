import { AdoptionSplit, Comparison, OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsSettings } from '../config';
import { AdoptionSnapshot, CatalogStore } from '../database/CatalogStore';
import { PublicationStore } from '../database/PublicationStore';
import { groupBy } from '../lib/collections';
import { Clock, Window, isoDay } from '../lib/time';
import { surveyIdAt } from '../surveys/surveyIds';
import { CompareWith, referenceWindow } from './comparison';
import { MetricsReader } from './MetricsReader';
import { PublishedNps, orgNpsOf } from './nps';
import { SummaryInput, SummarySettings, buildOrgSummary } from './orgSummary';
import { ORG_SCOPE, SummaryScope, npsScopeOf, scopeEntities, scopeOfRef } from './scope';
import { ComparisonInput, PeriodFacts, compareSummary, splitByAdoption } from './summaryComparison';

/** One computed summary of a scope (`org` or a group ref) and window. */
export interface ScopedSummary {
  scopeRef: string;
  window: Window;
  summary: OrgSummary;
}

/**
 * Computes org and team summaries from the day rollups (metrics.md §1-8)
 * and the survey publications. Whether a precomputed one may
 * answer instead is the summary cache's decision, not this service's.
 */
export class SummaryService {
  constructor(
    private readonly stores: { catalog: CatalogStore; publications: PublicationStore },
    private readonly reader: MetricsReader,
    private readonly settings: PlatformMetricsSettings,
    private readonly clock: Clock = Date.now,
  ) {}

  private get summarySettings(): SummarySettings {
    const { benchmark, profile, minSamples } = this.settings;
    return { benchmark, profile, minSamples };
  }

  private currentSurvey(window: Window) {
    return surveyIdAt(window.to - 1, this.settings.survey.cadence);
  }

  /** A scope from the query's `group`, `system` or `domain` (at most one; none: the org). */
  async scopeOf(query: { group?: string; system?: string; domain?: string }): Promise<SummaryScope> {
    const ref = query.group ?? query.system ?? query.domain;
    return (ref && (await scopeOfRef(ref, this.stores.catalog))) || ORG_SCOPE;
  }

  /** The summary of the org, a group, a system or a domain, computed now. */
  async compute(window: Window, scope: SummaryScope = ORG_SCOPE): Promise<OrgSummary> {
    const [dora, nps, adoptionTrend] = await Promise.all([
      this.loadDora(window, scope),
      this.loadNps(window),
      this.snapshots(scope.type, window, scope.ref),
    ]);
    return this.build(window, scope, { ...dora, nps }, adoptionTrend);
  }

  /**
   * What `compare=` and `split=` add to a summary (metrics.md §9, §10): the
   * window against the reference period, and the split by golden-path
   * status, read in one pass over both periods' rollups.
   */
  async extras(
    window: Window,
    scope: SummaryScope,
    opts: { compare?: CompareWith; split?: 'adoption' },
  ): Promise<{ comparison?: Comparison; split?: AdoptionSplit }> {
    const reference = opts.compare ? referenceWindow(opts.compare, window, this.settings) : undefined;
    const [{ entities, installedAt, period: current }, before] = await Promise.all([
      this.loadPeriod(window, scope, !!reference),
      reference && this.loadPeriod(reference.window, scope, true),
    ]);
    const settings = this.summarySettings;
    const comparison: ComparisonInput | undefined =
      opts.compare && reference && before
        ? { against: opts.compare, label: reference.label, entities, installedAt, current, reference: before.period, settings }
        : undefined;
    return {
      ...(comparison && { comparison: compareSummary(comparison) }),
      ...(opts.split && { split: splitByAdoption({ entities, installedAt, current, settings, comparison }) }),
    };
  }

  /** The scope's entities and one period's rollups, first deployments and (with `nps`) published NPS. */
  private async loadPeriod(window: Window, scope: SummaryScope, nps: boolean) {
    const [{ entities, installedAt, facts, firsts }, published] = await Promise.all([
      this.loadDora(window, scope),
      nps ? this.loadNps(window) : undefined,
    ]);
    const period: PeriodFacts = {
      window,
      facts,
      firsts,
      ...(published && { nps: orgNpsOf(published, npsScopeOf(scope)) }),
    };
    return { entities, installedAt, period };
  }

  /**
   * The org and every team's summary of each of the windows, which must all
   * end at the same midnight (the current windows): the longest is read once
   * (rollups, answers, adoption snapshots) and narrowed for the others.
   */
  async computeAll(windows: Window[]): Promise<ScopedSummary[]> {
    const longest = windows.reduce((a, b) => (b.days > a.days ? b : a));
    // the windows end at the same midnight: the same publications answer them all
    const [base, nps, orgSnapshots, groupSnapshots] = await Promise.all([
      this.loadDora(longest),
      this.loadNps(longest),
      this.snapshots('org', longest),
      this.snapshots('group', longest),
    ]);
    const snapshotsOf = groupBy([...orgSnapshots, ...groupSnapshots], s => s.scopeRef);
    const groups = [...new Set(base.entities.flatMap(e => (e.ownerRef ? [e.ownerRef] : [])))];
    return windows.flatMap(window => {
      const input: SummaryInput = {
        ...base,
        facts: new Map(
          [...base.facts].map(([ref, f]) => [ref, { ...f, days: f.days.filter(d => d.day >= window.from) }]),
        ),
        nps,
      };
      const fromDay = isoDay(window.from);
      const scopes: SummaryScope[] = [ORG_SCOPE, ...groups.map(ref => ({ type: 'group' as const, ref }))];
      return scopes.map(scope => ({
        scopeRef: scope.ref,
        window,
        summary: this.build(
          window,
          scope,
          input,
          (snapshotsOf.get(scope.ref) ?? []).filter(s => s.day >= fromDay),
        ),
      }));
    });
  }

  private build(
    window: Window,
    scope: SummaryScope,
    input: SummaryInput,
    adoptionTrend: AdoptionSnapshot[],
  ): OrgSummary {
    return buildOrgSummary({
      window,
      scope,
      input,
      adoptionTrend,
      settings: this.summarySettings,
      computedAt: this.clock(),
    });
  }

  /** The entities and their rollups for `window`; for a group, system or domain, only its entities. */
  private async loadDora(window: Window, scope: SummaryScope = ORG_SCOPE): Promise<Omit<SummaryInput, 'nps'>> {
    const entities = await scopeEntities(scope, this.stores.catalog);
    const refs = scope.type === 'org' ? undefined : entities.map(e => e.entityRef);
    const [facts, firsts, installedAt] = await Promise.all([
      this.reader.facts(window, refs),
      this.reader.firstDeployments(window, refs),
      this.reader.installedAt(),
    ]);
    return { entities, facts, firsts, installedAt };
  }

  /**
   * The survey publications as of the window's end (metrics.md §8a): each
   * survey's latest publication up to the current survey, never the answers.
   */
  private async loadNps(window: Window): Promise<PublishedNps> {
    const current = this.currentSurvey(window);
    const [publications, reporting] = await Promise.all([
      this.stores.publications.asOf({ maxSurveyId: current, to: window.to }),
      this.stores.catalog.listGroupsOfTypes(this.settings.survey.reportingGroupTypes),
    ]);
    return { current, publications, reportingGroups: new Set(reporting), k: this.settings.survey.minGroupSize };
  }

  /** Adoption snapshots of the window's days: one scope, or every scope of the type. */
  private snapshots(scopeType: SummaryScope['type'], window: Window, scopeRef?: string) {
    return this.stores.catalog.listAdoptionSnapshots({
      scopeType,
      scopeRef,
      fromDay: isoDay(window.from),
      toDay: isoDay(window.to - 1),
    });
  }
}

import { AdoptionSplit, Comparison, OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsSettings } from '../config';
import { AdoptionSnapshot, CatalogStore } from '../database/CatalogStore';
import { PublicationStore } from '../database/PublicationStore';
import { groupBy } from '../lib/collections';
import { Memo } from '../lib/memo';
import { Clock, Window, isoDay } from '../lib/time';
import { surveyIdAt } from '../surveys/surveyIds';
import { CompareWith, referenceWindow } from './comparison';
import { MetricsReader } from './MetricsReader';
import { PublishedNps, orgNpsOf } from './nps';
import { SummaryInput, SummarySettings, buildOrgSummary } from './orgSummary';
import { ORG_SCOPE, SummaryScope, npsScopeOf, scopeEntities, scopeOfRef } from './scope';
import { ComparisonInput, PeriodFacts, compareSummary, splitByAdoption } from './summaryComparison';

/** Who a summary's NPS is about: read from the catalog once per summary. */
type People = Pick<PublishedNps, 'reportingGroups' | 'eligible'>;

/** The longest reference period whose rollups are kept between requests. */
const MEMO_MAX_DAYS = 120;

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
  ) {
    this.references = new Memo({ max: 8, ttlMs: 10 * 60_000 }, clock);
  }

  /** Reference periods read lately (a few: an org's 90 days of rollups are tens of megabytes). */
  private readonly references: Memo<Pick<PeriodFacts, 'facts' | 'firsts'>>;

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

  /**
   * The summary of the org, a group, a system or a domain, computed now;
   * with `compare=` or `split=`, with what they add (metrics.md §9, §10),
   * from the same read of the window.
   */
  async compute(
    window: Window,
    scope: SummaryScope = ORG_SCOPE,
    opts: { compare?: CompareWith; split?: 'adoption' } = {},
  ): Promise<OrgSummary> {
    // a missing baseline answers 400 before anything is read
    const reference = opts.compare ? referenceWindow(opts.compare, window, this.settings) : undefined;
    const people = this.loadPeople();
    const [dora, nps, adoptionTrend, before] = await Promise.all([
      this.loadDora(window, scope),
      this.loadNps(window, people),
      this.snapshots(scope.type, window, scope.ref),
      reference && this.loadReference(reference.window, scope, people),
    ]);
    const summary = this.build(window, scope, { ...dora, nps }, adoptionTrend);
    if (!opts.compare && !opts.split) return summary;
    const against = reference && before && { label: reference.label, period: before };
    return { ...summary, ...this.extrasOf(window, scope, opts, { ...dora, nps }, against) };
  }

  /**
   * What `compare=` and `split=` add to a summary whose other figures come
   * from elsewhere (a precomputed one): the window against the reference
   * period, and the split by golden-path status.
   */
  async extras(
    window: Window,
    scope: SummaryScope,
    opts: { compare?: CompareWith; split?: 'adoption' },
  ): Promise<{ comparison?: Comparison; split?: AdoptionSplit }> {
    const reference = opts.compare ? referenceWindow(opts.compare, window, this.settings) : undefined;
    const people = reference && this.loadPeople();
    const [dora, nps, before] = await Promise.all([
      this.loadDora(window, scope),
      people && this.loadNps(window, people),
      reference && people && this.loadReference(reference.window, scope, people),
    ]);
    const against = reference && before && { label: reference.label, period: before };
    return this.extrasOf(window, scope, opts, { ...dora, nps }, against);
  }

  private extrasOf(
    window: Window,
    scope: SummaryScope,
    opts: { compare?: CompareWith; split?: 'adoption' },
    loaded: Omit<SummaryInput, 'nps'> & { nps?: PublishedNps },
    reference: { label: string; period: PeriodFacts } | undefined,
  ): { comparison?: Comparison; split?: AdoptionSplit } {
    const { entities, installedAt, facts, firsts } = loaded;
    const current: PeriodFacts = {
      window,
      facts,
      firsts,
      ...(loaded.nps && reference && { nps: orgNpsOf(loaded.nps, npsScopeOf(scope)) }),
    };
    const settings = this.summarySettings;
    const comparison: ComparisonInput | undefined =
      opts.compare && reference
        ? { against: opts.compare, label: reference.label, entities, installedAt, current, reference: reference.period, settings }
        : undefined;
    return {
      ...(comparison && { comparison: compareSummary(comparison) }),
      ...(opts.split && { split: splitByAdoption({ entities, installedAt, current, settings, comparison }) }),
    };
  }

  /**
   * A reference period of a scope: its rollups and first deployments, kept
   * a while for periods of up to {@link MEMO_MAX_DAYS} days (a baseline is
   * fixed, and every request of a page compares with it), keyed by the
   * rollup version and the last catalog sync, so that a write or a sync on
   * any replica is read at once; the NPS publications are read each time.
   */
  private async loadReference(window: Window, scope: SummaryScope, people: Promise<People>): Promise<PeriodFacts> {
    const read = async () => {
      const { facts, firsts } = await this.loadDora(window, scope);
      return { facts, firsts };
    };
    const memoised = async () => {
      const [version, syncedAt] = await Promise.all([this.reader.rollupVersion(), this.stores.catalog.getSyncedAt()]);
      const key = JSON.stringify([scope.type, scope.ref, window.from, window.to, version, syncedAt ?? null]);
      return this.references.get(key, read);
    };
    const [{ facts, firsts }, published] = await Promise.all([
      window.days <= MEMO_MAX_DAYS ? memoised() : read(),
      this.loadNps(window, people),
    ]);
    return { window, facts, firsts, nps: orgNpsOf(published, npsScopeOf(scope)) };
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
      this.loadNps(longest, this.loadPeople()),
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
   * survey's latest publication up to the current survey, never the answers;
   * and the eligible developers of the response rate, the members of the
   * reporting and the configured eligible groups as the catalog is now.
   */
  private async loadNps(window: Window, people: Promise<People>): Promise<PublishedNps> {
    const current = this.currentSurvey(window);
    const [publications, { reportingGroups, eligible }] = await Promise.all([
      this.stores.publications.asOf({ maxSurveyId: current, to: window.to }),
      people,
    ]);
    return { current, publications, reportingGroups, k: this.settings.survey.minGroupSize, eligible };
  }

  /**
   * The reporting groups and the eligible developers (metrics.md §8a, §8b):
   * the catalog now, whatever the window, so read once per summary even
   * when it compares two periods.
   */
  private async loadPeople(): Promise<People> {
    const { reportingGroupTypes, eligibleGroups } = this.settings.survey;
    const reporting = await this.stores.catalog.listGroupsOfTypes(reportingGroupTypes);
    const members = await this.stores.catalog.countMembers([...reporting, ...eligibleGroups]);
    return { reportingGroups: new Set(reporting), eligible: { org: members.distinct, byGroup: members.byGroup } };
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

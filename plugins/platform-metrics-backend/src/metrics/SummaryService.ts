import { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsSettings } from '../config';
import { AdoptionSnapshot, CatalogStore } from '../database/CatalogStore';
import { PublicationStore } from '../database/PublicationStore';
import { groupBy } from '../lib/collections';
import { Clock, Window, isoDay } from '../lib/time';
import { surveyIdAt } from '../surveys/surveyIds';
import { MetricsReader } from './MetricsReader';
import { PublishedNps } from './nps';
import { SummaryInput, SummarySettings, buildOrgSummary } from './orgSummary';

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

  /** The org summary, or one group's, computed now. */
  async compute(window: Window, group?: string): Promise<OrgSummary> {
    const [dora, nps, adoptionTrend] = await Promise.all([
      this.loadDora(window, group),
      this.loadNps(window),
      this.snapshots(group ? 'group' : 'org', window, group ?? 'org'),
    ]);
    return this.build(window, group, { ...dora, nps }, adoptionTrend);
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
      return [undefined, ...groups].map(group => ({
        scopeRef: group ?? 'org',
        window,
        summary: this.build(
          window,
          group,
          input,
          (snapshotsOf.get(group ?? 'org') ?? []).filter(s => s.day >= fromDay),
        ),
      }));
    });
  }

  private build(
    window: Window,
    group: string | undefined,
    input: SummaryInput,
    adoptionTrend: AdoptionSnapshot[],
  ): OrgSummary {
    return buildOrgSummary({
      window,
      group,
      input,
      adoptionTrend,
      settings: this.summarySettings,
      computedAt: this.clock(),
    });
  }

  /** The entities and their rollups for `window`; for a group, only its entities. */
  private async loadDora(window: Window, group?: string): Promise<Omit<SummaryInput, 'nps'>> {
    const entities = await this.stores.catalog.listEntities(
      { kind: 'component', ownerRef: group },
    );
    const refs = group ? entities.map(e => e.entityRef) : undefined;
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
  private snapshots(scopeType: 'org' | 'group', window: Window, scopeRef?: string) {
    return this.stores.catalog.listAdoptionSnapshots({
      scopeType,
      scopeRef,
      fromDay: isoDay(window.from),
      toDay: isoDay(window.to - 1),
    });
  }
}

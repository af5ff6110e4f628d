import { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsSettings } from '../config';
import { AdoptionSnapshot, CatalogStore } from '../database/CatalogStore';
import { SurveyStore } from '../database/SurveyStore';
import { groupBy } from '../lib/collections';
import { Clock, Window, isoDay } from '../lib/time';
import { surveyIdAt } from '../surveys/surveyIds';
import { MetricsReader } from './MetricsReader';
import { NpsInput, npsInputFromRows } from './nps';
import { SummaryInput, SummarySettings, buildOrgSummary } from './orgSummary';

/** One computed summary of a scope (`org` or a group ref) and window. */
export interface ScopedSummary {
  scopeRef: string;
  window: Window;
  summary: OrgSummary;
}

/**
 * Computes org and team summaries from the day rollups (metrics.md §1-8).
 * Whether a precomputed one may
 * answer instead is the summary cache's decision, not this service's.
 */
export class SummaryService {
  constructor(
    private readonly stores: { catalog: CatalogStore; surveys: SurveyStore },
    private readonly reader: MetricsReader,
    private readonly settings: PlatformMetricsSettings,
    private readonly clock: Clock = Date.now,
  ) {}

  private get summarySettings(): SummarySettings {
    const { benchmark, profile, minSamples, survey } = this.settings;
    return { benchmark, profile, minSamples, minGroupSize: survey.minGroupSize };
  }

  private currentSurvey(window: Window) {
    return surveyIdAt(window.to - 1, this.settings.survey.cadence);
  }

  /** The org summary, or one group's, computed now. */
  async compute(window: Window, group?: string): Promise<OrgSummary> {
    const current = this.currentSurvey(window);
    const [dora, counts, currentRows, adoptionTrend] = await Promise.all([
      this.loadDora(window, group),
      // the NPS trend is counted by the database; only the current survey's
      // answers are read, for the per-team scores
      this.stores.surveys.surveyScoreCounts({ submittedBefore: window.to, maxSurveyId: current, group }),
      this.stores.surveys.listSurveyResponses({ surveyIds: [current], submittedBefore: window.to, group }),
      this.snapshots(group ? 'group' : 'org', window, group ?? 'org'),
    ]);
    const nps: NpsInput = { current, counts, currentRows };
    return this.build(window, group, { ...dora, nps: () => nps }, adoptionTrend);
  }

  /**
   * The org and every team's summary of each of the windows, which must all
   * end at the same midnight (the current windows): the longest is read once
   * (rollups, answers, adoption snapshots) and narrowed for the others.
   */
  async computeAll(windows: Window[]): Promise<ScopedSummary[]> {
    const longest = windows.reduce((a, b) => (b.days > a.days ? b : a));
    const [base, responses, orgSnapshots, groupSnapshots] = await Promise.all([
      this.loadDora(longest),
      this.stores.surveys.listSurveyResponses({ submittedBefore: longest.to }),
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
        nps: npsInputFromRows(this.currentSurvey(window), responses),
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
      group ? { kind: 'component', ownerRef: group } : { kind: 'component' },
    );
    const refs = group ? entities.map(e => e.entityRef) : undefined;
    const [facts, firsts, installedAt] = await Promise.all([
      this.reader.facts(window, refs),
      this.reader.firstDeployments(window, refs),
      this.reader.installedAt(),
    ]);
    return { entities, facts, firsts, installedAt };
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

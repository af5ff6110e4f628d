import { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsSettings } from '../config';
import { CatalogStore } from '../database/CatalogStore';
import { SummaryStore } from '../database/SummaryStore';
import { SurveyStore } from '../database/SurveyStore';
import { Clock, Window, makeWindow } from '../lib/time';
import { CompareWith } from '../metrics/comparison';
import { ORG_SCOPE, SummaryScope } from '../metrics/scope';
import { SummaryService } from '../metrics/SummaryService';
import { rollupFingerprint } from '../rollups/RollupService';
import { isServable } from './freshness';

/** The scope ref of the org-wide summary. */
const ORG = 'org';

/**
 * The shape of a stored summary: raised when a summary gains a field (2:
 * `templates`, 3: the NPS `responseRate`), so that summaries stored by an older version, without it,
 * are dropped at start-up like those of other settings, never served.
 */
const SUMMARY_FORMAT = 3;

/**
 * The precomputed summaries of the current windows: the only code that
 * decides whether one may answer a read (see {@link isServable}), that
 * refreshes them, and that drops them when the settings they were computed
 * with change.
 */
export class SummaryCache {
  constructor(
    private readonly stores: { summaries: SummaryStore; catalog: CatalogStore; surveys: SurveyStore },
    private readonly summaries: SummaryService,
    private readonly settings: PlatformMetricsSettings,
    private readonly clock: Clock = Date.now,
  ) {}

  private get maxAgeMs() {
    return this.settings.rollups.summaryMaxAgeMinutes * 60_000;
  }

  /**
   * The latest change a stored summary cannot reflect: a catalog sync, a
   * survey publication or an import of adoption snapshots (the adoption
   * trend). A survey answer is none: summaries show only publications
   * (metrics.md §8a).
   */
  private async changedAt(): Promise<number> {
    const [synced, published, imported] = await Promise.all([
      this.stores.catalog.getSyncedAt(),
      this.stores.surveys.getChangedAt(),
      this.stores.catalog.getAdoptionImportedAt(),
    ]);
    return Math.max(synced ?? 0, published ?? 0, imported ?? 0);
  }

  /** The current window of `windowDays` (ending at the next UTC midnight). */
  currentWindow(windowDays: number): Window {
    return makeWindow(windowDays, undefined, this.clock());
  }

  /**
   * The summary of a scope. With `current`, the window is the current one
   * and a servable precomputed summary (the org's and each team's are
   * precomputed) answers when there is one; otherwise it is computed now.
   */
  async getOrgSummary(
    window: Window,
    scope: SummaryScope = ORG_SCOPE,
    opts: { current?: boolean; compare?: CompareWith; split?: 'adoption' } = {},
  ): Promise<OrgSummary> {
    const { compare, split } = opts;
    if (!compare && !split) return this.getBase(window, scope, opts.current);
    // beside a precomputed summary, the comparison and the split are computed
    // now; otherwise all of it is, from one read of the window
    const stored = opts.current ? await this.getStored(window, scope) : undefined;
    if (!stored) return this.summaries.compute(window, scope, { compare, split });
    return { ...stored, ...(await this.summaries.extras(window, scope, { compare, split })) };
  }

  /** The scope of a query's `group`, `system` or `domain`. */
  scopeOf(query: { group?: string; system?: string; domain?: string }): Promise<SummaryScope> {
    return this.summaries.scopeOf(query);
  }

  private async getBase(window: Window, scope: SummaryScope, current?: boolean): Promise<OrgSummary> {
    return (current && (await this.getStored(window, scope))) || this.summaries.compute(window, scope);
  }

  /** The precomputed summary of the current window (the org's and each team's), if one may answer. */
  private async getStored(window: Window, scope: SummaryScope): Promise<OrgSummary | undefined> {
    if (scope.type !== 'org' && scope.type !== 'group') return undefined;
    const [row, changedAt] = await Promise.all([
      this.stores.summaries.get(scope.ref, window.days),
      this.changedAt(),
    ]);
    if (!isServable(row, window, this.clock(), { maxAgeMs: this.maxAgeMs, changedAt })) return undefined;
    return JSON.parse(row!.body);
  }

  /**
   * Precomputes the org and every team's summary of each configured current
   * window, unless (without `force`) the stored ones will still be servable
   * half their maximum age from now. Returns how many were written.
   */
  async refresh(force: boolean, signal?: AbortSignal): Promise<number> {
    const now = this.clock();
    const windows = this.settings.rollups.summaryWindows.map(days => makeWindow(days, undefined, now));
    if (!force) {
      const [changedAt, stored] = await Promise.all([
        this.changedAt(),
        Promise.all(windows.map(w => this.stores.summaries.get(ORG, w.days))),
      ]);
      const rule = { maxAgeMs: this.maxAgeMs, changedAt };
      if (stored.every((row, i) => isServable(row, windows[i], now + this.maxAgeMs / 2, rule))) return 0;
    }
    signal?.throwIfAborted();
    const computed = await this.summaries.computeAll(windows);
    signal?.throwIfAborted();
    await this.stores.summaries.put(
      computed.map(s => ({
        scopeRef: s.scopeRef,
        windowDays: s.window.days,
        to: s.window.to,
        computedAt: now,
        body: JSON.stringify(s.summary),
      })),
    );
    return computed.length;
  }

  /** When the oldest precomputed org summary of the configured windows was computed (undefined: one is missing). */
  async oldestComputedAt(): Promise<number | undefined> {
    const rows = await Promise.all(this.settings.rollups.summaryWindows.map(days => this.stores.summaries.get(ORG, days)));
    if (rows.some(r => !r)) return undefined;
    return Math.min(...rows.map(r => r!.computedAt));
  }

  /**
   * What the summaries depend on besides the rollups (the rollup settings,
   * the benchmark, the sample and group minimums, the survey cadence, the
   * reporting group types and the eligible groups) and the shape of a
   * stored summary: the settings the scheduled jobs run under.
   */
  get fingerprint(): string {
    const { settings } = this;
    return JSON.stringify({
      format: SUMMARY_FORMAT,
      rollupSettings: rollupFingerprint(settings),
      benchmark: settings.benchmark,
      profile: settings.profile,
      minSamples: settings.minSamples,
      cadence: settings.survey.cadence,
      minGroupSize: settings.survey.minGroupSize,
      reportingGroupTypes: settings.survey.reportingGroupTypes,
      eligibleGroups: settings.survey.eligibleGroups,
    });
  }

  /**
   * Makes this replica's summary settings the ones in force, dropping the
   * stored summaries when they were computed under others. Runs at
   * start-up (and when a replica takes over from one that is gone), never
   * per job run.
   */
  async checkSettings(): Promise<boolean> {
    const { fingerprint } = this;
    if ((await this.stores.summaries.getSettingsFingerprint()) === fingerprint) return false;
    await this.stores.summaries.clear();
    await this.stores.summaries.setSettingsFingerprint(fingerprint);
    return true;
  }

  /** Whether this replica's summary settings are the ones in force. */
  async settingsInForce(): Promise<boolean> {
    return (await this.stores.summaries.getSettingsFingerprint()) === this.fingerprint;
  }
}

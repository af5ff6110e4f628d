import { DEFAULT_WINDOW_DAYS, Target } from '@platform-metrics/plugin-platform-metrics-common';
import { adoptionRate } from '../catalog/adoption';
import { PlatformMetricsSettings } from '../config';
import { CatalogStore } from '../database/CatalogStore';
import { Clock, Window, isoDay, makeWindow } from '../lib/time';
import { MetricsReader } from '../metrics/MetricsReader';
import { SummaryScope, scopeEntities } from '../metrics/scope';
import { SeriesPoint, evaluateTarget } from '../metrics/targets';
import { SummaryCache } from '../summaries/SummaryCache';
import { TargetDefinition } from './targetConfig';
import { ScopeFigures, baselineOf, currentOf, seriesOf, ttfdByMonth } from './targetFigures';
import { TargetMetric, traitsOf } from './targetMetrics';

/** The current figure of a target: the summary of the dashboard's default window, these many days to `to`. */
export const CURRENT_WINDOW_DAYS = DEFAULT_WINDOW_DAYS;

/** The series a target's projection is fitted to: the summary of these many days to `to`. */
export const SERIES_WINDOW_DAYS = 365;

/**
 * The configured metric targets with their progress, projection and status
 * (docs/metrics.md §12). Every figure comes from the scope's summaries, read
 * as `GET /org/summary` reads them (precomputed ones answer for the current
 * windows): nothing a summary withholds (an NPS below k, of a scope that is
 * not a reporting group) is shown here.
 */
export class TargetService {
  constructor(
    private readonly deps: {
      summaries: Pick<SummaryCache, 'getOrgSummary' | 'scopeOf'>;
      catalog: Pick<CatalogStore, 'listAdoptionSnapshots' | 'listEntities' | 'systemsOfDomain'>;
      reader: Pick<MetricsReader, 'firstDeployments' | 'installedAt'>;
    },
    private readonly settings: Pick<PlatformMetricsSettings, 'targets' | 'baseline' | 'minSamples'>,
    private readonly clock: Clock = Date.now,
  ) {}

  /** The configured targets, in configuration order. */
  configured(): TargetDefinition[] {
    return this.settings.targets;
  }

  /**
   * The targets as of `to` (default now), in the order given. Each scope's
   * summaries are read once, whatever number of targets it has.
   */
  async evaluate(targets: TargetDefinition[], to?: string): Promise<Target[]> {
    const now = this.clock();
    const recentWindow = makeWindow(CURRENT_WINDOW_DAYS, to, now);
    const yearWindow = makeWindow(SERIES_WINDOW_DAYS, to, now);
    const figures = new Map<string, ScopeFigures>();
    // one scope after the other: the summaries of a long window are heavy reads
    for (const scopeRef of new Set(targets.map(t => t.scope))) {
      const metrics = new Set(targets.filter(t => t.scope === scopeRef).map(t => t.metric));
      figures.set(scopeRef, await this.read(scopeRef, metrics, { recentWindow, yearWindow, current: !to }));
    }
    return targets.map(t => this.targetOf(t, figures.get(t.scope)!, recentWindow.to));
  }

  private async read(
    scopeRef: string,
    metrics: Set<TargetMetric>,
    opts: { recentWindow: Window; yearWindow: Window; current: boolean },
  ): Promise<ScopeFigures> {
    const { summaries } = this.deps;
    const { baseline } = this.settings;
    const scope = await summaries.scopeOf(queryOf(scopeRef));
    // the baseline's figures come from the summary's comparison (adoption's from its snapshots)
    const compare = baseline && [...metrics].some(m => m !== 'adoption') ? ('baseline' as const) : undefined;
    const [recent, year, ttfd, adoptionBaseline] = await Promise.all([
      summaries.getOrgSummary(opts.recentWindow, scope, { current: opts.current, compare }),
      summaries.getOrgSummary(opts.yearWindow, scope, { current: opts.current }),
      metrics.has('timeToFirstDeploy') ? this.ttfdSeries(scope, opts.yearWindow) : [],
      metrics.has('adoption') && baseline ? this.adoptionAt(scope, baseline) : null,
    ]);
    return { recent, year, yearWindow: opts.yearWindow, ttfd, adoptionBaseline };
  }

  /** Time to first deploy per monthly creation cohort of the scope's components. */
  private async ttfdSeries(scope: SummaryScope, window: Window): Promise<SeriesPoint[]> {
    const { catalog, reader } = this.deps;
    const entities = await scopeEntities(scope, catalog);
    const refs = scope.type === 'org' ? undefined : entities.map(e => e.entityRef);
    const [firsts, installedAt] = await Promise.all([reader.firstDeployments(window, refs), reader.installedAt()]);
    return ttfdByMonth(entities, firsts, installedAt, window);
  }

  /** The adoption rate of the scope's last snapshot in the baseline period. */
  private async adoptionAt(scope: SummaryScope, baseline: { from: number; to: number }): Promise<number | null> {
    const snapshots = await this.deps.catalog.listAdoptionSnapshots({
      scopeType: scope.type,
      scopeRef: scope.ref,
      fromDay: isoDay(baseline.from),
      toDay: isoDay(baseline.to - 1),
    });
    const rates = snapshots.map(adoptionRate).filter((r): r is number => r !== null);
    return rates.length > 0 ? rates[rates.length - 1] : null;
  }

  private targetOf(t: TargetDefinition, figures: ScopeFigures, asOf: number): Target {
    const traits = traitsOf(t.metric);
    const current = currentOf(t.metric, figures.recent);
    const series = seriesOf(t.metric, figures);
    const evaluation = evaluateTarget({
      direction: traits.direction,
      target: t.value,
      by: t.byAt,
      asOf,
      series,
      current: current.value,
      baseline: baselineOf(t.metric, figures, this.settings.minSamples),
      enoughSamples: !traits.sampled || (current.n ?? 0) >= this.settings.minSamples,
      bounds: traits.bounds,
    });
    return {
      metric: t.metric,
      scope: t.scope,
      ...(t.label !== undefined && { label: t.label }),
      value: t.value,
      by: t.by,
      direction: traits.direction,
      unit: traits.unit,
      start: evaluation.start,
      startFrom: evaluation.startFrom,
      current: current.value,
      ...(current.n !== null && { n: current.n }),
      progress: evaluation.progress,
      projected: evaluation.projected,
      slopePerWeek: evaluation.slopePerWeek,
      status: evaluation.status,
      series: series.map(p => ({ at: new Date(p.at).toISOString(), value: p.value })),
    };
  }
}

/** The summary query of a target's scope (`org`: none). */
function queryOf(scopeRef: string): { group?: string; system?: string; domain?: string } {
  const kind = scopeRef.slice(0, scopeRef.indexOf(':'));
  if (kind === 'group' || kind === 'system' || kind === 'domain') return { [kind]: scopeRef };
  return {};
}

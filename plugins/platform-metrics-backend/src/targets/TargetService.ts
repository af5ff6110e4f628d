import { DEFAULT_WINDOW_DAYS, Target } from '@platform-metrics/plugin-platform-metrics-common';
import { adoptionRate } from '../catalog/adoption';
import { PlatformMetricsSettings } from '../config';
import { CatalogStore } from '../database/CatalogStore';
import { Clock, DAY, Window, isoDay, makeWindow } from '../lib/time';
import { MetricsReader } from '../metrics/MetricsReader';
import { SummaryScope, scopeEntities } from '../metrics/scope';
import { SeriesPoint, evaluateTarget } from '../metrics/targets';
import { SummaryCache } from '../summaries/SummaryCache';
import { TargetDefinition } from './targetConfig';
import { KpiFigures, KpiServices, kpiFigures } from './kpiFigures';
import { ScopeFigures, baselineOf, currentOf, seriesOf, ttfdByMonth } from './targetFigures';
import { KpiMetric, TargetMetric, isKpiMetric, traitsOf } from './targetMetrics';

/** The current figure of a target: the summary of the dashboard's default window, these many days to `to`. */
export const CURRENT_WINDOW_DAYS = DEFAULT_WINDOW_DAYS;

/** The series a target's projection is fitted to: the summary of these many days to `to`. */
export const SERIES_WINDOW_DAYS = 365;

/**
 * The configured metric targets with their progress, projection and status
 * (docs/metrics.md §12). The figures of the DORA metrics, adoption, TTFD
 * and NPS come from the scope's summaries, read as `GET /org/summary` reads
 * them (precomputed ones answer for the current windows): nothing a summary
 * withholds (an NPS below k, of a scope that is not a reporting group) is
 * shown here. Those of the platform KPIs come from their own services, as
 * their routes read them (an onboarding time withheld below k is withheld
 * here too).
 */
export class TargetService {
  constructor(
    private readonly deps: {
      summaries: Pick<SummaryCache, 'getOrgSummary' | 'scopeOf'>;
      catalog: Pick<CatalogStore, 'listAdoptionSnapshots' | 'listEntities' | 'systemsOfDomain'>;
      reader: Pick<MetricsReader, 'firstDeployments' | 'installedAt'>;
      kpis: KpiServices;
    },
    private readonly settings: Pick<PlatformMetricsSettings, 'targets' | 'baseline' | 'minSamples'> & {
      costs: { currency: string };
    },
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
    const figures = new Map<string, Figures>();
    // one scope after the other: the summaries of a long window are heavy reads
    for (const scopeRef of new Set(targets.map(t => t.scope))) {
      const metrics = new Set(targets.filter(t => t.scope === scopeRef).map(t => t.metric));
      figures.set(scopeRef, {
        summary: [...metrics].some(m => !isKpiMetric(m))
          ? await this.read(scopeRef, metrics, { recentWindow, yearWindow, current: !to })
          : undefined,
        kpis: await this.readKpis(scopeRef, metrics, { recent: recentWindow, year: yearWindow }),
      });
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
    const compare = baseline && [...metrics].some(m => m !== 'adoption' && !isKpiMetric(m)) ? ('baseline' as const) : undefined;
    const [recent, year, ttfd, adoptionBaseline] = await Promise.all([
      summaries.getOrgSummary(opts.recentWindow, scope, { current: opts.current, compare }),
      summaries.getOrgSummary(opts.yearWindow, scope, { current: opts.current }),
      metrics.has('timeToFirstDeploy') ? this.ttfdSeries(scope, opts.yearWindow) : [],
      metrics.has('adoption') && baseline ? this.adoptionAt(scope, baseline) : null,
    ]);
    return { recent, year, yearWindow: opts.yearWindow, ttfd, adoptionBaseline };
  }

  /** The figures of the scope's platform KPI targets, each from its own service (in parallel). */
  private async readKpis(
    scopeRef: string,
    metrics: Set<TargetMetric>,
    windows: { recent: Window; year: Window },
  ): Promise<Map<KpiMetric, KpiFigures>> {
    const { baseline, minSamples } = this.settings;
    const group = scopeRef === 'org' ? undefined : scopeRef;
    const baselineWindow = baseline && { from: baseline.from, to: baseline.to, days: Math.round((baseline.to - baseline.from) / DAY) };
    const kpis = [...metrics].filter(isKpiMetric);
    const read = await Promise.all(
      kpis.map(m => kpiFigures(m, group, this.deps.kpis, { ...windows, baseline: baselineWindow, minSamples })),
    );
    return new Map(kpis.map((m, i) => [m, read[i]]));
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

  /** A target's current figure, series and baseline figure, from the summaries or the KPI's service. */
  private figuresOf(metric: TargetMetric, figures: Figures): KpiFigures {
    if (isKpiMetric(metric)) return figures.kpis.get(metric)!;
    const summary = figures.summary!;
    return {
      current: currentOf(metric, summary.recent),
      series: seriesOf(metric, summary),
      baseline: baselineOf(metric, summary, this.settings.minSamples),
    };
  }

  private targetOf(t: TargetDefinition, figures: Figures, asOf: number): Target {
    const traits = traitsOf(t.metric);
    const { current, series, baseline } = this.figuresOf(t.metric, figures);
    const evaluation = evaluateTarget({
      direction: traits.direction,
      target: t.value,
      by: t.byAt,
      asOf,
      series,
      current: current.value,
      baseline,
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
      ...(traits.unit === 'money' && { currency: this.settings.costs.currency }),
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

/** What a scope's targets are evaluated from: its summaries (for the summary metrics) and each KPI's figures. */
interface Figures {
  summary?: ScopeFigures;
  kpis: Map<KpiMetric, KpiFigures>;
}

/** The summary query of a target's scope (`org`: none). */
function queryOf(scopeRef: string): { group?: string; system?: string; domain?: string } {
  const kind = scopeRef.slice(0, scopeRef.indexOf(':'));
  if (kind === 'group' || kind === 'system' || kind === 'domain') return { [kind]: scopeRef };
  return {};
}

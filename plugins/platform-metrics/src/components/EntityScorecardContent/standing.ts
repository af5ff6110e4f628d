import type {
  DoraMetrics,
  EntityScorecard,
  OrgDoraMetrics,
  OrgSummary,
} from '@platform-metrics/plugin-platform-metrics-common';

/** The four DORA metrics a service is compared on, in the card's order. */
export const STANDING_METRICS = [
  'leadTime',
  'deploymentFrequency',
  'changeFailureRate',
  'timeToRestore',
] as const;
export type StandingMetric = (typeof STANDING_METRICS)[number];

/** Within this share of the reference, a figure is "about the same". */
export const SAME_WITHIN = 0.1;

/** One side of a comparison: its value (seconds, per day or a fraction) and its sample size. */
export interface StandingFigure {
  value: number | null;
  n: number;
}

export type Verdict = 'better' | 'worse' | 'same' | 'tooFew' | 'noValue';

const LOWER_IS_BETTER: Record<StandingMetric, boolean> = {
  leadTime: true,
  deploymentFrequency: false,
  changeFailureRate: true,
  timeToRestore: true,
};

/** The service's own figure of a metric, from its scorecard. */
export function serviceFigure(
  dora: DoraMetrics,
  metric: StandingMetric,
): StandingFigure {
  switch (metric) {
    case 'leadTime':
      return { value: dora.leadTime.median, n: dora.leadTime.n };
    case 'deploymentFrequency':
      return {
        value: dora.deploymentFrequency.perDay,
        n: dora.deploymentFrequency.count,
      };
    case 'changeFailureRate':
      return {
        value: dora.changeFailureRate.value,
        n: dora.changeFailureRate.total,
      };
    default:
      return { value: dora.timeToRestore.median, n: dora.timeToRestore.n };
  }
}

/** The components a summary's pooled figures cover: every one has an overall tier. */
export function componentsOf(dora: OrgDoraMetrics): number {
  return Object.values(dora.tierDistribution ?? {}).reduce(
    (sum, n) => sum + (n ?? 0),
    0,
  );
}

/**
 * A team's or the organisation's figure of a metric, from its summary. The
 * summary pools every change, deployment and incident of its components, so
 * lead time and time to restore are the medians of all of them (not the
 * median of the services' medians), the change failure rate is all failed
 * deployments over all deployments, and deployment frequency is the scope's
 * deployments per day divided by its components, deploying or not.
 */
export function scopeFigure(
  summary: OrgSummary,
  metric: StandingMetric,
): StandingFigure {
  const dora = summary.dora;
  if (metric === 'deploymentFrequency') {
    const components = componentsOf(dora);
    return {
      value:
        components > 0 ? dora.deploymentFrequency.perDay / components : null,
      n: dora.deploymentFrequency.count,
    };
  }
  return serviceFigure(dora, metric);
}

/**
 * How the service stands against a reference: better, worse or the same
 * (within {@link SAME_WITHIN} of it) by the metric's direction; `tooFew`
 * below `minSamples` on either side, `noValue` when either has no figure.
 */
export function verdict(
  metric: StandingMetric,
  service: StandingFigure,
  reference: StandingFigure,
  minSamples: number,
): Verdict {
  if (service.value === null || reference.value === null) return 'noValue';
  if (service.n < minSamples || reference.n < minSamples) return 'tooFew';
  const gap = service.value - reference.value;
  if (Math.abs(gap) <= SAME_WITHIN * Math.abs(reference.value)) return 'same';
  return gap < 0 === LOWER_IS_BETTER[metric] ? 'better' : 'worse';
}

/** The figures of one metric: the service's, its team's (when known) and the organisation's. */
export interface StandingRow {
  metric: StandingMetric;
  service: StandingFigure;
  team: StandingFigure | null;
  org: StandingFigure;
}

export function standingRows(
  scorecard: EntityScorecard,
  team: OrgSummary | null,
  org: OrgSummary,
): StandingRow[] {
  return STANDING_METRICS.map(metric => ({
    metric,
    service: serviceFigure(scorecard.dora, metric),
    team: team ? scopeFigure(team, metric) : null,
    org: scopeFigure(org, metric),
  }));
}

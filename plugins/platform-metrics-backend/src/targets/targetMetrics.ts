import { LOWER_IS_BETTER } from '../metrics/direction';
import { TargetDirection } from '../metrics/targets';

/** The metrics whose figures come from the scope's summaries (docs/metrics.md §12). */
export const SUMMARY_METRICS = [
  'nps',
  'adoption',
  'timeToFirstDeploy',
  'leadTime',
  'timeToRestore',
  'changeFailureRate',
  'deploymentFrequency',
] as const;

/** The platform KPIs (§13-§17), whose figures come from their own services. */
export const KPI_METRICS = ['selfServiceRatio', 'platformIncidentImpact', 'costPerService', 'onboardingTime', 'ciDuration'] as const;

/** The metrics a target can be set on (docs/metrics.md §12). */
export const TARGET_METRICS = [...SUMMARY_METRICS, ...KPI_METRICS] as const;

export type TargetMetric = (typeof TARGET_METRICS)[number];
export type KpiMetric = (typeof KPI_METRICS)[number];
export type TargetUnit = 'points' | 'rate' | 'seconds' | 'perWeek' | 'developerHours' | 'money';

/** The kinds of scope a metric is measured for: `org`, and entity kinds. */
export type ScopeKind = 'org' | 'group' | 'system' | 'domain';

interface MetricTraits {
  unit: TargetUnit;
  /** The range of the metric, which projections stay inside. */
  bounds: { min: number; max?: number };
  /** Whether the current figure is a median or a rate of samples, trusted from `minSamples` of them. */
  sampled: boolean;
  /** The scopes the metric is measured for. */
  scopes: readonly ScopeKind[];
}

const ANY_SCOPE: readonly ScopeKind[] = ['org', 'group', 'system', 'domain'];
/** The KPIs read org-wide or for one Group's components or members, as their own routes do. */
const ORG_OR_GROUP: readonly ScopeKind[] = ['org', 'group'];

const TRAITS: Record<TargetMetric, MetricTraits> = {
  nps: { unit: 'points', bounds: { min: -100, max: 100 }, sampled: false, scopes: ANY_SCOPE },
  adoption: { unit: 'rate', bounds: { min: 0, max: 1 }, sampled: false, scopes: ANY_SCOPE },
  timeToFirstDeploy: { unit: 'seconds', bounds: { min: 0 }, sampled: true, scopes: ANY_SCOPE },
  leadTime: { unit: 'seconds', bounds: { min: 0 }, sampled: true, scopes: ANY_SCOPE },
  timeToRestore: { unit: 'seconds', bounds: { min: 0 }, sampled: true, scopes: ANY_SCOPE },
  changeFailureRate: { unit: 'rate', bounds: { min: 0, max: 1 }, sampled: true, scopes: ANY_SCOPE },
  deploymentFrequency: { unit: 'perWeek', bounds: { min: 0 }, sampled: false, scopes: ANY_SCOPE },
  selfServiceRatio: { unit: 'rate', bounds: { min: 0, max: 1 }, sampled: true, scopes: ORG_OR_GROUP },
  // a sum over incidents: no incident is a figure (0), not a missing sample
  platformIncidentImpact: { unit: 'developerHours', bounds: { min: 0 }, sampled: false, scopes: ['org'] },
  costPerService: { unit: 'money', bounds: { min: 0 }, sampled: true, scopes: ORG_OR_GROUP },
  onboardingTime: { unit: 'seconds', bounds: { min: 0 }, sampled: true, scopes: ORG_OR_GROUP },
  ciDuration: { unit: 'seconds', bounds: { min: 0 }, sampled: true, scopes: ORG_OR_GROUP },
};

/** The unit, range, sampling and scopes of a target's metric, and its direction (from the one table of directions). */
export function traitsOf(metric: TargetMetric): MetricTraits & { direction: TargetDirection } {
  return { ...TRAITS[metric], direction: LOWER_IS_BETTER[metric] ? 'lower' : 'higher' };
}

/** Whether the metric's figures come from its own service rather than the scope's summaries. */
export const isKpiMetric = (metric: TargetMetric): metric is KpiMetric => (KPI_METRICS as readonly string[]).includes(metric);

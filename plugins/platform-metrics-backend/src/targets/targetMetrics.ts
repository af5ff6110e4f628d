import { LOWER_IS_BETTER } from '../metrics/direction';
import { TargetDirection } from '../metrics/targets';

/** The metrics a target can be set on (docs/metrics.md §12). */
export const TARGET_METRICS = [
  'nps',
  'adoption',
  'timeToFirstDeploy',
  'leadTime',
  'timeToRestore',
  'changeFailureRate',
  'deploymentFrequency',
] as const;

export type TargetMetric = (typeof TARGET_METRICS)[number];
export type TargetUnit = 'points' | 'rate' | 'seconds' | 'perWeek';

interface MetricTraits {
  unit: TargetUnit;
  /** The range of the metric, which projections stay inside. */
  bounds: { min: number; max?: number };
  /** Whether the current figure is a median or a rate of samples, trusted from `minSamples` of them. */
  sampled: boolean;
}

const TRAITS: Record<TargetMetric, MetricTraits> = {
  nps: { unit: 'points', bounds: { min: -100, max: 100 }, sampled: false },
  adoption: { unit: 'rate', bounds: { min: 0, max: 1 }, sampled: false },
  timeToFirstDeploy: { unit: 'seconds', bounds: { min: 0 }, sampled: true },
  leadTime: { unit: 'seconds', bounds: { min: 0 }, sampled: true },
  timeToRestore: { unit: 'seconds', bounds: { min: 0 }, sampled: true },
  changeFailureRate: { unit: 'rate', bounds: { min: 0, max: 1 }, sampled: true },
  deploymentFrequency: { unit: 'perWeek', bounds: { min: 0 }, sampled: false },
};

/** The unit, range and sampling of a target's metric, and its direction (from the one table of directions). */
export function traitsOf(metric: TargetMetric): MetricTraits & { direction: TargetDirection } {
  return { ...TRAITS[metric], direction: LOWER_IS_BETTER[metric] ? 'lower' : 'higher' };
}

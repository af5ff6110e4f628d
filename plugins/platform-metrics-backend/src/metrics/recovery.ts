import { RecoveryTimeMetric } from '@platform-metrics/plugin-platform-metrics-common';
import { EntityFacts, DoraSettings } from './dora';
import { medianAndPercentile } from './stats';
import { tierFor } from './tiers';

/**
 * Failed deployment recovery time (metrics.md §4b) from the day rollups:
 * for the failed deployments that finished in the window and recovered,
 * median and nearest-rank p90 of the seconds from their finish to their
 * recovery; `open` counts those not yet recovered. The tier uses the
 * time-to-restore bounds; it is not part of the overall tier.
 */
export function failedDeploymentRecoveryTime(facts: EntityFacts[], settings: DoraSettings): RecoveryTimeMetric {
  let count = 0;
  let open = 0;
  for (const f of facts) {
    for (const d of f.days) {
      count += d.recoveries.length;
      open += d.unrecovered;
    }
  }
  const values = new Float64Array(count);
  let i = 0;
  for (const f of facts) {
    for (const d of f.days) {
      values.set(d.recoveries, i);
      i += d.recoveries.length;
    }
  }
  const { median, percentile } = medianAndPercentile(values, 90);
  return {
    median,
    p90: percentile,
    n: count,
    tier: tierFor('timeToRestore', median, count, settings.profile, settings.minSamples),
    open,
  };
}

import {
  DEFAULT_ELIGIBLE_TYPES,
  STALLED_AFTER_DAYS,
} from '@platform-metrics/plugin-platform-metrics-common';
import type { PlatformMetricsT } from '../../translation';

/**
 * How each number is computed, worded after design/metrics.md. Shown in the
 * metric tooltips so that nobody has to guess what a number means.
 */
export function metricDefinitions(t: PlatformMetricsT) {
  const days = String(STALLED_AFTER_DAYS);
  return {
    deploymentFrequency: t('definitions.deploymentFrequency'),
    leadTime: t('definitions.leadTime'),
    changeFailureRate: t('definitions.changeFailureRate'),
    timeToRestore: t('definitions.timeToRestore'),
    failedDeploymentRecoveryTime: t('definitions.failedDeploymentRecoveryTime'),
    reworkRate: t('definitions.reworkRate'),
    overallTier: t('definitions.overallTier'),
    adoption: t('definitions.adoption', {
      eligibleTypes: DEFAULT_ELIGIBLE_TYPES.join(t('common.listSeparator')),
    }),
    timeToFirstDeploy: t('definitions.timeToFirstDeploy'),
    orgTimeToFirstDeploy: t('definitions.orgTimeToFirstDeploy', { days }),
    nps: t('definitions.nps'),
  };
}

/** The adoption phases: the rate to reach by some months after launch. */
export const ADOPTION_PHASES = [
  { months: 3, labelKey: 'adoptionPhase.months3', min: 0.1 },
  { months: 6, labelKey: 'adoptionPhase.months6', min: 0.3 },
  { months: 12, labelKey: 'adoptionPhase.months12', min: 0.5 },
  { months: 18, labelKey: 'adoptionPhase.months18', min: 0.7 },
] as const;

export type AdoptionPhase = (typeof ADOPTION_PHASES)[number];

/** The phase's target, e.g. "30–40% at 6 months". */
export function phaseLabel(t: PlatformMetricsT, phase: AdoptionPhase): string {
  return t(phase.labelKey);
}

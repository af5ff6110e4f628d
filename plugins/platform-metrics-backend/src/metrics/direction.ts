/**
 * Whether a lower value of a metric is better: the one table every
 * comparison (metrics.md §9, §11) and every target (§12) takes a metric's
 * direction from. Lead time, time to restore, change failure rate and time
 * to first deploy are better lower; deployment frequency, golden-path
 * adoption and NPS higher. Of the platform KPIs (§13-§17), the
 * self-service ratio is better higher; platform incident impact, cost per
 * service, onboarding time and CI pipeline duration lower.
 */
export const LOWER_IS_BETTER = {
  deploymentFrequency: false,
  leadTime: true,
  changeFailureRate: true,
  timeToRestore: true,
  timeToFirstDeploy: true,
  adoption: false,
  nps: false,
  selfServiceRatio: false,
  platformIncidentImpact: true,
  costPerService: true,
  onboardingTime: true,
  ciDuration: true,
} as const;

/** A metric with a direction. */
export type DirectedMetric = keyof typeof LOWER_IS_BETTER;

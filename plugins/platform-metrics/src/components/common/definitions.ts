/**
 * How each number is computed, worded after design/metrics.md. Shown in the
 * metric tooltips so that nobody has to guess what a number means.
 */
export const METRIC_DEFINITIONS = {
  deploymentFrequency:
    'Successful production deployments with finishedAt in the window, divided by the window length in days (per week = per day × 7). Failed rollouts are not counted.',
  leadTime:
    'For every change shipped by a successful production deployment finished in the window: deployment finishedAt minus change committedAt. A change counts once, at the earliest deployment that shipped it. Median and nearest-rank p90; n = changes.',
  changeFailureRate:
    'Failed deployments / successful production deployments finished in the window. A deployment failed when an incident names it in causedBy, a later deployment remediates it, or an incident without causedBy opened while it was the latest deployment.',
  timeToRestore:
    'For every incident resolved in the window: resolvedAt minus openedAt. Median and nearest-rank p90; open incidents are listed but not counted.',
  reworkRate:
    'Deployments of type hotfix or rollback, or that remediate another deployment, divided by all successful production deployments in the window (DORA 2024). No benchmark tier.',
  overallTier:
    'The worst of the four DORA tiers that have enough data; insufficient data when none has.',
  adoption:
    'Eligible: Components of an eligible type (default service, website). Adopted when created from a software template (backstage.io/source-template) or annotated platform-metrics.io/golden-path: "true". Exceptions (platform-metrics.io/golden-path-exception) are excluded. Rate = adopted / (eligible − exceptions).',
  timeToFirstDeploy:
    'First successful production deployment minus the creation time (annotation platform-metrics.io/created-at, or when the catalog first saw the entity). Unknown when the creation time is unknown.',
  orgTimeToFirstDeploy:
    'Median time to first deploy of the entities created in the window (the cohort). Stalled: cohort entities created at least 30 days ago with no successful production deployment within 30 days.',
  nps: 'Promoters score 9–10, passives 7–8, detractors 0–6. NPS = round(100 × (promoters − detractors) / responses), from −100 to 100.',
} as const;

export const ADOPTION_PHASES: Array<{
  months: number;
  label: string;
  min: number;
}> = [
  { months: 3, label: '10–20% at 3 months', min: 0.1 },
  { months: 6, label: '30–40% at 6 months', min: 0.3 },
  { months: 12, label: '>50% at 12 months', min: 0.5 },
  { months: 18, label: '>70% at 18 months', min: 0.7 },
];

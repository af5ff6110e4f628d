/** Shared words, units, counts, tiers, bands, metric definitions and the metric card: the English defaults of the plugin's translation ref. */
export const commonMessages = {
  common: {
    none: '—',
    noData: 'No data',
    loading: 'Loading',
    unknownError: 'Unknown error',
    listSeparator: ', ',
    detailSeparator: ' · ',
  },
  window: {
    selectorLabel: 'Time window',
    option: '{{days}} days',
    range: '{{first}} – {{last}} (UTC)',
    unparsedRange: '{{from}} – {{to}}',
  },
  duration: {
    seconds: '{{value}} s',
    minutes: '{{value}} min',
    hours_one: '{{value}} hour',
    hours_other: '{{value}} hours',
    days_one: '{{value}} day',
    days_other: '{{value}} days',
  },
  frequency: {
    perDay: '{{value}} per day',
    perWeek: '{{value}} per week',
    perMonth: '{{value}} per month',
  },
  percent: '{{value}}%',
  axis: {
    hours: '{{value}} h',
    percent: '{{value}}%',
  },
  count: {
    deployments_one: '{{count}} deployment',
    deployments_other: '{{count}} deployments',
    changes_one: '{{count}} change',
    changes_other: '{{count}} changes',
    incidents_one: '{{count}} incident',
    incidents_other: '{{count}} incidents',
    resolvedIncidents_one: '{{count}} resolved incident',
    resolvedIncidents_other: '{{count}} resolved incidents',
    responses_one: '{{count}} response',
    responses_other: '{{count}} responses',
    exceptions_one: '{{count}} exception',
    exceptions_other: '{{count}} exceptions',
    entities_one: '{{count}} entity',
    entities_other: '{{count}} entities',
    stalledEntities_one: '{{count}} stalled entity',
    stalledEntities_other: '{{count}} stalled entities',
    comments_one: '{{count}} comment',
    comments_other: '{{count}} comments',
    promoters_one: '{{count}} promoter',
    promoters_other: '{{count}} promoters',
    passives_one: '{{count}} passive',
    passives_other: '{{count}} passives',
    detractors_one: '{{count}} detractor',
    detractors_other: '{{count}} detractors',
  },
  tier: {
    elite: 'Elite',
    high: 'High',
    medium: 'Medium',
    low: 'Low',
    insufficientData: 'Insufficient data',
    withBenchmark: '{{tier}} · {{benchmark}}',
  },
  benchmark: {
    dora: 'DORA {{year}}',
    unknown: 'unknown benchmark',
  },
  npsBand: {
    critical: 'Critical',
    poor: 'Poor',
    acceptable: 'Acceptable',
    good: 'Good',
    amazing: 'Amazing',
    topPercentile: 'Top percentile',
  },
  definitions: {
    deploymentFrequency:
      'Successful production deployments with finishedAt in the window, divided by the window length in days (per week = per day × 7). Failed rollouts are not counted.',
    leadTime:
      'For every change shipped by a successful production deployment finished in the window: deployment finishedAt minus change committedAt. A change counts once, at the earliest deployment that shipped it. Median and nearest-rank p90; n = changes.',
    changeFailureRate:
      'Failed deployments / successful production deployments finished in the window. A deployment failed when an incident names it in causedBy, a later deployment remediates it, or an incident without causedBy opened while it was the latest deployment.',
    timeToRestore:
      'For every incident resolved in the window: resolvedAt minus openedAt. Median and nearest-rank p90; open incidents are listed but not counted.',
    failedDeploymentRecoveryTime:
      'For every failed deployment finished in the window: from its finishedAt to the earliest resolution of an incident attributed to it or finish of a deployment that remediates it. Tier by the time-to-restore bounds, not part of the overall tier; n = recovered failed deployments.',
    reworkRate:
      'Deployments of type hotfix or rollback, or that remediate another deployment, divided by all successful production deployments in the window (DORA 2024). No benchmark tier.',
    overallTier:
      'The worst of the four DORA tiers that have enough data; insufficient data when none has.',
    adoption:
      'Eligible: Components of an eligible type (default {{eligibleTypes}}). Adopted when any of the configured adoption rules matches; the Scorecard tab of a component names them. Exceptions (platform-metrics.io/golden-path-exception) are excluded. Rate = adopted / (eligible − exceptions).',
    timeToFirstDeploy:
      'First successful production deployment minus the creation time (annotation platform-metrics.io/created-at, or when the catalog first saw the entity). Unknown when the creation time is unknown.',
    orgTimeToFirstDeploy:
      'Median time to first deploy of the entities created in the window (the cohort). Stalled: cohort entities created at least {{days}} days ago with no successful production deployment within {{days}} days.',
    nps: 'Promoters score 9–10, passives 7–8, detractors 0–6. NPS = round(100 × (promoters − detractors) / responses), from −100 to 100.',
  },
  adoptionPhase: {
    months3: '10–20% at 3 months',
    months6: '30–40% at 6 months',
    months12: '>50% at 12 months',
    months18: '>70% at 18 months',
  },
  weekly: {
    deploymentsPerWeek: 'Deployments per week',
    productionDeployments: 'Production deployments',
    leadTime: 'Median lead time (hours)',
    changeFailureRate: 'Change failure rate (%)',
    timeToRestore: 'Median time to restore (hours)',
    deploysPerWeekUnit: 'deploys / week',
    hoursUnit: 'hours',
    percentOfDeploysUnit: '% of deploys',
  },
  trendChart: {
    empty: 'No data in this window yet.',
    noValue: 'no data',
  },
  metricCard: {
    definitionButton: 'How {{title}} is computed',
    sampleSize: 'n = {{n}}',
    insufficientSamples: '{{sample}}, tier needs ≥ {{minSamples}}',
    noBenchmarkTier: 'No benchmark tier',
    trendTitle: '{{title}}: weekly trend',
    trendXLabel: 'Week',
    trendEmpty: 'No weekly data in this window.',
  },
} as const;

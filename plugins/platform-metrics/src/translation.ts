import {
  createTranslationRef,
  TranslationFunction,
} from '@backstage/frontend-plugin-api';

/**
 * Every text the platform-metrics frontend shows, in English. Override them
 * with `createTranslationMessages` or `createTranslationResource`.
 *
 * @alpha
 */
export const platformMetricsTranslationRef = createTranslationRef({
  id: 'platform-metrics',
  messages: {
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
    scorecard: {
      title: 'Scorecard',
      loading: 'Loading scorecard',
      errorTitle: 'Could not load the scorecard',
      emptyTitle: 'No scorecard yet',
      emptyDescription:
        "Send deployments and incidents to /api/platform-metrics to see this component's metrics.",
      medianAndP90: 'median; p90 {{p90}}',
      deploymentFrequency: {
        title: 'Deployment frequency',
        noValue: 'No production deployments in {{days}} days',
        details:
          '{{deployments}} in {{days}} days ({{frequency}}; {{perWeek}} per week)',
      },
      leadTime: {
        title: 'Lead time for changes',
        noValue: 'No changes shipped',
      },
      changeFailureRate: {
        title: 'Change failure rate',
        noValue: 'No deployments',
        details: '{{failed}} of {{deployments}} failed',
      },
      timeToRestore: {
        title: 'Time to restore service',
        noValue: 'No resolved incidents',
        open: '{{incidents}} still open',
      },
      reworkRate: {
        title: 'Rework rate',
        noValue: 'No deployments',
        details: '{{rework}} of {{deployments}} were rework',
      },
      overall: {
        region: 'Overall',
        title: 'Overall DORA tier',
        window:
          'Benchmark profile: {{benchmark}} · window {{range}} ({{days}} days)',
        timeToFirstDeploy: 'Time to first deploy',
        creationUnknown: 'Unknown: creation time not recorded',
        noDeployYet: 'No production deployment yet',
        created: 'Created {{created}}',
        createdAndFirstDeploy:
          'Created {{created}} · first production deploy {{firstDeploy}}',
      },
      goldenPath: {
        title: 'Golden path',
        adopted: 'Adopted',
        exception: 'Exception',
        notAdopted: 'Not adopted',
        notEligible: 'Not eligible',
        adoptedText: 'This component is on the golden path.',
        matchedRule: 'Adopted because {{rule}}.',
        exceptionText:
          'Documented exception: {{reason}}. Excluded from the adoption rate.',
        noReason: 'no reason given',
        anyRuleAdopts: 'Any of these adopts it:',
        noRuleMatches: 'No adoption rule matches this component.',
        notEligibleText:
          'Only Components of the eligible types (by default {{eligibleTypes}}) count towards golden-path adoption.',
        typesConjunction: ' and ',
      },
      deployments: {
        title: 'Latest deployments',
        empty: 'No deployments recorded in this window.',
        finished: 'Finished',
        version: 'Version',
        environment: 'Environment',
        type: 'Type',
        changes: 'Changes',
        result: 'Result',
        rolloutFailed: 'Rollout failed',
        failedChange: 'Failed change',
        succeeded: 'Succeeded',
      },
      deploymentType: {
        standard: 'standard',
        hotfix: 'hotfix',
        rollback: 'rollback',
      },
      incidents: {
        title: 'Latest incidents',
        empty: 'No incidents recorded in this window.',
        opened: 'Opened',
        severity: 'Severity',
        restoredIn: 'Restored in',
        causedBy: 'Caused by',
        open: 'Open',
      },
    },
    healthPage: {
      title: 'Platform health',
      subtitle:
        'DORA metrics, golden-path adoption and developer NPS across the organisation',
      teamSubtitle: 'Team view: {{team}}',
      wholeOrganisation: 'Whole organisation',
      teamHeading: 'Team: {{team}}',
      backToOrganisation: 'Back to the whole organisation',
      loading: 'Loading platform health',
      errorTitle: 'Could not load platform health',
      emptyTitle: 'No platform metrics yet',
      emptyDescription:
        'Once deployments, incidents and survey responses arrive, they show up here.',
      windowLine: '{{range}} · benchmark profile {{benchmark}}',
      windowLineComputedAt:
        '{{range}} · benchmark profile {{benchmark}} · figures as of {{computedAt}}',
      trends: 'Trends',
    },
    tiles: {
      nps: {
        title: 'Developer NPS',
        noResponses: 'No responses yet',
        withheld: 'Withheld: {{reason}}',
        responsesInSurvey: '{{responses}} · survey {{surveyId}}',
        survey: 'survey {{surveyId}}',
        breakdown:
          '{{promoters}} promoters · {{passives}} passives · {{detractors}} detractors',
      },
      adoption: {
        title: 'Golden-path adoption',
        noEligible: 'No eligible entities',
        ofEligible: '{{adopted}} of {{eligible}} eligible entities',
        exceptionsExcluded: ' ({{exceptions}} excluded)',
        meter: 'Adoption against the adoption phases',
        atPhase: 'At the {{months}}-month phase ({{label}})',
        belowPhase: 'Below the {{months}}-month phase ({{label}})',
        phases: 'Phases: {{phases}}',
        phaseMarker: '{{months}}m',
      },
      timeToFirstDeploy: {
        title: 'Time to first deploy',
        cohort: 'median of the latest cohort ({{entities}})',
        stalled: '{{stalled}} (no deploy within {{days}} days)',
      },
      tierDistribution: {
        title: 'DORA tier distribution',
        definition:
          'Entities by overall DORA tier, benchmark {{benchmark}}: {{overallTier}}',
        none: 'No entities with metrics yet',
        listLabel: 'Entities per tier',
        item: '{{tier}}: {{n}}',
      },
    },
    trends: {
      npsTitle: 'NPS by survey',
      npsXLabel: 'Survey',
      npsYLabel: 'NPS (−100 to 100)',
      npsSeries: 'Developer NPS',
      npsAcceptable: 'acceptable ≥ {{score}}',
      npsGood: 'good ≥ {{score}}',
      npsEmpty: 'No survey responses yet.',
      adoptionTitle: 'Golden-path adoption over time',
      adoptionXLabel: 'Date',
      adoptionYLabel: '% of eligible entities',
      adoptionSeries: 'Adoption (%)',
      adoptionEmpty: 'No adoption snapshots yet.',
      weekStarting: 'Week starting',
      deploymentsTitle: 'Weekly deployments',
      leadTimeTitle: 'Weekly lead time for changes',
      changeFailureRateTitle: 'Weekly change failure rate',
      timeToRestoreTitle: 'Weekly time to restore service',
      noDeployments: 'No deployments in this window.',
      noChanges: 'No changes shipped in this window.',
      noIncidents: 'No incidents resolved in this window.',
    },
    teams: {
      title: 'Teams',
      team: 'Team',
      entities: 'Entities',
      adoption: 'Adoption',
      overallTier: 'Overall tier',
      deploymentFrequency: 'Deploy frequency',
      leadTime: 'Lead time',
      changeFailureRate: 'Change failure',
      timeToRestore: 'Time to restore',
      nps: 'NPS',
      npsScore: '{{score}} (n = {{n}})',
      npsHiddenBecause: 'hidden: {{reason}}',
      npsNoResponses: 'no responses',
      npsHidden: 'hidden',
      empty: 'No owner groups with eligible entities in this window.',
    },
    comments: {
      region: 'Survey comments',
      title: 'Survey comments ({{surveyId}})',
      note: 'Shown without identity, to holders of the comments permission.',
      loading: 'Loading comments',
      errorTitle: 'Could not load the comments',
      topCategories: 'Top categories (suggested priorities)',
      topCategoriesLabel: 'Top comment categories',
      noCategories: 'No categorised comments yet.',
      heading: 'Comments',
      listLabel: 'Comments',
      empty: 'No comments for this survey.',
      category: '{{category}} ({{comments}})',
      withheld: 'No comments shown: {{reason}}.',
      bucket: {
        promoter: 'Promoter',
        passive: 'Passive',
        detractor: 'Detractor',
      },
    },
    integrations: {
      region: 'Connected tools',
      title: 'Connected tools',
      note: 'Webhook deliveries of the last 24 hours. Shown to holders of the integrations permission.',
      loading: 'Loading the webhook status',
      errorTitle: 'Could not load the webhook status',
      tool: 'Tool',
      lastDelivery: 'Last delivery',
      deliveries: 'Deliveries',
      signatureFailures: 'Signature failures',
      unprocessable: 'Not understood',
      unmatched: 'Matching no entity',
      notConfigured: 'not configured',
      never: 'never',
      unmatchedItem: '{{value}} ({{annotation}}): {{deliveries}}',
      providers: {
        github: 'GitHub',
        gitlab: 'GitLab',
        pagerduty: 'PagerDuty',
        argocd: 'Argo CD',
      },
    },
    survey: {
      title: 'Developer survey',
      loading: 'Loading survey',
      errorTitle: 'Could not load the survey',
      thanks: 'Thank you for your answer!',
      answered:
        'You answered {{score}} out of {{max}}. It helps the platform team decide what to improve next.',
      changeAnswer: 'Change my answer',
      lowestScore: '{{score}}, not at all likely',
      highestScore: '{{score}}, extremely likely',
      lowestCaption: 'Not at all likely',
      highestCaption: 'Extremely likely',
      commentHelper: 'Optional · {{length}}/{{max}}',
      submit: 'Submit',
      notNow: 'Not now',
    },
  },
});

/** The translation function of {@link platformMetricsTranslationRef}. */
export type PlatformMetricsT = TranslationFunction<
  typeof platformMetricsTranslationRef.T
>;

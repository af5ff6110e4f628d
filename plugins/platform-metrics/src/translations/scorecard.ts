/** The Scorecard tab: its metric cards, the CI pipelines and cost cards, the tables: the English defaults of the plugin's translation ref. */
export const scorecardMessages = {
  pipelines: {
    title: 'CI pipelines',
    loading: 'Loading CI pipeline runs',
    errorTitle: 'Could not load the CI pipeline runs',
    definition:
      'Duration: finishedAt minus startedAt of the succeeded runs finished in the window (median and nearest-rank p90). Failure rate: failed / (succeeded + failed). Flaky: commits whose runs both failed and succeeded, of the commits with runs.',
    noRuns: 'No pipeline runs',
    noRunsDescription:
      'Send runs to POST /api/platform-metrics/pipeline-runs at the end of each pipeline.',
    p90: 'p90 {{value}}',
    succeededRuns_one: '{{count}} succeeded run',
    succeededRuns_other: '{{count}} succeeded runs',
    failureRate: 'Failure rate {{value}} ({{failed}} of {{total}})',
    flaky: 'Flaky commits {{value}} ({{flaky}} of {{commits}})',
    targetMet: 'Under the 10-minute target',
    targetMissed: 'Over the 10-minute target',
    targetLine: '10 min target',
    trendName: 'Median duration',
    minutesUnit: 'minutes',
    axisMinutes: '{{value}} min',
  },
  costs: {
    title: 'Cost',
    loading: 'Loading costs',
    errorTitle: 'Could not load the costs',
    definition:
      'The cost records of this service summed per calendar month (UTC), over the last 12 months. Per deployment: the total divided by the successful production deployments of those months.',
    noCosts: 'No cost records',
    noCostsDescription:
      'Send monthly or daily costs to POST /api/platform-metrics/costs, for example from a billing export.',
    perMonth: '{{amount}} per month',
    total_one: '{{amount}} in {{count}} month',
    total_other: '{{amount}} in {{count}} months',
    perDeployment: '{{amount}} per production deployment',
    trendTitle: 'Cost per month',
    monthLabel: 'Month',
  },
  standing: {
    title: 'Against team and org',
    definition:
      "This service's figure of the window beside its owner team's and the organisation's, from their summaries of the same window. The team and organisation figures pool every change, deployment and incident of their components: lead time and time to restore are the medians of all of them, not the median of the services' medians; the change failure rate is all failed deployments over all deployments; deployment frequency is the scope's deployments per day divided by its components, deploying or not. About the same: within 10% of the other figure. No comparison below {{minSamples}} samples on either side.",
    loading: 'Loading the team and organisation figures',
    errorTitle: 'Could not load the team and organisation figures',
    owner: 'Owner team: {{team}}',
    notGroup:
      'Owned by {{owner}}, not a group: compared with the organisation only.',
    noOwner: 'No owner: compared with the organisation only.',
    teamHidden:
      "The team's figures are not available to you: compared with the organisation only.",
    teamError:
      "Could not load the team's figures ({{message}}): compared with the organisation only.",
    service: 'This service',
    itsTeam: 'its team',
    theOrg: 'the organisation',
    chartTitle: '{{metric}}: this service, its team and the organisation',
    chartTitleOrgOnly: '{{metric}}: this service and the organisation',
    chartService: 'Service',
    chartTeam: 'Team',
    chartOrg: 'Org',
    figure: '{{label}}: {{value}}',
    sample: '{{value}} ({{sample}})',
    perComponent: '{{value}} per component ({{deployments}}, {{components}})',
    components_one: '{{count}} component',
    components_other: '{{count}} components',
    same: 'About the same as {{reference}}',
    tooFew: 'Too few samples to compare with {{reference}}',
    noValue: 'No figure to compare with {{reference}}',
    leadTime: {
      team: 'Team, all its changes',
      org: 'Organisation, all changes',
      unit: 'hours',
      better: 'Ships changes faster than {{reference}}',
      worse: 'Ships changes slower than {{reference}}',
    },
    deploymentFrequency: {
      team: 'Team, per component',
      org: 'Organisation, per component',
      unit: 'deploys / week',
      better: 'Deploys more often than {{reference}}',
      worse: 'Deploys less often than {{reference}}',
    },
    changeFailureRate: {
      team: 'Team, all its deployments',
      org: 'Organisation, all deployments',
      unit: '% of deploys',
      better: 'Fails less often than {{reference}}',
      worse: 'Fails more often than {{reference}}',
    },
    timeToRestore: {
      team: 'Team, all its incidents',
      org: 'Organisation, all incidents',
      unit: 'hours',
      better: 'Restores service faster than {{reference}}',
      worse: 'Restores service slower than {{reference}}',
    },
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
      noValue_one: 'No production deployments in {{count}} day',
      noValue_other: 'No production deployments in {{count}} days',
      details_one:
        '{{deployments}} in {{count}} day ({{frequency}}; {{perWeek}} per week)',
      details_other:
        '{{deployments}} in {{count}} days ({{frequency}}; {{perWeek}} per week)',
    },
    leadTime: {
      title: 'Lead time for changes',
      noValue: 'No changes shipped',
      coverage_one:
        'change data coverage {{share}} ({{complete}} of {{count}} deployment)',
      coverage_other:
        'change data coverage {{share}} ({{complete}} of {{count}} deployments)',
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
    failedDeploymentRecoveryTime: {
      title: 'Failed deployment recovery time',
      noValue: 'No recovered failed deployments',
      open: '{{deployments}} not yet recovered',
    },
    reworkRate: {
      title: 'Rework rate',
      noValue: 'No deployments',
      details: '{{rework}} of {{deployments}} were rework',
    },
    overall: {
      region: 'Overall',
      title: 'Overall DORA tier',
      window_one:
        'Benchmark profile: {{benchmark}} · window {{range}} ({{count}} day)',
      window_other:
        'Benchmark profile: {{benchmark}} · window {{range}} ({{count}} days)',
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
} as const;

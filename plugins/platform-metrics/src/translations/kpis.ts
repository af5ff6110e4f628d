/** The "Platform KPIs" section of the org's Platform health page: the English defaults of the plugin's translation ref. */
export const kpisMessages = {
  kpis: {
    title: 'Platform KPIs',
    caption:
      'The platform’s eight KPIs, each with its trend and, where one is set in platformMetrics.targets, its target.',
    tileLabel: '{{metric}}, platform KPI',
    loading: 'Loading {{metric}}',
    errorTitle: 'Could not load {{metric}}',
    noData: 'No data yet',
    trend: '{{metric}} trend: from {{first}} to {{last}}',
    trendWithTarget: '{{metric}} trend: from {{first}} to {{last}}, the target {{target}} dashed',
    adoption: {
      detail: '{{adopted}} of {{eligible}} eligible components',
    },
    ttfd: {
      detail: 'median of {{n}} new components that deployed',
    },
    nps: {
      detail: '{{n}} responses, survey {{surveyId}}',
      withheld: 'Withheld: {{reason}}',
    },
    selfService: {
      detail: '{{selfService}} of {{n}} requests closed self-service',
    },
    incidents: {
      detail: 'lost to {{incidents}} platform incidents in {{days}} days',
      noOwners: 'Set platformMetrics.platformOwners to count platform incidents',
    },
    costs: {
      detail: 'median monthly cost per service in {{month}}, of {{services}} services',
    },
    onboarding: {
      detail: '{{n}} of {{cohort}} new engineers shipped to production',
      withheld: 'Withheld: {{reason}}',
    },
    ci: {
      detail: 'median of {{n}} succeeded runs, p90 {{p90}}',
    },
  },
} as const;

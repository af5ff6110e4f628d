/** The onboarding time card (metrics.md §6d): the English defaults of the plugin's translation ref. */
export const onboardingMessages = {
  onboarding: {
    title: 'Onboarding time',
    definition:
      'Time to onboard a new engineer: from their start (the platform-metrics.io/start-date annotation of their catalog User, else the first time the catalog listed them) to the first production deployment that shipped a change they authored. The median of the engineers who started in the window; an engineer without such a deployment within {{days}} days has stalled. Shown only for groups of at least the minimum group size of the developer survey, never for a person.',
    loading: 'Loading the onboarding time',
    errorTitle: 'Could not load the onboarding time',
    empty:
      'No new engineers started in this window. Their start is the platform-metrics.io/start-date annotation of their catalog User, or the first time the catalog listed them.',
    withheld: 'Withheld: {{reason}}',
    medianWithheld: 'Median withheld: {{reason}}',
    target: 'Target: under {{target}}',
    targetMet: 'Target under {{target}}: met',
    targetMissed: 'Target under {{target}}: not met',
    cohort_one: '{{count}} engineer started in the window, {{shipped}} shipped to production',
    cohort_other: '{{count}} engineers started in the window, {{shipped}} shipped to production',
    stalled_one: '{{count}} stalled: no production deployment within {{days}} days',
    stalled_other: '{{count}} stalled: no production deployment within {{days}} days',
    pending_one: '{{count}} still in their first {{days}} days without one',
    pending_other: '{{count}} still in their first {{days}} days without one',
  },
} as const;

/** The targets on the summary (the tiles' badges and the Targets card): the English defaults of the plugin's translation ref. */
export const targetsMessages = {
  targets: {
    badge: {
      label: 'Target of {{metric}}',
      higher: 'Target ≥ {{value}} by {{by}}',
      lower: 'Target ≤ {{value}} by {{by}}',
      progress: '{{metric}}: progress towards the target',
    },
    card: {
      title: 'Targets',
      caption:
        'Each target of this scope: its progress from the baseline (or its first figure) towards the target, and whether the trend meets it by its date.',
    },
    sparkline: {
      title: '{{metric}} over time ({{unit}}), the target dashed',
      target: 'Target',
      value: 'Figure',
      units: {
        points: 'NPS points',
        rate: '%',
        minutes: 'minutes',
        hours: 'hours',
        days: 'days',
        perWeek: 'deploys per week',
        developerHours: 'developer-hours per 90 days',
      },
    },
    metrics: {
      selfServiceRatio: 'Self-service ratio',
      platformIncidentImpact: 'Platform incident impact',
      costPerService: 'Cost per service',
      onboardingTime: 'Onboarding time',
      ciDuration: 'CI pipeline duration',
    },
    values: {
      developerHours: '{{value}} developer-hours',
    },
  },
} as const;

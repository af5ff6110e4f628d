/** Time to first deploy per software template (issue 12 §3): the English defaults of the plugin's translation ref. */
export const templatesMessages = {
  templates: {
    title: 'Time to first deploy per software template',
    intro:
      'Services created in this window from each golden-path template: how fast the template gets a new service to production.',
    template: 'Template',
    created: 'Created',
    deployed: 'Deployed',
    median: 'Median time to first deploy',
    stalled: 'Stalled (no deploy within 30 days)',
    empty: 'No service was created from a template in this window.',
    chartTitle: 'Median time to first deploy per template (days)',
    axis: 'Template',
    axisDays: 'Days to first deploy',
    series: 'Median (days)',
  },
} as const;

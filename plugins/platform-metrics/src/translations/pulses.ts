/** The pulse question on the survey card and the pulse results card: the English defaults of the plugin's translation ref. */
export const pulsesMessages = {
  pulses: {
    question: {
      about: 'About {{entity}}',
      scaleLabel: 'Your answer, from 1 (worst) to 5 (best)',
      lowest: '1 (worst)',
      highest: '5 (best)',
      submit: 'Answer',
      dismiss: 'Not now',
      thanks: 'Thanks, your answer is recorded. It is counted only in groups of answers, never shown as yours.',
      errorTitle: 'Could not send your answer',
    },
    card: {
      title: 'Pulse questions',
      definition:
        'Short questions asked to one person in context (for example after a new service’s first production deployment), answered from 1 to 5. Answers are counted per question and calendar quarter, released in steps of the survey’s minimum group size, earliest first, and only for whole days: no figure ever differs from another by fewer people than that.',
      loading: 'Loading the pulse results',
      errorTitle: 'Could not load the pulse results',
      empty: 'No pulse questions were asked in this period.',
      period: 'Answers of {{quarters}}',
      tableLabel: 'Pulse results per question',
      questionColumn: 'Question',
      nColumn: 'Answers',
      favourableColumn: 'Favourable (4–5)',
      meanColumn: 'Mean',
      distributionColumn: 'Distribution',
      distribution: '{{one}} answered 1, {{two}} answered 2, {{three}} answered 3, {{four}} answered 4, {{five}} answered 5',
      withheld: 'Withheld: {{reason}}',
    },
  },
} as const;

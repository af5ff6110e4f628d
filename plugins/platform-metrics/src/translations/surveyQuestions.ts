/** The survey's agreement questions, on the survey card and the health page: the English defaults of the plugin's translation ref. */
export const surveyQuestionsMessages = {
  surveyQuestions: {
    card: {
      intro: 'A few statements about your work with the platform: how much do you agree? Each answer is saved as you choose it.',
      saved: 'Saved',
      saving: 'Saving',
      saveFailed: 'Not saved: {{message}}',
      strongly_disagree: 'Strongly disagree',
      strongly_agree: 'Strongly agree',
      value: '{{value}}: {{label}}',
      answeredCount: '{{answered}} of {{total}} statements answered',
    },
    scale: {
      one: 'strongly disagree',
      two: 'disagree',
      three: 'neither agree nor disagree',
      four: 'agree',
      five: 'strongly agree',
    },
    dimension: {
      satisfaction: 'Satisfaction',
      performance: 'Performance',
      activity: 'Activity',
      communication: 'Communication',
      efficiency: 'Efficiency and flow',
    },
    results: {
      title: 'Developer experience (SPACE)',
      definition:
        'The survey’s agreement statements, answered from 1 (strongly disagree) to 5 (strongly agree), grouped by SPACE dimension. Favourable is the share answering 4 or 5. Shown only from the published results, under the NPS rules: no figure below the minimum group size, and a team only where its NPS is published.',
      loading: 'Loading the survey statements',
      errorTitle: 'Could not load the survey statements',
      empty: 'The survey asks no agreement statements.',
      dimensionsLabel: 'SPACE dimensions, favourable share',
      favourable: '{{share}} favourable',
      answers: '{{n}} answers',
      withheld: 'Withheld',
      noData: 'No published answers yet',
      trendLabel: '{{dimension}}: favourable share per survey, {{points}}',
      tableLabel: 'Agreement statements of the {{surveyId}} survey',
      statementColumn: 'Statement',
      dimensionColumn: 'Dimension',
      distributionColumn: 'Answers 1 to 5',
      favourableColumn: 'Favourable (4–5)',
      meanColumn: 'Mean',
      nColumn: 'Respondents',
      trendColumn: 'Favourable per survey',
      distribution:
        '{{one}} answered 1, {{two}} answered 2, {{three}} answered 3, {{four}} answered 4, {{five}} answered 5',
    },
  },
} as const;

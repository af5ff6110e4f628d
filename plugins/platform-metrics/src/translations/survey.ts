/** The survey card: the English defaults of the plugin's translation ref. */
export const surveyMessages = {
  survey: {
    title: 'Developer survey',
    loading: 'Loading survey',
    errorTitle: 'Could not load the survey',
    thanks: 'Thank you for your answer!',
    answered:
      'You answered {{score}} out of {{max}}. It helps the platform team decide what to improve next.',
    changeAnswer: 'Change my answer',
    answeredBefore:
      'Thanks: you answered {{score}} out of {{max}} in the {{surveyId}} survey.',
    answeredNoScore: 'Thanks: you answered the {{surveyId}} survey.',
    nextSurvey: 'The next survey opens on {{date}}.',
    snoozed: 'Not now: the survey asks again after {{date}}.',
    answerNow: 'Answer now',
    noSurvey: 'No survey is running.',
    lowestScore: '{{score}}, not at all likely',
    highestScore: '{{score}}, extremely likely',
    lowestCaption: 'Not at all likely',
    highestCaption: 'Extremely likely',
    commentHelper: 'Optional · {{length}}/{{max}}',
    submit: 'Submit',
    notNow: 'Not now',
  },
} as const;

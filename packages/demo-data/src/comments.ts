/**
 * Survey comments. Each one uses words a keyword categoriser can sort into a
 * category: "ci speed", "documentation", "environments", "on-call",
 * "onboarding", plus praise of the golden path.
 */

export type CommentTheme =
  | 'ci-speed'
  | 'documentation'
  | 'environments'
  | 'on-call'
  | 'onboarding'
  | 'golden-path';

/** Complaints, by theme (said by detractors and passives). */
export const COMPLAINTS: Record<CommentTheme, readonly string[]> = {
  'ci-speed': [
    'CI builds take 40 minutes, the pipeline is the slowest part of my day.',
    'Flaky tests in CI mean I re-run the build three times before I can merge.',
    'The build queue is so slow that we batch changes and deploy less often.',
    'Waiting for CI runners in the afternoon kills my flow; the pipeline needs more capacity.',
  ],
  documentation: [
    'The docs and README files are out of date; I could not find an example of how to rotate a secret.',
    'Our deploy pipeline is undocumented; the only guide is scattered across three wikis.',
    'Missing docs and examples for the service templates, I had to read the source to understand them.',
    'Please document the runbooks; half of the README files are empty.',
  ],
  environments: [
    'Getting a staging environment takes a week of tickets.',
    'Staging is shared and always broken, so we test in production.',
    'We need preview environments per pull request; the shared test environment is a bottleneck.',
    'Environment drift between staging and production caused our last outage.',
  ],
  'on-call': [
    'On-call is exhausting: too many noisy alerts and pages at night.',
    'The pager went off 30 times last week, most alerts were not actionable.',
    'Incident response is chaotic; on-call rotations need better runbooks and alerting.',
    'Being on-call for the legacy systems burns the team out; the alerts never stop.',
  ],
  onboarding: [
    'Onboarding took me a month before my first deploy to production.',
    'As a new joiner I did not know where to start; getting started guides are missing.',
    'Onboarding a new service still needs a dozen manual steps and access requests.',
    'New hires need a buddy for weeks because the onboarding path is unclear.',
  ],
  'golden-path': [
    'Not every team can use the golden path yet; our stack is not supported.',
    'The golden path template is too opinionated for our batch jobs.',
  ],
};

/** Praise, by theme (said by promoters, mostly after the platform launch). */
export const PRAISE: Record<CommentTheme, readonly string[]> = {
  'ci-speed': [
    'CI is so much faster since the shared build cache; the pipeline takes 6 minutes now.',
    'Builds are fast and green, I merge and deploy several times a day.',
  ],
  documentation: [
    'The docs and guides in the portal are finally up to date and searchable.',
    'TechDocs next to each service made the README and examples easy to find.',
  ],
  environments: [
    'Preview environments for every pull request changed how we test.',
    'Spinning up a staging environment is one click now.',
  ],
  'on-call': [
    'Automatic rollbacks mean far fewer pages; on-call is calm now.',
    'Alerts are actionable now and the incident runbooks are linked from every service.',
  ],
  onboarding: [
    'Onboarding was smooth: I shipped to production on my second day.',
    'The getting started guide and the templates made onboarding easy for our new joiners.',
  ],
  'golden-path': [
    'The golden path template got our new service to production on day one.',
    'Creating a service from the template with CI, monitoring and deploys wired in is great.',
    'Love the platform: templates, fast pipelines and self-service deploys.',
  ],
};

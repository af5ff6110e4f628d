import { UsageError } from './errors';

/**
 * What the CLI takes from the CI system it runs in: the run's id, for a
 * default deployment id that stays the same when a step is retried.
 */

export type Env = Record<string, string | undefined>;

/** `[name, run id]` per CI system, by its well-known variables; the first that applies wins. */
const CI_RUNS: Array<[string, (env: Env) => string | undefined]> = [
  [
    'GitHub Actions',
    e =>
      e.GITHUB_ACTIONS === 'true' && e.GITHUB_RUN_ID
        ? `github-${e.GITHUB_RUN_ID}`
        : undefined,
  ],
  [
    'GitLab CI',
    e =>
      e.GITLAB_CI && e.CI_PIPELINE_ID
        ? `gitlab-${e.CI_PIPELINE_ID}`
        : undefined,
  ],
  [
    'Buildkite',
    e =>
      e.BUILDKITE_BUILD_ID ? `buildkite-${e.BUILDKITE_BUILD_ID}` : undefined,
  ],
  [
    'CircleCI',
    e =>
      e.CIRCLE_WORKFLOW_ID ? `circleci-${e.CIRCLE_WORKFLOW_ID}` : undefined,
  ],
  // BUILD_TAG is jenkins-${JOB_NAME}-${BUILD_NUMBER}: unique per Jenkins, unlike BUILD_NUMBER
  ['Jenkins', e => (e.JENKINS_URL && e.BUILD_TAG ? e.BUILD_TAG : undefined)],
  [
    'Azure Pipelines',
    e =>
      e.TF_BUILD && e.BUILD_BUILDID ? `azure-${e.BUILD_BUILDID}` : undefined,
  ],
  [
    'Bitbucket Pipelines',
    e =>
      e.BITBUCKET_PIPELINE_UUID
        ? `bitbucket-${e.BITBUCKET_PIPELINE_UUID.replace(/[{}]/g, '')}`
        : undefined,
  ],
  [
    'Travis CI',
    e => (e.TRAVIS_BUILD_ID ? `travis-${e.TRAVIS_BUILD_ID}` : undefined),
  ],
];

/** The CI run the CLI runs in, if it knows the CI system. */
export function ciRun(env: Env): { ci: string; runId: string } | undefined {
  for (const [ci, of] of CI_RUNS) {
    const runId = of(env);
    if (runId) return { ci, runId };
  }
  return undefined;
}

/**
 * The default deployment id: `<run>:<entity>:<environment>`, with the CI
 * run (e.g. `github-1234567890`) or else the deployed commit's sha. The
 * entity and environment keep it unique when one run deploys several
 * entities or environments.
 */
export function defaultDeploymentId(opts: {
  env: Env;
  entity: string;
  environment: string;
  commitSha?: string;
}): string | undefined {
  const run = ciRun(opts.env)?.runId ?? opts.commitSha;
  if (!run) return undefined;
  return `${run}:${opts.entity.trim().toLowerCase()}:${opts.environment
    .trim()
    .toLowerCase()}`.slice(0, 255);
}

/** `[kind:][namespace/]name` as the API reads it: kind defaults to component, namespace to default. */
export function parseEntityRef(ref: string): {
  kind: string;
  namespace: string;
  name: string;
} {
  const m = /^\s*(?:([^:/\s]+):)?(?:([^:/\s]+)\/)?([^:/\s]+)\s*$/.exec(ref);
  if (!m) {
    throw new UsageError(
      `not an entity ref: ${ref} (expected [kind:][namespace/]name)`,
    );
  }
  return {
    kind: (m[1] ?? 'component').toLowerCase(),
    namespace: (m[2] ?? 'default').toLowerCase(),
    name: m[3].toLowerCase(),
  };
}

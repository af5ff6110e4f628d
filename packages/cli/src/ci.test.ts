import { ciRun, defaultDeploymentId, parseEntityRef } from './ci';

describe('ciRun', () => {
  it.each([
    [{ GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '123' }, 'github-123'],
    [{ GITLAB_CI: 'true', CI_PIPELINE_ID: '456' }, 'gitlab-456'],
    [{ BUILDKITE_BUILD_ID: '0190-abc' }, 'buildkite-0190-abc'],
    [{ CIRCLE_WORKFLOW_ID: 'wf-1' }, 'circleci-wf-1'],
    [
      { JENKINS_URL: 'https://ci/', BUILD_TAG: 'jenkins-app-7' },
      'jenkins-app-7',
    ],
    [{ TF_BUILD: 'True', BUILD_BUILDID: '9' }, 'azure-9'],
    [{ BITBUCKET_PIPELINE_UUID: '{u-1}' }, 'bitbucket-u-1'],
    [{ TRAVIS_BUILD_ID: '5' }, 'travis-5'],
  ])('knows %j', (env, runId) => {
    expect(ciRun(env)?.runId).toBe(runId);
  });

  it('knows no run outside CI, or without the run variable', () => {
    expect(ciRun({})).toBeUndefined();
    expect(ciRun({ GITHUB_ACTIONS: 'true' })).toBeUndefined();
    expect(ciRun({ BUILD_TAG: 'jenkins-app-7' })).toBeUndefined();
  });
});

describe('defaultDeploymentId', () => {
  it('is <run>:<entity>:<environment>, with the commit when no CI run is known', () => {
    expect(
      defaultDeploymentId({
        env: { GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '1' },
        entity: 'Payments-API',
        environment: 'Production',
        commitSha: 'abc1234',
      }),
    ).toBe('github-1:payments-api:production');
    expect(
      defaultDeploymentId({
        env: {},
        entity: 'payments-api',
        environment: 'staging',
        commitSha: 'abc1234',
      }),
    ).toBe('abc1234:payments-api:staging');
    expect(
      defaultDeploymentId({ env: {}, entity: 'a', environment: 'b' }),
    ).toBeUndefined();
  });
});

describe('parseEntityRef', () => {
  it('defaults the kind to component and the namespace to default', () => {
    expect(parseEntityRef('payments-api')).toEqual({
      kind: 'component',
      namespace: 'default',
      name: 'payments-api',
    });
    expect(parseEntityRef('Resource:Infra/DB')).toEqual({
      kind: 'resource',
      namespace: 'infra',
      name: 'db',
    });
    expect(() => parseEntityRef('a b')).toThrow(/entity ref/);
  });
});

import { fixture } from '../__testUtils__/webhooks';
import { foldDeployment, foldIncident } from './fold';
import { parseArgocd, parseGithub, parseGitlab, parsePagerduty, time } from './parse';
import { DeploymentFact, IncidentFact } from './types';

const options = { deploymentWorkflows: [{ name: 'deploy', environment: 'production' }], argocdEnvironment: 'production' };

describe('parsing deliveries', () => {
  it('reads GitLab timestamps', () => {
    expect(time('2026-03-02 11:05:00 +0100')).toBe(Date.parse('2026-03-02T10:05:00Z'));
    expect(time('2026-03-02 10:05:00 UTC')).toBe(Date.parse('2026-03-02T10:05:00Z'));
    expect(time('yesterday')).toBeUndefined();
  });

  it('maps each documented event', () => {
    expect(parseGithub('deployment_status', fixture('github/deployment_status.json'), options)).toMatchObject({
      kind: 'deployment',
      id: '4400001',
      status: 'succeeded',
      match: [{ annotation: 'github.com/project-slug', value: 'acme/payments' }],
    });
    expect(parseGithub('push', fixture('github/push.json'), options)).toMatchObject({ kind: 'activity' });
    expect(parseGithub('workflow_run', fixture('github/workflow_run.json'), options)).toMatchObject({
      kind: 'deployment',
      id: 'workflow-run-8800001',
    });
    expect(parseGithub('issues', {}, options)).toMatchObject({ kind: 'ignored' });
    expect(parseGitlab('Deployment Hook', fixture('gitlab/deployment.json'))).toMatchObject({
      kind: 'deployment',
      commitSha: '3f786850e387550fdab836ed7e6dc881de23001b',
      match: [
        { annotation: 'gitlab.com/project-slug', value: 'acme/payments' },
        { annotation: 'gitlab.com/project-id', value: '2200' },
      ],
    });
    expect(parseGitlab('Push Hook', fixture('gitlab/push.json'))).toEqual({
      kind: 'activity',
      match: [
        { annotation: 'gitlab.com/project-slug', value: 'acme/payments' },
        { annotation: 'gitlab.com/project-id', value: '2200' },
      ],
      push: {
        source: 'gitlab',
        repository: 'acme/payments',
        before: '89e6c98d92887913cadf06b2adb97f26cde4849b',
        after: '3f786850e387550fdab836ed7e6dc881de23001b',
        commits: [{ id: '3f786850e387550fdab836ed7e6dc881de23001b', committedAt: Date.parse('2026-03-02T09:40:00Z') }],
      },
    });
    // GitLab lists the last 20 commits of a push, and how many it had
    const big = { ...fixture('gitlab/push.json'), total_commits_count: 21 };
    expect(parseGitlab('Push Hook', big)).toMatchObject({ push: { truncated: true } });
    expect(parsePagerduty(fixture('pagerduty/incident.triggered.json'))).toMatchObject({
      kind: 'incident',
      transition: 'open',
      id: 'Q0INCIDENT0001',
    });
    expect(parseArgocd(fixture('argocd/sync.json'), options)).toMatchObject({ kind: 'deployment', source: 'argocd' });
    expect(parseArgocd({ ...fixture('argocd/sync.json'), phase: 'Running' }, options)).toMatchObject({ kind: 'ignored' });
  });
});

describe('folding the deliveries of a subject', () => {
  const d = (status: DeploymentFact['status'], at: number): DeploymentFact => ({
    kind: 'deployment',
    source: 'github',
    id: '1',
    occurredAt: at,
    match: [],
    environment: 'production',
    status,
  });
  const i = (transition: IncidentFact['transition'], at: number): IncidentFact => ({
    kind: 'incident',
    source: 'pagerduty',
    id: 'Q1',
    occurredAt: at,
    match: [],
    transition,
  });

  it('gives the same deployment for every order of the deliveries', () => {
    const facts = [d(null, 1), d('failed', 2), d('succeeded', 3), d(null, 4)];
    const orders = [facts, [...facts].reverse(), [facts[2], facts[0], facts[3], facts[1]]];
    for (const order of orders) {
      expect(foldDeployment(order, ['component:default/a'])).toEqual([
        expect.objectContaining({ status: 'succeeded', finishedAt: new Date(3).toISOString(), id: '1' }),
      ]);
    }
    expect(foldDeployment([d(null, 1)], ['component:default/a'])).toEqual([]);
  });

  it('gives the same incident for every order of the deliveries', () => {
    const facts = [i('open', 10), i('resolve', 20)];
    for (const order of [facts, [...facts].reverse()]) {
      expect(foldIncident(order, ['component:default/a'])).toEqual([
        expect.objectContaining({ openedAt: new Date(10).toISOString(), resolvedAt: new Date(20).toISOString() }),
      ]);
    }
    expect(foldIncident([i('resolve', 20), i('open', 30)], ['component:default/a'])[0].resolvedAt).toBeNull();
  });
});

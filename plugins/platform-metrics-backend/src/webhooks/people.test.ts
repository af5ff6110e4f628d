import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';
import { catalogWith, fixture } from '../__testUtils__/webhooks';
import { actorOf } from './fold';
import { parseGithub, parseGitlab } from './parse';
import { signGithub } from './signatures';
import { DeploymentFact } from './types';

jest.setTimeout(60_000);

const options = { deploymentWorkflows: [{ name: 'deploy', environment: 'production' }], argocdEnvironment: 'production' };
const SECRET = 'people-test-secret';
const TOKEN = 'people-test-token';
const sha = (c: string) => c.repeat(40);

const githubDeployment = (sender: unknown) => ({ ...fixture('github/deployment_status.json'), sender });

describe('who did it, from webhook payloads (metrics.md §5)', () => {
  it('reads the GitHub sender by login, never a bot', () => {
    const actor = (sender: unknown) => (parseGithub('deployment_status', githubDeployment(sender), options) as DeploymentFact).actor;
    expect(actor({ login: 'Jane-D', type: 'User' })).toEqual({ githubLogin: 'jane-d' });
    // the fixture's sender is a bot
    expect((parseGithub('deployment_status', fixture('github/deployment_status.json'), options) as DeploymentFact).actor).toBeUndefined();
    expect(actor({ login: 'github-actions[bot]', type: 'Bot' })).toBeUndefined();
    expect(actor({ type: 'User' })).toBeUndefined();
    expect(actor('jane')).toBeUndefined();
    const run = { ...fixture('github/workflow_run.json'), sender: { login: 'Omar', type: 'User' } };
    expect((parseGithub('workflow_run', run, options) as DeploymentFact).actor).toEqual({ githubLogin: 'omar' });
  });

  it('reads the commit author emails of GitHub and GitLab pushes', () => {
    const github = parseGithub('push', fixture('github/push.json'), options);
    expect(github.kind === 'activity' && github.push?.commits.map(c => c.author)).toEqual(
      fixture('github/push.json').commits.map(() => 'dev@example.test'),
    );
    const body = fixture('gitlab/push.json');
    body.commits = [
      { ...body.commits[0], author: { name: 'Jane', email: 'Jane@Example.com' } },
      // GitLab redacts an address the user keeps private
      { ...body.commits[0], id: sha('2'), author: { name: 'Omar', email: '[REDACTED]' } },
    ];
    const gitlab = parseGitlab('Push Hook', body);
    expect(gitlab.kind === 'activity' && gitlab.push?.commits.map(c => c.author)).toEqual(['jane@example.com', undefined]);
  });

  it('reads the GitLab deployment user by email, when it is an address', () => {
    const actor = (user: unknown) => (parseGitlab('Deployment Hook', { ...fixture('gitlab/deployment.json'), user }) as DeploymentFact).actor;
    expect(actor({ username: 'jane', email: 'Jane@Example.com' })).toEqual({ email: 'jane@example.com' });
    expect(actor({ username: 'jane', email: '' })).toBeUndefined();
    // the fixture's user has no email
    expect((parseGitlab('Deployment Hook', fixture('gitlab/deployment.json')) as DeploymentFact).actor).toBeUndefined();
  });

  it('takes the actor of the final state, else of the latest delivery that names one', () => {
    const fact = (occurredAt: number, status: DeploymentFact['status'], actor?: DeploymentFact['actor']): DeploymentFact => ({
      kind: 'deployment',
      source: 'github',
      id: '1',
      occurredAt,
      match: [],
      environment: 'production',
      status,
      ...(actor && { actor }),
    });
    expect(actorOf([fact(1, null, { githubLogin: 'a' }), fact(2, 'succeeded', { githubLogin: 'b' })])).toEqual({ githubLogin: 'b' });
    expect(actorOf([fact(1, null, { githubLogin: 'a' }), fact(3, null, { githubLogin: 'c' }), fact(2, 'succeeded')])).toEqual({ githubLogin: 'c' });
    expect(actorOf([fact(1, 'succeeded')])).toBeUndefined();
  });
});

describe.each(createTestDatabases().eachSupportedId())('people on webhook deployments on %p', databaseId => {
  const databases = createTestDatabases();

  async function setup() {
    const knex = await databases.init(databaseId);
    const services = await createServices(
      knex,
      { integrations: { github: { webhookSecret: SECRET }, gitlab: { webhookToken: TOKEN } } },
      () => Date.parse('2026-03-02T13:00:00Z'),
    );
    await catalogWith(services.stores, [
      { ref: 'component:default/payments', annotations: { 'github.com/project-slug': 'acme/payments', 'gitlab.com/project-slug': 'acme/payments' } },
    ]);
    await services.stores.people.syncUsers(
      [{ userRef: 'user:default/jane', email: 'jane@example.com', githubLogin: 'jane-d', annotatedStartAt: null }],
      1,
    );
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    // the changes as stored, with their authors
    const changes = () => knex('pm_deployment_changes').orderBy(['deployment_id', 'change_id']).select('deployment_id', 'change_id', 'author');
    return { services, app, changes };
  }

  it('GitHub: deployedBy is the catalog User with the sender’s login; each change’s author its commit email', async () => {
    const { services, app, changes } = await setup();
    const send = async (event: string, body: unknown, delivery: string) => {
      const text = JSON.stringify(body);
      const res = await request(app)
        .post('/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', event)
        .set('X-GitHub-Delivery', delivery)
        .set('X-Hub-Signature-256', signGithub(SECRET, text))
        .send(text);
      expect(res.status).toBe(200);
    };
    const push = (before: string, after: string, commits: Array<[string, string | undefined]>) => ({
      ...fixture('github/push.json'),
      before,
      after,
      commits: commits.map(([id, email]) => ({ id, timestamp: '2026-03-02T08:00:00Z', author: { name: 'x', ...(email && { email }) } })),
    });
    const deploy = (id: number, head: string, sender: unknown) => {
      const body = githubDeployment(sender);
      body.deployment.id = id;
      body.deployment.sha = head;
      body.deployment_status.created_at = `2026-03-02T1${id}:00:00Z`;
      return body;
    };
    await send('push', push(sha('a'), sha('b'), [[sha('1'), 'Jane@Example.com'], [sha('b'), undefined]]), 'p-1');
    await send('deployment_status', deploy(1, sha('b'), { login: 'Jane-D', type: 'User' }), 'd-1');
    // a login no catalog User has: nobody
    await send('push', push(sha('b'), sha('c'), [[sha('c'), '12345+omar@users.noreply.github.com']]), 'p-2');
    await send('deployment_status', deploy(2, sha('c'), { login: 'omar', type: 'User' }), 'd-2');

    const recent = await services.stores.events.listRecentDeployments('component:default/payments', Date.parse('2100-01-01'), 5);
    expect(recent.map(d => [d.id, d.deployedBy])).toEqual([
      ['2', null],
      ['1', 'user:default/jane'],
    ]);
    expect(await changes()).toEqual([
      { deployment_id: '1', change_id: sha('1'), author: 'jane@example.com' },
      { deployment_id: '1', change_id: sha('b'), author: null },
      { deployment_id: '2', change_id: sha('c'), author: '12345+omar@users.noreply.github.com' },
    ]);
  });

  it('GitLab: deployedBy is the deploying user’s email; each change’s author its commit email', async () => {
    const { services, app, changes } = await setup();
    const send = async (event: string, body: unknown, delivery: string) => {
      const res = await request(app)
        .post('/webhooks/gitlab')
        .set('X-Gitlab-Token', TOKEN)
        .set('X-Gitlab-Event', event)
        .set('X-Gitlab-Event-UUID', delivery)
        .send(body as object);
      expect(res.status).toBe(200);
    };
    const body = fixture('gitlab/push.json');
    await send('Push Hook', { ...body, before: sha('a'), after: sha('b'), commits: [{ id: sha('b'), timestamp: '2026-03-02 08:00:00 +0100', author: { name: 'Jane', email: 'jane@example.com' } }], total_commits_count: 1 }, 'g-p1');
    await send('Deployment Hook', {
      ...fixture('gitlab/deployment.json'),
      commit_url: `https://gitlab.example.test/acme/payments/-/commit/${sha('b')}`,
      user: { id: 7, name: 'Jane', username: 'jane', email: 'Jane@Example.com' },
    }, 'g-d1');
    const [deployment] = await services.stores.events.listRecentDeployments('component:default/payments', Date.parse('2100-01-01'), 5);
    expect(deployment).toMatchObject({ source: 'gitlab', deployedBy: 'jane@example.com', changeCount: 1 });
    expect(await changes()).toEqual([{ deployment_id: '3300001', change_id: sha('b'), author: 'jane@example.com' }]);
  });
});

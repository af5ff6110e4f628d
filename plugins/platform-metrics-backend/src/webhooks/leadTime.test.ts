import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';
import { catalogWith, fixture } from '../__testUtils__/webhooks';
import { signGithub } from './signatures';

type Services = Awaited<ReturnType<typeof createServices>>;

jest.setTimeout(60_000);

const SECRET = 'lead-time-test-secret';
const sha = (c: string) => c.repeat(40);

/** Sends a signed GitHub delivery; it must be answered 200. */
async function sendGithub(app: express.Express, event: string, body: unknown, delivery: string) {
  const text = JSON.stringify(body);
  const res = await request(app)
    .post('/webhooks/github')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', event)
    .set('X-GitHub-Delivery', delivery)
    .set('X-Hub-Signature-256', signGithub(SECRET, text))
    .send(text);
  expect(res.status).toBe(200);
}

/** A GitHub push of `before..after` with commits `[id, timestamp]`. */
const githubPush = (before: string, after: string, commits: Array<[string, string]>) => ({
  ...fixture('github/push.json'),
  before,
  after,
  commits: commits.map(([id, timestamp]) => ({ id, timestamp })),
});

/** A successful production GitHub deployment of `head`. */
function githubDeploy(id: number, head: string, at: string) {
  const body = fixture('github/deployment_status.json');
  body.deployment.id = id;
  body.deployment.sha = head;
  body.deployment_status.created_at = at;
  return body;
}

describe.each(createTestDatabases().eachSupportedId())('changes of webhook deployments from pushes on %p', databaseId => {
  const databases = createTestDatabases();

  it('walks the pushes back to the previous successful production deployment, and says when there is a gap', async () => {
    const services = await createServices(await databases.init(databaseId), { integrations: { github: { webhookSecret: SECRET } } }, () =>
      Date.parse('2026-03-02T13:00:00Z'),
    );
    await catalogWith(services.stores, [{ ref: 'component:default/payments', annotations: { 'github.com/project-slug': 'acme/payments' } }]);
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    const send = (event: string, body: unknown, delivery: string) => sendGithub(app, event, body, delivery);
    const push = githubPush;
    const deploy = githubDeploy;

    await send('push', push(sha('a'), sha('b'), [[sha('1'), '2026-03-02T08:00:00Z'], [sha('b'), '2026-03-02T08:30:00Z']]), 'p-1');
    await send('deployment_status', deploy(1, sha('b'), '2026-03-02T09:00:00Z'), 'd-1');
    await send('push', push(sha('b'), sha('c'), [[sha('c'), '2026-03-02T10:00:00Z']]), 'p-2');
    await send('push', push(sha('c'), sha('d'), [[sha('d'), '2026-03-02T10:30:00Z']]), 'p-3');
    await send('deployment_status', deploy(2, sha('d'), '2026-03-02T11:00:00Z'), 'd-2');
    // its push never arrived
    await send('deployment_status', deploy(3, sha('f'), '2026-03-02T12:00:00Z'), 'd-3');

    const deployments = await services.stores.events.listDeployments({
      from: 0,
      to: Date.parse('2100-01-01'),
      productionEnvironments: ['production'],
    });
    expect(deployments.map(d => [d.id, d.changeCount])).toEqual([
      ['1', 2],
      ['2', 2],
      ['3', 0],
    ]);
    const reason = async (id: string) => (await services.stores.webhooks.getDelivery('github', id))?.reason;
    expect(await reason('d-1')).toMatch(/changesComplete: false.*no previous successful production deployment/);
    expect(await reason('d-2')).toBeNull();
    expect(await reason('d-3')).toMatch(/changesComplete: false.*no push with after f{40}/);
    // lead times: each change from its commit to the first production deployment that shipped it
    const first = await services.stores.events.listFirstChanges({
      from: 0,
      to: Date.parse('2100-01-01'),
      productionEnvironments: ['production'],
    });
    expect(first.map(c => (c.deployedAt - c.committedAt) / 60_000).sort((x, y) => x - y)).toEqual([30, 30, 60, 60]);
    // the scorecard's change data coverage: deployments 1 and 3 have gaps
    await services.runRollupJob();
    const scorecard = await request(app).get('/entities/component/default/payments/scorecard?to=2026-03-03T00:00:00Z');
    expect(scorecard.status).toBe(200);
    expect(scorecard.body.changeDataCoverage).toEqual({ complete: 1, total: 3, share: 1 / 3 });
  });

  async function setup(integrations: object) {
    const services = await createServices(await databases.init(databaseId), { integrations }, () =>
      Date.parse('2026-03-02T13:00:00Z'),
    );
    await catalogWith(services.stores, [
      {
        ref: 'component:default/payments',
        annotations: { 'github.com/project-slug': 'acme/payments', 'gitlab.com/project-slug': 'acme/payments' },
      },
    ]);
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    return { services, app };
  }

  const allDeployments = (services: Services) =>
    services.stores.events.listDeployments({ from: 0, to: Date.parse('2100-01-01'), productionEnvironments: ['production'] });

  it('processes a deployment again when the push it missed arrives late, up to the complete chain', async () => {
    const { services, app } = await setup({ github: { webhookSecret: SECRET } });
    const send = (event: string, body: unknown, delivery: string) => sendGithub(app, event, body, delivery);
    const push = (before: string, after: string, commits: string[]) =>
      githubPush(before, after, commits.map((id, i) => [id, `2026-03-02T0${i + 1}:00:00Z`] as [string, string]));
    const deploy = githubDeploy;
    const delivery = (id: string) => services.stores.webhooks.getDelivery('github', id);

    await send('push', push(sha('a'), sha('b'), [sha('b')]), 'p-ab');
    await send('deployment_status', deploy(1, sha('b'), '2026-03-02T09:00:00Z'), 'd-1');
    // the pushes b..c and c..d are late: deployment 2 knows none of its commits
    await send('deployment_status', deploy(2, sha('d'), '2026-03-02T11:00:00Z'), 'd-2');
    expect((await allDeployments(services)).find(d => d.id === '2')?.changeCount).toBe(0);
    expect((await delivery('d-2'))?.reason).toMatch(/no push with after d{40}/);

    await send('push', push(sha('c'), sha('d'), [sha('d')]), 'p-cd');
    expect((await allDeployments(services)).find(d => d.id === '2')?.changeCount).toBe(1);
    expect((await delivery('d-2'))?.reason).toMatch(/no push with after c{40}/);

    // a branch created at c says nothing about how c came: it replaces no push
    await send('push', push('0'.repeat(40), sha('c'), []), 'p-branch');
    await send('push', push(sha('b'), sha('c'), [sha('c'), sha('e')]), 'p-bc');
    await send('push', push('0'.repeat(40), sha('c'), []), 'p-branch-again');
    expect((await services.stores.webhooks.getPush('github', 'acme/payments', sha('c')))?.before).toBe(sha('b'));
    expect((await allDeployments(services)).find(d => d.id === '2')?.changeCount).toBe(3);
    expect((await delivery('d-2'))?.reason).toBeNull();
    await services.runRollupJob();
    const scorecard = await request(app).get('/entities/component/default/payments/scorecard?to=2026-03-03T00:00:00Z');
    // deployment 1 has no previous deployment to stop at; deployment 2 is complete now
    expect(scorecard.body.changeDataCoverage).toEqual({ complete: 1, total: 2, share: 0.5 });
  });

  it('walks GitLab push hooks, and marks a deployment incomplete when a hook listed only 20 of its commits', async () => {
    const TOKEN = 'gitlab-lead-time-token';
    const { services, app } = await setup({ gitlab: { webhookToken: TOKEN } });
    const send = async (event: string, body: unknown, delivery: string) => {
      const res = await request(app)
        .post('/webhooks/gitlab')
        .set('X-Gitlab-Token', TOKEN)
        .set('X-Gitlab-Event', event)
        .set('X-Gitlab-Event-UUID', delivery)
        .send(body as object);
      expect(res.status).toBe(200);
    };
    const commit = (n: number) => n.toString(16).padStart(40, '9');
    const push = (before: string, after: string, commits: string[], total = commits.length) => ({
      ...fixture('gitlab/push.json'),
      before,
      after,
      commits: commits.map(id => ({ id, message: 'change', timestamp: '2026-03-02 08:00:00 +0100' })),
      total_commits_count: total,
    });
    const deploy = (id: number, head: string, at: string) => ({
      ...fixture('gitlab/deployment.json'),
      deployment_id: id,
      status_changed_at: at,
      commit_url: `https://gitlab.example.test/acme/payments/-/commit/${head}`,
    });

    await send('Push Hook', push(sha('a'), sha('b'), [sha('b')]), 'g-p1');
    await send('Deployment Hook', deploy(11, sha('b'), '2026-03-02 09:00:00 UTC'), 'g-d1');
    await send('Push Hook', push(sha('b'), sha('c'), [sha('c')]), 'g-p2');
    await send('Deployment Hook', deploy(12, sha('c'), '2026-03-02 10:00:00 UTC'), 'g-d2');
    // 25 commits pushed at once: the hook lists the last 20
    const many = Array.from({ length: 20 }, (_, i) => commit(i + 1));
    await send('Push Hook', push(sha('c'), many[19], many, 25), 'g-p3');
    await send('Deployment Hook', deploy(13, many[19], '2026-03-02 11:00:00 UTC'), 'g-d3');

    const deployments = await allDeployments(services);
    expect(deployments.map(d => [d.source, d.id, d.changeCount])).toEqual([
      ['gitlab', '11', 1],
      ['gitlab', '12', 1],
      ['gitlab', '13', 20],
    ]);
    // lead time: the commit of c (08:00 +01:00 = 07:00 UTC) reached production at 10:00
    const first = await services.stores.events.listFirstChanges({
      from: Date.parse('2026-03-02T09:30:00Z'),
      to: Date.parse('2026-03-02T10:30:00Z'),
      productionEnvironments: ['production'],
    });
    expect(first.map(c => (c.deployedAt - c.committedAt) / 3_600_000)).toEqual([3]);
    expect((await services.stores.webhooks.getDelivery('gitlab', 'g-d2'))?.reason).toBeNull();
    expect((await services.stores.webhooks.getDelivery('gitlab', 'g-d3'))?.reason).toMatch(
      /changesComplete: false.*listed only some commits/,
    );
    await services.runRollupJob();
    const scorecard = await request(app).get('/entities/component/default/payments/scorecard?to=2026-03-03T00:00:00Z');
    expect(scorecard.body.changeDataCoverage).toEqual({ complete: 1, total: 3, share: 1 / 3 });
  });
});

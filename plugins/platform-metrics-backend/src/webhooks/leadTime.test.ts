import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';
import { catalogWith, fixture } from '../__testUtils__/webhooks';
import { signGithub } from './signatures';

jest.setTimeout(60_000);

const SECRET = 'lead-time-test-secret';
const sha = (c: string) => c.repeat(40);

describe.each(createTestDatabases().eachSupportedId())('changes of webhook deployments from pushes on %p', databaseId => {
  const databases = createTestDatabases();

  it('walks the pushes back to the previous successful production deployment, and says when there is a gap', async () => {
    const services = await createServices(await databases.init(databaseId), { integrations: { github: { webhookSecret: SECRET } } }, () =>
      Date.parse('2026-03-02T13:00:00Z'),
    );
    await catalogWith(services.stores, [{ ref: 'component:default/payments', annotations: { 'github.com/project-slug': 'acme/payments' } }]);
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
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
    const push = (before: string, after: string, commits: Array<[string, string]>) => ({
      ...fixture('github/push.json'),
      before,
      after,
      commits: commits.map(([id, timestamp]) => ({ id, timestamp })),
    });
    const deploy = (id: number, head: string, at: string) => {
      const body = fixture('github/deployment_status.json');
      body.deployment.id = id;
      body.deployment.sha = head;
      body.deployment_status.created_at = at;
      return body;
    };

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
});

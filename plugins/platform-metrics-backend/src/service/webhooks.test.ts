import { mockCredentials, mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';
import { catalogWith, fixture } from '../__testUtils__/webhooks';
import { signGithub, signPagerduty } from '../webhooks/signatures';

jest.setTimeout(60_000);

const GITHUB_SECRET = 'github-webhook-secret-for-tests';
const PD_OLD = 'pagerduty-secret-old';
const PD_NEW = 'pagerduty-secret-new';
const CONFIG = {
  integrations: {
    github: {
      webhookSecret: GITHUB_SECRET,
      deploymentWorkflows: [{ name: 'Deploy', environment: 'production' }],
      environmentEntities: { 'checkout-production': 'component:default/checkout' },
    },
    gitlab: { webhookToken: 'gitlab-token-for-tests' },
    pagerduty: { webhookSecrets: [PD_OLD, PD_NEW] },
    argocd: { token: 'argocd-token-for-tests' },
  },
};
const NOW = Date.parse('2026-03-02T13:00:00Z');
const PAYMENTS = 'component:default/payments';

describe.each(createTestDatabases().eachSupportedId())('webhook receivers on %p', databaseId => {
  const databases = createTestDatabases();
  let app: express.Express;
  let services: Awaited<ReturnType<typeof createServices>>;

  async function build(config: object = CONFIG, permission = AuthorizeResult.ALLOW as AuthorizeResult) {
    services = await createServices(await databases.init(databaseId), config, () => NOW);
    const router = await createTestRouter(
      services,
      mockServices.permissions({ result: permission as AuthorizeResult.ALLOW | AuthorizeResult.DENY }),
    );
    app = express().use(router).use(mockErrorHandler());
  }

  beforeEach(async () => {
    await build();
    await catalogWith(services.stores, [
      { ref: PAYMENTS, annotations: { 'github.com/project-slug': 'acme/payments', 'pagerduty.com/service-id': 'PSVC001', 'gitlab.com/project-id': '2200', 'argocd/app-name': 'payments' } },
    ]);
  });

  const github = (event: string, body: unknown, delivery: string, signature?: string | null) => {
    const text = JSON.stringify(body);
    const req = request(app)
      .post('/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', event)
      .set('X-GitHub-Delivery', delivery);
    if (signature !== null) req.set('X-Hub-Signature-256', signature ?? signGithub(GITHUB_SECRET, text));
    return req.send(text);
  };

  const pagerduty = (body: unknown, delivery: string, secrets = [PD_NEW]) => {
    const text = JSON.stringify(body);
    return request(app)
      .post('/webhooks/pagerduty')
      .set('Content-Type', 'application/json')
      .set('X-Webhook-Id', delivery)
      .set('X-PagerDuty-Signature', signPagerduty(secrets, text))
      .send(text);
  };

  const status = (state: string, createdAt: string, over: Record<string, unknown> = {}) => {
    const body = fixture('github/deployment_status.json');
    body.deployment_status.state = state;
    body.deployment_status.created_at = createdAt;
    Object.assign(body.deployment, over);
    return body;
  };

  const deployments = () =>
    services.stores.events.listDeployments({ from: 0, to: Date.parse('2100-01-01'), productionEnvironments: ['production', 'checkout-production'] });
  const incidents = () => services.stores.events.listIncidents({ from: 0, to: Date.parse('2100-01-01') });
  const getStatus = async () => (await request(app).get('/integrations/status').set('Authorization', mockCredentials.user.header())).body;
  const provider = async (name: string) => (await getStatus()).providers.find((p: any) => p.provider === name);

  it('records a signed GitHub deployment_status as a deployment of the annotated entity', async () => {
    const res = await github('deployment_status', fixture('github/deployment_status.json'), 'g-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deliveryId: 'g-1', state: 'processed' });
    expect(await deployments()).toEqual([
      expect.objectContaining({
        source: 'github',
        id: '4400001',
        entityRef: PAYMENTS,
        environment: 'production',
        status: 'succeeded',
        finishedAt: Date.parse('2026-03-02T10:05:00Z'),
        commitSha: '3f786850e387550fdab836ed7e6dc881de23001b',
      }),
    ]);
  });

  it.each([
    ['a bad signature', `sha256=${'0'.repeat(64)}`],
    ['a signature with another secret', signGithub('another-secret', '{}')],
    ['no signature', null],
  ])('answers 401 to %s and stores nothing but the count', async (_name, signature) => {
    const res = await github('deployment_status', fixture('github/deployment_status.json'), 'g-bad', signature);
    expect(res.status).toBe(401);
    expect(await deployments()).toEqual([]);
    expect(await services.stores.webhooks.getDelivery('github', 'g-bad')).toBeUndefined();
    expect(await provider('github')).toMatchObject({ deliveriesLast24h: 0, signatureFailuresLast24h: 1 });
  });

  it('answers 404 and writes nothing while a receiver has no secret', async () => {
    await build({});
    const res = await github('deployment_status', fixture('github/deployment_status.json'), 'g-1');
    expect(res.status).toBe(404);
    for (const path of ['/webhooks/gitlab', '/webhooks/pagerduty', '/webhooks/argocd']) {
      expect((await request(app).post(path).set('Content-Type', 'application/json').send('{}')).status).toBe(404);
    }
    expect(await services.stores.webhooks.stats(0)).toEqual([]);
  });

  it('counts a redelivery once', async () => {
    const body = fixture('github/deployment_status.json');
    expect((await github('deployment_status', body, 'g-1')).status).toBe(200);
    const again = await github('deployment_status', body, 'g-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ deliveryId: 'g-1', state: 'duplicate' });
    expect(await deployments()).toHaveLength(1);
    expect(await provider('github')).toMatchObject({ deliveriesLast24h: 1 });
  });

  it('ends in the final state whatever the order: success before in_progress, failure then a later success', async () => {
    await github('deployment_status', status('success', '2026-03-02T10:05:00Z'), 'g-2');
    await github('deployment_status', status('in_progress', '2026-03-02T10:01:00Z'), 'g-1');
    expect((await deployments()).map(d => [d.status, d.finishedAt])).toEqual([['succeeded', Date.parse('2026-03-02T10:05:00Z')]]);

    const second = { id: 4400002 };
    await github('deployment_status', status('success', '2026-03-02T11:30:00Z', second), 'g-4');
    await github('deployment_status', status('failure', '2026-03-02T11:10:00Z', second), 'g-3');
    const latest = (await deployments()).find(d => d.id === '4400002');
    expect(latest).toMatchObject({ status: 'succeeded', finishedAt: Date.parse('2026-03-02T11:30:00Z') });
  });

  it('ends in the final state when the statuses of one deployment arrive at once', async () => {
    const sent = await Promise.all([
      github('deployment_status', status('queued', '2026-03-02T10:00:00Z'), 'c-1'),
      github('deployment_status', status('in_progress', '2026-03-02T10:01:00Z'), 'c-2'),
      github('deployment_status', status('failure', '2026-03-02T10:02:00Z'), 'c-3'),
      github('deployment_status', status('success', '2026-03-02T10:09:00Z'), 'c-4'),
      github('deployment_status', status('in_progress', '2026-03-02T10:03:00Z'), 'c-5'),
    ]);
    expect(sent.map(r => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await deployments()).map(d => [d.status, d.finishedAt])).toEqual([['succeeded', Date.parse('2026-03-02T10:09:00Z')]]);
  });

  it.each(['pending', 'queued', 'in_progress', 'inactive'])('changes nothing for a %s status', async state => {
    const res = await github('deployment_status', status(state, '2026-03-02T10:01:00Z'), 'g-1');
    expect(res.status).toBe(200);
    expect(await deployments()).toEqual([]);
  });

  it('maps error to a failed deployment, and ignores a ping', async () => {
    await github('deployment_status', status('error', '2026-03-02T10:01:00Z'), 'g-1');
    expect((await deployments()).map(d => d.status)).toEqual(['failed']);
    const ping = await github('ping', fixture('github/ping.json'), 'g-ping');
    expect(ping.body).toEqual({ deliveryId: 'g-ping', state: 'ignored' });
  });

  it('keeps a well-signed payload it cannot understand, with a reason, and answers 202', async () => {
    const res = await github('deployment_status', { deployment_status: { state: 'success' } }, 'g-odd');
    expect(res.status).toBe(202);
    expect(res.body.state).toBe('unprocessable');
    const stored = await services.stores.webhooks.getDelivery('github', 'g-odd');
    expect(stored).toMatchObject({ state: 'unprocessable', reason: expect.stringMatching(/deployment/) });
    const text = 'not json at all';
    const notJson = await request(app)
      .post('/webhooks/github')
      .set('Content-Type', 'text/plain')
      .set('X-GitHub-Event', 'push')
      .set('X-GitHub-Delivery', 'g-text')
      .set('X-Hub-Signature-256', signGithub(GITHUB_SECRET, text))
      .send(text);
    expect(notJson.status).toBe(202);
    expect(await provider('github')).toMatchObject({ unprocessableLast24h: 2 });
  });

  it('counts completed runs of the configured deployment workflows only', async () => {
    const run = fixture('github/workflow_run.json');
    expect((await github('workflow_run', run, 'w-1')).body.state).toBe('processed');
    const other = fixture('github/workflow_run.json');
    other.workflow_run.name = 'Lint';
    other.workflow_run.id = 8800002;
    expect((await github('workflow_run', other, 'w-2')).body.state).toBe('ignored');
    expect(await deployments()).toEqual([
      expect.objectContaining({ id: 'workflow-run-8800001', environment: 'production', status: 'succeeded', entityRef: PAYMENTS }),
    ]);
  });

  it('keeps deliveries of an unknown repository unmatched and applies them once an entity carries its slug', async () => {
    const body = fixture('github/deployment_status.json');
    body.repository.full_name = 'acme/ledger';
    expect((await github('deployment_status', body, 'g-1')).body.state).toBe('unmatched');
    expect((await github('push', { ...fixture('github/push.json'), repository: body.repository }, 'p-1')).body.state).toBe('unmatched');
    expect(await deployments()).toEqual([]);
    expect((await provider('github')).unmatched).toEqual([
      { annotation: 'github.com/project-slug', value: 'acme/ledger', deliveries: 2 },
    ]);

    await catalogWith(services.stores, [
      { ref: PAYMENTS, annotations: { 'github.com/project-slug': 'acme/payments' } },
      { ref: 'component:default/ledger', annotations: { 'github.com/project-slug': 'Acme/Ledger' } },
    ]);
    expect(await services.webhookProcessor.rematch()).toBe(2);
    expect((await deployments()).map(d => d.entityRef)).toEqual(['component:default/ledger']);
    expect((await provider('github')).unmatched).toEqual([]);
  });

  describe('monorepos', () => {
    beforeEach(() =>
      catalogWith(services.stores, [
        { ref: 'component:default/cart', annotations: { 'github.com/project-slug': 'acme/shop' } },
        { ref: 'component:default/checkout', annotations: { 'github.com/project-slug': 'acme/shop' } },
      ]),
    );
    const shop = (over: Record<string, unknown>) => {
      const body = status('success', '2026-03-02T10:05:00Z', over);
      body.repository.full_name = 'acme/shop';
      return body;
    };

    it('counts a deployment for each entity of the repository', async () => {
      await github('deployment_status', shop({}), 'g-1');
      expect((await deployments()).map(d => [d.id, d.entityRef]).sort()).toEqual([
        ['4400001/component:default/cart', 'component:default/cart'],
        ['4400001/component:default/checkout', 'component:default/checkout'],
      ]);
    });

    it('counts it for the entity the deployment payload names', async () => {
      await github('deployment_status', shop({ payload: { backstageEntity: 'Cart' } }), 'g-1');
      expect((await deployments()).map(d => [d.id, d.entityRef])).toEqual([['4400001', 'component:default/cart']]);
    });

    it('never counts a deployment twice when a second entity with its repository appears', async () => {
      await catalogWith(services.stores, [{ ref: 'component:default/cart', annotations: { 'github.com/project-slug': 'acme/shop' } }]);
      await github('deployment_status', shop({}), 'g-1');
      expect((await deployments()).map(d => [d.id, d.entityRef])).toEqual([['4400001', 'component:default/cart']]);
      await catalogWith(services.stores, [
        { ref: 'component:default/cart', annotations: { 'github.com/project-slug': 'acme/shop' } },
        { ref: 'component:default/checkout', annotations: { 'github.com/project-slug': 'acme/shop' } },
      ]);
      // a later status of the same deployment: cart keeps its record, checkout gets one
      const later = shop({});
      later.deployment_status.created_at = '2026-03-02T10:07:00Z';
      await github('deployment_status', later, 'g-2');
      expect((await deployments()).map(d => [d.id, d.entityRef, d.finishedAt]).sort()).toEqual([
        ['4400001', 'component:default/cart', Date.parse('2026-03-02T10:07:00Z')],
        ['4400001/component:default/checkout', 'component:default/checkout', Date.parse('2026-03-02T10:07:00Z')],
      ]);
    });

    it('counts it for the entity configured for the environment', async () => {
      await github('deployment_status', shop({ environment: 'checkout-production' }), 'g-1');
      expect((await deployments()).map(d => [d.id, d.entityRef])).toEqual([['4400001', 'component:default/checkout']]);
    });
  });

  it('accepts PagerDuty signatures of any configured secret, and folds incidents in any order', async () => {
    const resolved = fixture('pagerduty/incident.resolved.json');
    const res = await pagerduty(resolved, 'pd-2', ['some-other-secret', PD_OLD]);
    expect(res.status).toBe(200);
    expect(await incidents()).toEqual([
      expect.objectContaining({
        source: 'pagerduty',
        id: 'Q0INCIDENT0001',
        entityRef: PAYMENTS,
        openedAt: Date.parse('2026-03-02T12:00:00Z'),
        resolvedAt: Date.parse('2026-03-02T12:45:00Z'),
        severity: 'p1',
      }),
    ]);
    // the trigger arrives late: still resolved
    await pagerduty(fixture('pagerduty/incident.triggered.json'), 'pd-1');
    expect((await incidents())[0].resolvedAt).toBe(Date.parse('2026-03-02T12:45:00Z'));
    // reopened after the resolution: open again
    const reopened = fixture('pagerduty/incident.triggered.json');
    reopened.event.event_type = 'incident.reopened';
    reopened.event.occurred_at = '2026-03-02T12:50:00Z';
    await pagerduty(reopened, 'pd-3');
    expect((await incidents())[0]).toMatchObject({ openedAt: Date.parse('2026-03-02T12:00:00Z'), resolvedAt: null });

    const bad = await pagerduty(resolved, 'pd-4', ['not-configured']);
    expect(bad.status).toBe(401);
  });

  it('takes GitLab deployments with the configured token', async () => {
    const send = (token: string, delivery: string) =>
      request(app)
        .post('/webhooks/gitlab')
        .set('X-Gitlab-Event', 'Deployment Hook')
        .set('X-Gitlab-Token', token)
        .set('X-Gitlab-Event-UUID', delivery)
        .send(fixture('gitlab/deployment.json'));
    expect((await send('wrong-token', 'gl-1')).status).toBe(401);
    const res = await send('gitlab-token-for-tests', 'gl-1');
    expect(res.body).toEqual({ deliveryId: 'gl-1', state: 'processed' });
    expect(await deployments()).toEqual([
      expect.objectContaining({ source: 'gitlab', id: '3300001', status: 'succeeded', finishedAt: Date.parse('2026-03-02T10:05:00Z'), entityRef: PAYMENTS }),
    ]);
  });

  it('takes Argo CD notifications with the bearer token', async () => {
    const send = (auth: string) =>
      request(app).post('/webhooks/argocd').set('Authorization', auth).send(fixture('argocd/sync.json'));
    expect((await send('Bearer nope')).status).toBe(401);
    expect((await send('Bearer argocd-token-for-tests')).status).toBe(200);
    expect((await send('Bearer argocd-token-for-tests')).body.state).toBe('duplicate');
    expect(await deployments()).toEqual([
      expect.objectContaining({ source: 'argocd', status: 'succeeded', entityRef: PAYMENTS, finishedAt: Date.parse('2026-03-02T10:10:00Z') }),
    ]);
  });

  it('serves the integrations status to holders of the permission only', async () => {
    await github('deployment_status', fixture('github/deployment_status.json'), 'g-1');
    expect(await provider('github')).toEqual({
      provider: 'github',
      configured: true,
      lastDeliveryAt: new Date(NOW).toISOString(),
      deliveriesLast24h: 1,
      signatureFailuresLast24h: 0,
      unprocessableLast24h: 0,
      pending: 0,
      unmatched: [],
    });
    await build(CONFIG, AuthorizeResult.DENY);
    const denied = await request(app).get('/integrations/status').set('Authorization', mockCredentials.user.header());
    expect(denied.status).toBe(403);
  });
});

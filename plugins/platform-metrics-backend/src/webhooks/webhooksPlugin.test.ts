import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { testScheduler } from '../__testUtils__/replicas';
import { request } from '../__testUtils__/validatedRequest';
import { fixture } from '../__testUtils__/webhooks';
import { platformMetricsPlugin } from '../plugin';
import { WEBHOOK_INBOX_TASK } from '../tasks/scheduleWebhookTasks';
import { signGithub } from './signatures';

jest.setTimeout(60_000);

const SECRET = 'plugin-test-github-secret';

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default', annotations: { 'github.com/project-slug': 'acme/payments' } },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
};

describe('the webhook receivers in the plugin', () => {
  it('take signed deliveries without Backstage credentials, and apply them once the catalog sync saw the entity', async () => {
    const scheduler = testScheduler();
    const { server } = await startTestBackend({
      features: [
        platformMetricsPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({ entities: [payments] }),
        mockServices.rootConfig.factory({ data: { platformMetrics: { integrations: { github: { webhookSecret: SECRET } } } } }),
      ],
    });
    const body = JSON.stringify(fixture('github/deployment_status.json'));
    const send = (signature: string) =>
      request(server)
        .post('/api/platform-metrics/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'deployment_status')
        .set('X-GitHub-Delivery', 'plugin-1')
        .set('X-Hub-Signature-256', signature)
        .send(body);

    expect((await send('sha256=00')).status).toBe(401);
    // before the first catalog sync no entity carries the slug: kept for later
    const first = await send(signGithub(SECRET, body));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ deliveryId: 'plugin-1', state: 'unmatched' });

    await scheduler.triggerTask('platform-metrics:catalog-sync');
    await scheduler.triggerTask(WEBHOOK_INBOX_TASK);
    const latest = await request(server)
      .get('/api/platform-metrics/entities/component/default/payments/deployments/latest')
      .set('Authorization', 'Bearer mock-user-token');
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ id: '4400001', source: 'github', commitSha: '3f786850e387550fdab836ed7e6dc881de23001b' });

    // a receiver without its secret is not there
    const gitlab = await request(server).post('/api/platform-metrics/webhooks/gitlab').send({});
    expect(gitlab.status).toBe(404);
  });
});

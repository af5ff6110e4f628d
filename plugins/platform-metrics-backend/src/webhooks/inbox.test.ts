import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices } from '../__testUtils__/services';
import { catalogWith, fixture } from '../__testUtils__/webhooks';
import { MAX_ATTEMPTS } from './WebhookProcessor';
import { runWebhookInbox } from '../tasks/scheduleWebhookTasks';

jest.setTimeout(60_000);

const NOW = Date.parse('2026-03-02T13:00:00Z');
const CONFIG = { integrations: { github: { webhookSecret: 'inbox-test-secret' } } };

describe.each(createTestDatabases().eachSupportedId())('the webhook inbox on %p', databaseId => {
  const databases = createTestDatabases();
  let services: Awaited<ReturnType<typeof createServices>>;

  beforeEach(async () => {
    services = await createServices(await databases.init(databaseId), CONFIG, () => NOW);
    await catalogWith(services.stores, [
      { ref: 'component:default/payments', annotations: { 'github.com/project-slug': 'acme/payments' } },
    ]);
  });

  const delivery = (deliveryId: string, receivedAt = NOW - 60_000) => ({
    provider: 'github',
    deliveryId,
    event: 'deployment_status',
    body: JSON.stringify(fixture('github/deployment_status.json')),
    receivedAt,
  });
  const deployments = () =>
    services.stores.events.listDeployments({ from: 0, to: Date.parse('2100-01-01'), productionEnvironments: ['production'] });

  it('stores a delivery id once per provider', async () => {
    const { webhooks } = services.stores;
    expect(await webhooks.insertDelivery(delivery('d-1'))).toBe(true);
    expect(await webhooks.insertDelivery(delivery('d-1'))).toBe(false);
    expect(await webhooks.insertDelivery({ ...delivery('d-1'), provider: 'gitlab' })).toBe(true);
    expect(await webhooks.getDelivery('github', 'd-1')).toMatchObject({ state: 'pending', attempts: 0, event: 'deployment_status' });
  });

  it('processes what the receivers left pending (a crash after the insert), oldest first', async () => {
    const { webhooks } = services.stores;
    await webhooks.insertDelivery(delivery('d-2', NOW - 30_000));
    await webhooks.insertDelivery(delivery('d-1', NOW - 60_000));
    // just received: the receiver may still be processing it inline
    await webhooks.insertDelivery(delivery('d-3', NOW - 1_000));
    expect((await webhooks.listDue({ before: NOW - 5_000, maxAttempts: MAX_ATTEMPTS, limit: 10 })).map(d => d.deliveryId)).toEqual([
      'd-1',
      'd-2',
    ]);
    expect(await runWebhookInbox(services.webhookProcessor, mockServices.logger.mock())).toEqual({ retried: 2, matched: 0, pruned: 0 });
    expect(await deployments()).toHaveLength(1);
    expect((await webhooks.getDelivery('github', 'd-1'))?.state).toBe('processed');
    expect((await webhooks.getDelivery('github', 'd-3'))?.state).toBe('pending');
  });

  it('retries failed deliveries until their attempts run out', async () => {
    const { webhooks } = services.stores;
    await webhooks.insertDelivery(delivery('d-1'));
    await webhooks.insertDelivery(delivery('d-2'));
    await webhooks.updateDelivery('github', 'd-1', { state: 'failed', reason: 'database away' }, NOW);
    for (let i = 0; i < MAX_ATTEMPTS; i++) await webhooks.updateDelivery('github', 'd-2', { state: 'failed', reason: 'x' }, NOW);
    expect(await services.webhookProcessor.retryDue()).toBe(1);
    const retried = await webhooks.getDelivery('github', 'd-1');
    expect(retried?.state).toBe('processed');
    expect(retried?.reason).not.toBe('database away');
    expect((await webhooks.getDelivery('github', 'd-2'))?.state).toBe('failed');
    expect((await services.webhooks.status()).providers[0]).toMatchObject({ provider: 'github', pending: 1 });
  });

  it('deletes what is past retention, but never what still waits for processing', async () => {
    const { webhooks } = services.stores;
    const old = NOW - 91 * 86_400_000;
    await webhooks.insertDelivery(delivery('old-done', old));
    await webhooks.updateDelivery('github', 'old-done', { state: 'processed' }, old);
    await webhooks.insertDelivery(delivery('old-failed', old));
    await webhooks.updateDelivery('github', 'old-failed', { state: 'failed', reason: 'x' }, old);
    for (let i = 0; i < MAX_ATTEMPTS; i++) await webhooks.updateDelivery('github', 'old-failed', { state: 'failed' }, old);
    await webhooks.insertDelivery(delivery('recent', NOW - 86_400_000));
    await webhooks.updateDelivery('github', 'recent', { state: 'processed' }, NOW);
    await webhooks.recordPush({ source: 'github', repository: 'acme/payments', before: 'a'.repeat(40), after: 'b'.repeat(40), commits: [] }, old);
    expect(await services.webhookProcessor.prune()).toBe(1);
    expect(await webhooks.getDelivery('github', 'old-done')).toBeUndefined();
    expect(await webhooks.getDelivery('github', 'old-failed')).toBeDefined();
    expect(await webhooks.getDelivery('github', 'recent')).toBeDefined();
    expect(await webhooks.getPush('github', 'acme/payments', 'b'.repeat(40))).toBeUndefined();
  });

  it('stops when the scheduler aborts it', async () => {
    await services.stores.webhooks.insertDelivery(delivery('d-1'));
    const controller = new AbortController();
    controller.abort();
    await expect(runWebhookInbox(services.webhookProcessor, mockServices.logger.mock(), controller.signal)).rejects.toThrow();
    expect((await services.stores.webhooks.getDelivery('github', 'd-1'))?.state).toBe('pending');
  });

  it('counts signature failures per provider over the last 24 hours', async () => {
    const { webhooks } = services.stores;
    await webhooks.countRejection('github', NOW - 2 * 86_400_000);
    await webhooks.countRejection('github', NOW - 60_000);
    await webhooks.countRejection('github', NOW);
    await webhooks.countRejection('pagerduty', NOW);
    const stats = await webhooks.stats(NOW - 86_400_000);
    expect(stats.map(s => [s.provider, s.signatureFailures]).sort()).toEqual([
      ['github', 2],
      ['pagerduty', 1],
    ]);
  });
});

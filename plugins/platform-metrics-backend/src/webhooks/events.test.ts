import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices } from '../__testUtils__/services';
import { catalogWith, fixture } from '../__testUtils__/webhooks';
import { subscribeToEvents } from './events';

jest.setTimeout(60_000);

describe.each(createTestDatabases().eachSupportedId())('events from the Backstage events service on %p', databaseId => {
  const databases = createTestDatabases();

  it('go into the same inbox: processed as deliveries, and counted once when they also came to the receiver', async () => {
    // without any receiver secret: the events modules checked the events
    const services = await createServices(await databases.init(databaseId), {}, () => Date.parse('2026-03-02T13:00:00Z'));
    await catalogWith(services.stores, [
      { ref: 'component:default/payments', annotations: { 'github.com/project-slug': 'acme/payments', 'gitlab.com/project-slug': 'acme/payments' } },
    ]);
    const events = DefaultEventsService.create({ logger: mockServices.logger.mock(), useEventBus: 'never' });
    await subscribeToEvents(events, services.webhooks);

    const publish = (topic: string, eventPayload: unknown, metadata: Record<string, string>) =>
      events.publish({ topic, eventPayload, metadata });
    await publish('github.deployment_status', fixture('github/deployment_status.json'), { 'x-github-delivery': 'ev-1' });
    await publish('github.deployment_status', fixture('github/deployment_status.json'), { 'x-github-delivery': 'ev-1' });
    await publish('gitlab.deployment', fixture('gitlab/deployment.json'), { 'x-gitlab-event-uuid': 'ev-2' });
    await publish('github.issues', {}, { 'x-github-delivery': 'ev-3' });

    const deployments = await services.stores.events.listDeployments({ from: 0, to: Date.parse('2100-01-01'), productionEnvironments: ['production'] });
    expect(deployments.map(d => [d.source, d.id]).sort()).toEqual([
      ['github', '4400001'],
      ['gitlab', '3300001'],
    ]);
    expect(await services.stores.webhooks.getDelivery('github', 'ev-1')).toMatchObject({ state: 'processed' });
    expect(await services.stores.webhooks.getDelivery('github', 'ev-3')).toBeUndefined();
    expect((await services.webhooks.status()).providers.find(p => p.provider === 'github')?.deliveriesLast24h).toBe(1);
  });
});

import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { Provider } from './types';
import { WebhookReceiver } from './WebhookReceiver';

/**
 * The topics of the Backstage events modules for GitHub
 * (`@backstage/plugin-events-backend-module-github`: `github.<X-GitHub-Event>`)
 * and GitLab (`...-module-gitlab`: `gitlab.<object_kind>`) that the plugin
 * takes, with the event name its parsers expect.
 */
export const EVENT_TOPICS: Record<string, { provider: Provider; event: string }> = {
  'github.deployment_status': { provider: 'github', event: 'deployment_status' },
  'github.push': { provider: 'github', event: 'push' },
  'github.workflow_run': { provider: 'github', event: 'workflow_run' },
  'gitlab.push': { provider: 'gitlab', event: 'Push Hook' },
  'gitlab.deployment': { provider: 'gitlab', event: 'Deployment Hook' },
  'gitlab.pipeline': { provider: 'gitlab', event: 'Pipeline Hook' },
};

const metadata = (params: EventParams, name: string) => {
  const v = params.metadata?.[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Subscribes to the events service: GitHub and GitLab events that reached
 * Backstage through its events modules (checked there) go into the same
 * inbox as the receivers' deliveries, under the same delivery ids, so an
 * event that arrives both ways counts once.
 */
export async function subscribeToEvents(events: EventsService, receiver: WebhookReceiver, logger?: LoggerService) {
  await events.subscribe({
    id: 'platform-metrics-webhooks',
    topics: Object.keys(EVENT_TOPICS),
    onEvent: async params => {
      const topic = EVENT_TOPICS[params.topic];
      if (!topic) return;
      const deliveryId =
        topic.provider === 'github'
          ? metadata(params, 'x-github-delivery')
          : metadata(params, 'x-gitlab-event-uuid') ?? metadata(params, 'idempotency-key');
      const answer = await receiver.receiveEvent(topic.provider, topic.event, params.eventPayload, deliveryId);
      logger?.debug(`Event ${params.topic} ${answer.body.deliveryId}: ${answer.body.state}`);
    },
  });
}

import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { WebhookProcessor } from '../webhooks/WebhookProcessor';

/** The inbox task's id. */
export const WEBHOOK_INBOX_TASK = 'platform-metrics:webhook-inbox';

/**
 * One run of the inbox task: deliveries left pending or failed, then
 * unmatched ones an entity now matches, then what is past retention.
 */
export async function runWebhookInbox(processor: WebhookProcessor, logger: LoggerService, signal?: AbortSignal) {
  const retried = await processor.retryDue(signal);
  const matched = await processor.rematch(signal);
  signal?.throwIfAborted();
  const pruned = await processor.prune();
  if (retried + matched + pruned > 0) {
    logger.info(
      `Webhook inbox: ${retried} deliveries processed again, ${matched} unmatched ones matched, ${pruned} past retention deleted`,
    );
  }
  return { retried, matched, pruned };
}

/**
 * The webhook inbox task (global scope: one replica at a time, every
 * minute): finishes what the receivers left (processing that took too long
 * or failed) and applies unmatched deliveries once the catalog has their
 * entity. Stops between deliveries when the scheduler aborts it.
 */
export async function scheduleWebhookTasks(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  processor: WebhookProcessor;
}) {
  await deps.scheduler.scheduleTask({
    id: WEBHOOK_INBOX_TASK,
    scope: 'global',
    frequency: { minutes: 1 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 15 },
    fn: async signal => {
      await runWebhookInbox(deps.processor, deps.logger, signal);
    },
  });
}

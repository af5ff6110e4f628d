import { AuthenticationError, NotFoundError } from '@backstage/errors';
import { IncomingHttpHeaders } from 'node:http';
import { DeliveryRow, DeliveryState, WebhookStore } from '../database/WebhookStore';
import { Clock } from '../lib/time';
import { argocdDeliveryId } from './parse';
import { IntegrationSettings } from './settings';
import { bodyId, verifyBearer, verifyGithub, verifyGitlab, verifyPagerduty } from './signatures';
import { integrationsStatus } from './status';
import { Provider } from './types';
import { WebhookProcessor } from './WebhookProcessor';

/** The answer to a delivery. */
export interface WebhookAnswer {
  status: 200 | 202;
  body: { deliveryId: string; state: DeliveryState | 'duplicate' };
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

function json(body: Buffer): any {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The configuration key of each receiver's secret, for messages. */
export const SECRET_KEYS: Record<Provider, string> = {
  github: 'platformMetrics.integrations.github.webhookSecret',
  gitlab: 'platformMetrics.integrations.gitlab.webhookToken',
  pagerduty: 'platformMetrics.integrations.pagerduty.webhookSecrets',
  argocd: 'platformMetrics.integrations.argocd.token',
};

/**
 * The webhook receivers: checks the tool's signature, stores the delivery
 * in the inbox (before any 2xx), then processes it inline when that is
 * quick; what is not done within `inlineMs` is left to the inbox task.
 */
export class WebhookReceiver {
  private readonly clock: Clock;
  private readonly inlineMs: number;

  constructor(
    private readonly deps: {
      store: WebhookStore;
      processor: WebhookProcessor;
      settings: IntegrationSettings;
      clock?: Clock;
      /** Longest inline processing before answering 202 (default 700 ms: the answer stays under 1 s). */
      inlineMs?: number;
    },
  ) {
    this.clock = deps.clock ?? Date.now;
    this.inlineMs = deps.inlineMs ?? 700;
  }

  /** `GET /integrations/status`: the last 24 hours of each receiver. */
  status() {
    return integrationsStatus(this.deps.store, this.deps.settings, this.clock());
  }

  /** Whether the receiver has its secret; without, it answers 404. */
  configured(provider: Provider): boolean {
    return !!this.deps.settings[provider];
  }

  private authenticate(provider: Provider, headers: IncomingHttpHeaders, body: Buffer): boolean {
    const s = this.deps.settings;
    switch (provider) {
      case 'github':
        return verifyGithub(s.github!.webhookSecret, body, header(headers, 'x-hub-signature-256'));
      case 'gitlab':
        return verifyGitlab(s.gitlab!.webhookToken, header(headers, 'x-gitlab-token'));
      case 'pagerduty':
        return verifyPagerduty(s.pagerduty!.webhookSecrets, body, header(headers, 'x-pagerduty-signature'));
      case 'argocd':
        return verifyBearer(s.argocd!.token, header(headers, 'authorization'));
      default:
        return false;
    }
  }

  /** The delivery's id and event name, as the tool names them. */
  private identify(provider: Provider, headers: IncomingHttpHeaders, body: Buffer) {
    const parsed = provider === 'pagerduty' || provider === 'argocd' ? json(body) : undefined;
    let id: string | undefined;
    let event: string | undefined;
    if (provider === 'github') {
      id = header(headers, 'x-github-delivery');
      event = header(headers, 'x-github-event');
    } else if (provider === 'gitlab') {
      id = header(headers, 'x-gitlab-event-uuid') ?? header(headers, 'idempotency-key');
      event = header(headers, 'x-gitlab-event');
    } else if (provider === 'pagerduty') {
      id = header(headers, 'x-webhook-id') ?? parsed?.event?.id;
      event = parsed?.event?.event_type;
    } else {
      id = argocdDeliveryId(parsed);
      event = 'sync';
    }
    const deliveryId = (typeof id === 'string' && id.trim() ? id.trim() : bodyId(body)).slice(0, 255);
    return { deliveryId, event: typeof event === 'string' && event ? event : 'unknown' };
  }

  async receive(provider: Provider, headers: IncomingHttpHeaders, body: Buffer): Promise<WebhookAnswer> {
    const { store } = this.deps;
    if (!this.configured(provider)) {
      throw new NotFoundError(`The ${provider} webhook receiver is off: ${SECRET_KEYS[provider]} is not configured`);
    }
    if (!this.authenticate(provider, headers, body)) {
      await store.countRejection(provider, this.clock());
      throw new AuthenticationError(`Missing or invalid ${provider} webhook signature`);
    }
    const { deliveryId, event } = this.identify(provider, headers, body);
    return this.accept(provider, deliveryId, event, body.toString('utf8'));
  }

  /**
   * A delivery that came through the Backstage events service (the events
   * modules checked it): stored and processed as one of the receivers'.
   */
  async receiveEvent(provider: Provider, event: string, payload: unknown, deliveryId?: string) {
    const body = JSON.stringify(payload ?? null);
    const id = (deliveryId?.trim() || bodyId(Buffer.from(body))).slice(0, 255);
    return this.accept(provider, id, event, body);
  }

  private async accept(provider: Provider, deliveryId: string, event: string, body: string): Promise<WebhookAnswer> {
    const { store, processor } = this.deps;
    const receivedAt = this.clock();
    const created = await store.insertDelivery({ provider, deliveryId, event, body, receivedAt });
    if (!created) return { status: 200, body: { deliveryId, state: 'duplicate' } };
    // the row as stored (the store keeps at most 64 characters of the event name)
    const row: DeliveryRow = {
      provider,
      deliveryId,
      event: event.slice(0, 64),
      receivedAt,
      body,
      state: 'pending',
      reason: null,
      subject: null,
      matchKey: null,
      attempts: 0,
    };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'pending'>(resolve => {
      timer = setTimeout(() => resolve('pending'), this.inlineMs);
    });
    // stored: whatever happens now, the inbox task finishes the work
    const state = await Promise.race([processor.process(row), late]).finally(() => clearTimeout(timer));
    const accepted = state === 'pending' || state === 'failed' || state === 'unprocessable';
    return { status: accepted ? 202 : 200, body: { deliveryId, state } };
  }
}

import { WebhookStore } from '../database/WebhookStore';
import { IntegrationSettings } from './settings';
import { PROVIDERS } from './types';

const DAY = 86_400_000;

/** `GET /integrations/status`: per provider, what arrived in the last 24 hours and what matched no entity. */
export async function integrationsStatus(store: WebhookStore, settings: IntegrationSettings, now: number) {
  const stats = new Map((await store.stats(now - DAY)).map(s => [s.provider, s]));
  return {
    providers: PROVIDERS.map(provider => {
      const s = stats.get(provider);
      return {
        provider,
        configured: !!settings[provider],
        lastDeliveryAt: s?.lastDeliveryAt ? new Date(s.lastDeliveryAt).toISOString() : null,
        deliveriesLast24h: s?.deliveries ?? 0,
        signatureFailuresLast24h: s?.signatureFailures ?? 0,
        unprocessableLast24h: s?.unprocessable ?? 0,
        pending: s?.pending ?? 0,
        unmatched: (s?.unmatched ?? []).map(u => {
          const at = u.key.indexOf('=');
          return { annotation: u.key.slice(0, at), value: u.key.slice(at + 1), deliveries: u.deliveries };
        }),
      };
    }),
  };
}

/**
 * A day of webhook deliveries for the demo organisation, as GitHub and
 * PagerDuty would send them, correctly signed, and a sender that replays
 * them against a running backend (`platform-metrics-demo-data
 * replay-webhooks`). Ids derive from the seed and the day, so replaying the
 * same day again counts nothing twice.
 */
import { createHmac } from 'node:crypto';
import { ComponentDef, Org } from './org';
import { Random, hashString } from './random';

/** The secrets the demo's app-config.demo.yaml sets (`platformMetrics.integrations`). */
export const DEMO_GITHUB_WEBHOOK_SECRET = 'demo-github-webhook-secret-not-for-production';
export const DEMO_PAGERDUTY_WEBHOOK_SECRET = 'demo-pagerduty-webhook-secret-not-for-production';

/** `github.com/project-slug` of a demo component. */
export const githubSlug = (c: Pick<ComponentDef, 'name'>) => `acme/${c.name}`;

/** `pagerduty.com/service-id` of a demo component that deploys (PagerDuty-like: `P` and 6 characters). */
export const pagerdutyServiceId = (c: Pick<ComponentDef, 'name'>) =>
  `P${hashString(c.name, 7).toString(36).toUpperCase().padStart(6, '0').slice(0, 6)}`;

/** Whether a demo component deploys and has incidents (every service and website). */
export const deploys = (c: Pick<ComponentDef, 'type'>) => c.type !== 'library';

export interface WebhookDelivery {
  provider: 'github' | 'pagerduty';
  /** `X-GitHub-Event`, or the PagerDuty event type. */
  event: string;
  deliveryId: string;
  entity: string;
  body: string;
}

const hex = (n: number, len: number) => {
  let s = '';
  for (let i = 0; s.length < len; i++) s += hashString(`${n}:${i}`).toString(16).padStart(8, '0');
  return s.slice(0, len);
};
const uuid = (key: string) => {
  const h = hex(hashString(key), 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * The deliveries of one UTC day (`YYYY-MM-DD`): per deploying demo
 * component, 1 to 3 pushes each followed by a deployment to production
 * (`in_progress`, then `success`, or `failure` one time in ten), and for
 * some of them a PagerDuty incident triggered and resolved.
 */
export function planWebhookDay(org: Org, day: string, seed = 1): WebhookDelivery[] {
  const start = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(start)) throw new Error(`expected a day as YYYY-MM-DD, got ${day}`);
  const out: WebhookDelivery[] = [];
  for (const c of org.components.filter(x => x.inCatalog && deploys(x))) {
    const rng = new Random(`${seed}:${day}:${c.name}`);
    const repository = { id: hashString(c.name), name: c.name, full_name: githubSlug(c) };
    let before = hex(hashString(`${c.name}:${day}:base`), 40);
    const runs = rng.int(1, 3);
    for (let i = 0; i < runs; i++) {
      const key = `${seed}:${day}:${c.name}:${i}`;
      const pushedAt = start + (8 + rng.between(0, 9)) * 3_600_000;
      const commits = Array.from({ length: rng.int(1, 3) }, (_, j) => ({
        id: hex(hashString(`${key}:commit:${j}`), 40),
        message: `Change ${j + 1} of run ${i + 1}`,
        timestamp: iso(pushedAt - (j + 1) * rng.between(10, 120) * 60_000),
      }));
      const after = commits[0].id;
      out.push({
        provider: 'github',
        event: 'push',
        deliveryId: uuid(`${key}:push`),
        entity: `component:default/${c.name}`,
        body: JSON.stringify({ ref: 'refs/heads/main', before, after, commits, head_commit: commits[0], repository }),
      });
      before = after;
      const deploymentId = hashString(`${key}:deployment`);
      const deployment = { id: deploymentId, sha: after, ref: 'main', environment: 'production', payload: {} };
      const startedAt = pushedAt + 5 * 60_000;
      const failed = rng.chance(0.1);
      for (const [state, at] of [
        ['in_progress', startedAt],
        [failed ? 'failure' : 'success', startedAt + rng.between(2, 15) * 60_000],
      ] as const) {
        out.push({
          provider: 'github',
          event: 'deployment_status',
          deliveryId: uuid(`${key}:${state}`),
          entity: `component:default/${c.name}`,
          body: JSON.stringify({
            action: 'created',
            deployment_status: { id: hashString(`${key}:${state}:status`), state, environment: 'production', created_at: iso(at) },
            deployment,
            repository,
          }),
        });
      }
      if (failed || rng.chance(0.05)) {
        const incidentId = `Q${hex(hashString(`${key}:incident`), 12).toUpperCase()}`;
        const openedAt = startedAt + 30 * 60_000;
        const service = { id: pagerdutyServiceId(c), type: 'service_reference', summary: c.name };
        for (const [type, at] of [
          ['incident.triggered', openedAt],
          ['incident.resolved', openedAt + rng.between(20, 240) * 60_000],
        ] as const) {
          out.push({
            provider: 'pagerduty',
            event: type,
            deliveryId: uuid(`${key}:${type}`),
            entity: `component:default/${c.name}`,
            body: JSON.stringify({
              event: {
                id: uuid(`${key}:${type}:event`),
                event_type: type,
                resource_type: 'incident',
                occurred_at: iso(at),
                data: { id: incidentId, type: 'incident', created_at: iso(openedAt), urgency: 'high', service },
              },
            }),
          });
        }
      }
    }
  }
  return out;
}

const hmac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

/** Per entity: what was sent, and how the backend answered. */
export interface ReplaySummary {
  entities: Record<string, { pushes: number; deployments: number; failedDeployments: number; incidents: number }>;
  deliveries: number;
  answers: Record<string, number>;
}

/** Sends the deliveries, signed, to the backend's receivers (`<baseUrl>/webhooks/...`), a few at a time. */
export async function replayWebhooks(opts: {
  baseUrl: string;
  deliveries: WebhookDelivery[];
  githubSecret: string;
  pagerdutySecret: string;
  concurrency?: number;
}): Promise<ReplaySummary> {
  const summary: ReplaySummary = { entities: {}, deliveries: opts.deliveries.length, answers: {} };
  for (const d of opts.deliveries) {
    const e = (summary.entities[d.entity] ??= { pushes: 0, deployments: 0, failedDeployments: 0, incidents: 0 });
    if (d.event === 'push') e.pushes++;
    if (d.event === 'deployment_status' && !d.body.includes('"in_progress"')) {
      e.deployments++;
      if (d.body.includes('"failure"')) e.failedDeployments++;
    }
    if (d.event === 'incident.triggered') e.incidents++;
  }
  const send = async (d: WebhookDelivery) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (d.provider === 'github') {
      headers['X-GitHub-Event'] = d.event;
      headers['X-GitHub-Delivery'] = d.deliveryId;
      headers['X-Hub-Signature-256'] = `sha256=${hmac(opts.githubSecret, d.body)}`;
    } else {
      headers['X-Webhook-Id'] = d.deliveryId;
      headers['X-PagerDuty-Signature'] = `v1=${hmac(opts.pagerdutySecret, d.body)}`;
    }
    const res = await fetch(`${opts.baseUrl}/webhooks/${d.provider}`, { method: 'POST', headers, body: d.body });
    const answer = res.ok ? ((await res.json()) as { state: string }).state : `HTTP ${res.status}`;
    summary.answers[answer] = (summary.answers[answer] ?? 0) + 1;
  };
  // in order per entity (a deployment's statuses in sequence), entities in parallel
  const byEntity = new Map<string, WebhookDelivery[]>();
  for (const d of opts.deliveries) byEntity.set(d.entity, [...(byEntity.get(d.entity) ?? []), d]);
  const queues = [...byEntity.values()];
  const workers = Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, async () => {
    for (let q = queues.shift(); q; q = queues.shift()) {
      for (const d of q) await send(d);
    }
  });
  await Promise.all(workers);
  return summary;
}

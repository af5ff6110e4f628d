import { createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parseAllDocuments } from 'yaml';
import { renderCatalogYaml } from './catalogYaml';
import { generateOrg } from './org';
import { planWebhookDay, replayWebhooks } from './webhooks';

const org = generateOrg();

describe('the demo webhook day', () => {
  it('is the same for the same day and seed, and another for another day', () => {
    const a = planWebhookDay(org, '2026-11-21');
    expect(planWebhookDay(org, '2026-11-21').map(d => d.deliveryId)).toEqual(a.map(d => d.deliveryId));
    const other = new Set(planWebhookDay(org, '2026-11-20').map(d => d.deliveryId));
    expect(a.some(d => other.has(d.deliveryId))).toBe(false);
    expect(new Set(a.map(d => d.deliveryId)).size).toBe(a.length);
  });

  it('names repositories and services the demo catalog annotates', () => {
    const annotations = new Map<string, Record<string, string>>();
    for (const doc of parseAllDocuments(renderCatalogYaml(org)['components.yaml'])) {
      const e = doc.toJS();
      annotations.set(`component:default/${e.metadata.name}`, e.metadata.annotations ?? {});
    }
    const day = planWebhookDay(org, '2026-11-21');
    const named = (provider: string, field: (body: any) => string, annotation: string) =>
      day
        .filter(d => d.provider === provider)
        .map(d => [field(JSON.parse(d.body)), annotations.get(d.entity)?.[annotation]])
        .filter(([sent, annotated]) => sent !== annotated);
    expect(named('github', b => b.repository.full_name, 'github.com/project-slug')).toEqual([]);
    expect(named('pagerduty', b => b.event.data.service.id, 'pagerduty.com/service-id')).toEqual([]);
    expect(day.some(d => d.provider === 'pagerduty')).toBe(true);
    const components = [...annotations.values()];
    expect(components.every(a => /^acme\//.test(a['github.com/project-slug']))).toBe(true);
  });

  it('sends every delivery signed, a deployment\'s statuses in order, and sums up per entity', async () => {
    const received: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        received.push({ url: req.url!, headers: req.headers, body });
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ deliveryId: 'x', state: 'processed' }));
      });
    });
    await new Promise<void>(r => server.listen(0, r));
    try {
      const deliveries = planWebhookDay(org, '2026-11-21');
      const port = (server.address() as AddressInfo).port;
      const summary = await replayWebhooks({
        baseUrl: `http://127.0.0.1:${port}/api/platform-metrics`,
        deliveries,
        githubSecret: 'gh',
        pagerdutySecret: 'pd',
      });
      expect(received).toHaveLength(deliveries.length);
      expect(summary.answers).toEqual({ processed: deliveries.length });
      const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');
      const github = received.filter(r => r.url === '/api/platform-metrics/webhooks/github');
      const pagerduty = received.filter(r => r.url === '/api/platform-metrics/webhooks/pagerduty');
      expect(github.length + pagerduty.length).toBe(received.length);
      expect(github.filter(r => r.headers['x-hub-signature-256'] !== `sha256=${mac('gh', r.body)}`)).toEqual([]);
      expect(github.filter(r => !r.headers['x-github-delivery'])).toEqual([]);
      expect(pagerduty.filter(r => r.headers['x-pagerduty-signature'] !== `v1=${mac('pd', r.body)}`)).toEqual([]);
      expect(pagerduty.filter(r => !r.headers['x-webhook-id'])).toEqual([]);
      const statuses = received.filter(r => r.headers['x-github-event'] === 'deployment_status').map(r => JSON.parse(r.body));
      const byDeployment = new Map<number, string[]>();
      for (const s of statuses) byDeployment.set(s.deployment.id, [...(byDeployment.get(s.deployment.id) ?? []), s.deployment_status.state]);
      for (const states of byDeployment.values()) expect(states[0]).toBe('in_progress');
      const total = Object.values(summary.entities).reduce((n, e) => n + e.deployments, 0);
      expect(total).toBe(byDeployment.size);
    } finally {
      server.close();
    }
  });
});

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
    for (const d of planWebhookDay(org, '2026-11-21')) {
      const a = annotations.get(d.entity)!;
      const body = JSON.parse(d.body);
      if (d.provider === 'github') expect(body.repository.full_name).toBe(a['github.com/project-slug']);
      else expect(body.event.data.service.id).toBe(a['pagerduty.com/service-id']);
    }
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
      for (const r of received) {
        const mac = (s: string) => createHmac('sha256', s).update(r.body).digest('hex');
        if (r.url.endsWith('/webhooks/github')) {
          expect(r.headers['x-hub-signature-256']).toBe(`sha256=${mac('gh')}`);
          expect(r.headers['x-github-delivery']).toBeTruthy();
        } else {
          expect(r.url).toBe('/api/platform-metrics/webhooks/pagerduty');
          expect(r.headers['x-pagerduty-signature']).toBe(`v1=${mac('pd')}`);
        }
      }
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

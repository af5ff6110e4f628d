/**
 * The `webhooks` series: signed GitHub deliveries of about 1 KB through
 * `POST /webhooks/github` of one backend, from concurrent senders (8 by
 * default): pairs of a `push` and the `deployment_status` (success,
 * production) of the sha it pushed, each stored in the inbox, matched to its
 * entity and processed (the deployment with the push's commits as changes)
 * before its answer; then a redelivery of some of them (answered
 * `duplicate`, counted once) and the exact final counts (deployments and
 * their changes, on PostgreSQL read from the database).
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BackendProcess } from './backendProcess';
import { Percentiles, percentiles, request } from './http';

const SECRET = 'bench-github-webhook-secret';
const TOKEN_INGEST = 'bench-ingest-token-0123456789';
const TOKEN_READ = 'bench-read-token-0123456789';

export interface WebhookSeriesOptions {
  db: 'postgres' | 'sqlite';
  port: number;
  deliveries: number;
  senders: number;
  entities: number;
  keep: boolean;
  code: string;
  log: (msg: string) => void;
}

export interface WebhookSeriesResult {
  series: 'webhooks';
  db: 'postgres' | 'sqlite';
  code: string;
  deliveries: number;
  senders: number;
  entities: number;
  perSecond: number;
  latency: Percentiles;
  statuses: Record<string, number>;
  states: Record<string, number>;
  redeliveries: { sent: number; duplicate: number };
  final: {
    deliveriesLast24h: number;
    expected: number;
    /** PostgreSQL only: deployments and changes stored, against those sent. */
    deployments?: { stored: number; expected: number };
    changes?: { stored: number; expected: number };
  };
  meanBodyBytes: number;
}

function post(agent: http.Agent, url: string, body: Buffer, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': body.length } },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const shaOf = (entity: number, n: number) => `${entity.toString(16).padStart(8, '0')}${n.toString(16).padStart(32, '0')}`;

/**
 * Delivery i: for the entity i/2 mod `entities`, its n-th pair; even i the
 * push of sha n (from sha n-1, two commits), odd i the deployment of sha n.
 */
function delivery(i: number, entities: number, day: number) {
  const pair = Math.floor(i / 2);
  const entity = pair % entities;
  const n = Math.floor(pair / entities) + 1;
  const name = `webhook-bench-${entity}`;
  const repository = { id: 7000 + entity, name, full_name: `acme/${name}`, private: true, html_url: `https://github.example.test/acme/${name}`, default_branch: 'main' };
  const at = (minutes: number) => new Date(day + pair * 1000 + minutes * 60_000).toISOString();
  const commit = (id: string, minutes: number) => ({
    id,
    message: 'Retry card captures once when the acquirer times out',
    timestamp: at(minutes),
    url: `https://github.example.test/acme/${name}/commit/${id}`,
    author: { name: 'A. Developer', email: 'a.developer@example.test', username: 'a-developer' },
  });
  const isPush = i % 2 === 0;
  const payload = isPush
    ? {
        ref: 'refs/heads/main',
        before: shaOf(entity, n - 1),
        after: shaOf(entity, n),
        commits: [commit(`f${shaOf(entity, n).slice(1)}`, -20), commit(shaOf(entity, n), -10)],
        compare: `https://github.example.test/acme/${name}/compare/${shaOf(entity, n - 1).slice(0, 12)}...${shaOf(entity, n).slice(0, 12)}`,
        repository,
        pusher: { name: 'a-developer', email: 'a.developer@example.test' },
        sender: { login: 'a-developer', id: 4242, type: 'User' },
      }
    : {
        action: 'created',
        deployment_status: { id: 1_000_000 + i, state: 'success', environment: 'production', created_at: at(0), description: 'Deployed by the bench' },
        deployment: {
          id: 5_000_000 + pair,
          sha: shaOf(entity, n),
          ref: 'main',
          environment: 'production',
          payload: {},
          task: 'deploy',
          description: 'Deploy main to production',
          creator: { login: 'deploy-bot', id: 4343, type: 'Bot' },
          statuses_url: `https://github.example.test/api/v3/repos/acme/${name}/deployments/${5_000_000 + pair}/statuses`,
        },
        repository,
        sender: { login: 'deploy-bot', id: 4343, type: 'Bot' },
      };
  const body = Buffer.from(JSON.stringify(payload));
  return {
    body,
    headers: {
      'x-github-event': isPush ? 'push' : 'deployment_status',
      'x-github-delivery': `bench-${i}`,
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
  };
}

export async function runWebhookSeries(opts: WebhookSeriesOptions): Promise<WebhookSeriesResult> {
  const { log } = opts;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `pm-bench-webhooks-${opts.db}-`));
  const entitiesFile = path.join(workDir, 'entities.json');
  fs.writeFileSync(
    entitiesFile,
    JSON.stringify(
      Array.from({ length: opts.entities }, (_, i) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `webhook-bench-${i}`, namespace: 'default', annotations: { 'github.com/project-slug': `acme/webhook-bench-${i}` } },
        spec: { type: 'service', lifecycle: 'production', owner: 'group:default/bench' },
        relations: [{ type: 'ownedBy', targetRef: 'group:default/bench' }],
      })),
    ),
  );
  const prefix = `pm_bench_webhooks_${process.pid}_`;
  const admin = async (sql: string) => {
    const c = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  if (opts.db === 'postgres') await admin(`DROP DATABASE IF EXISTS "${prefix}platform-metrics" WITH (FORCE)`);
  const backend = new BackendProcess({
    workDir,
    port: opts.port,
    database: opts.db === 'postgres' ? { client: 'pg', prefix } : { client: 'better-sqlite3', directory: path.join(workDir, 'sqlite') },
    ingestToken: TOKEN_INGEST,
    readToken: TOKEN_READ,
    entitiesFile,
    platformMetrics: {
      integrations: { github: { webhookSecret: SECRET } },
      // the backend runs with NODE_ENV=production, which requires one
      survey: { pseudonymSecret: 'bench-pseudonym-secret-0123456789' },
      catalogSync: { frequencyMinutes: 525_600 },
      rollups: { frequencySeconds: 31_536_000 },
    },
    log,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.senders, timeout: 4000 });
  try {
    log(`  starting the backend on :${opts.port} (${opts.db}), log in ${workDir}`);
    await backend.start();
    await backend.nextSync(0);
    const url = `${backend.apiUrl}/webhooks/github`;
    const day = Date.parse('2026-03-02T00:00:00Z');
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const states: Record<string, number> = {};
    let next = 0;
    let bodyBytes = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: opts.senders }, async () => {
        for (let i = next++; i < opts.deliveries; i = next++) {
          const d = delivery(i, opts.entities, day);
          bodyBytes += d.body.length;
          const s = performance.now();
          const res = await post(agent, url, d.body, d.headers);
          latencies.push(performance.now() - s);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const state = res.status < 300 ? JSON.parse(res.body).state : `HTTP ${res.status}`;
          states[state] = (states[state] ?? 0) + 1;
        }
      }),
    );
    const ms = performance.now() - t0;
    log(`  ${opts.deliveries} deliveries in ${(ms / 1000).toFixed(1)} s`);
    // redeliveries: answered duplicate, counted once
    const resend = Math.min(200, opts.deliveries);
    let duplicate = 0;
    for (let i = 0; i < resend; i++) {
      const d = delivery(i, opts.entities, day);
      const res = await post(agent, url, d.body, d.headers);
      if (res.status === 200 && JSON.parse(res.body).state === 'duplicate') duplicate++;
    }
    const status = JSON.parse((await request(`${backend.apiUrl}/integrations/status`, { token: TOKEN_READ })).body);
    const pairs = Math.floor(opts.deliveries / 2);
    let stored: Pick<WebhookSeriesResult['final'], 'deployments' | 'changes'> = {};
    if (opts.db === 'postgres') {
      const c = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: `${prefix}platform-metrics` });
      await c.connect();
      try {
        const count = async (table: string) => Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
        // a deployment whose push came after it is processed again when the push arrives
        stored = {
          deployments: { stored: await count('pm_deployments'), expected: pairs },
          changes: { stored: await count('pm_deployment_changes'), expected: pairs * 2 },
        };
      } finally {
        await c.end();
      }
    }
    const github = status.providers?.find((p: { provider: string }) => p.provider === 'github');
    return {
      series: 'webhooks',
      db: opts.db,
      code: opts.code,
      deliveries: opts.deliveries,
      senders: opts.senders,
      entities: opts.entities,
      perSecond: opts.deliveries / (ms / 1000),
      latency: percentiles(latencies),
      statuses,
      states,
      redeliveries: { sent: resend, duplicate },
      final: { deliveriesLast24h: github?.deliveriesLast24h ?? -1, expected: opts.deliveries, ...stored },
      meanBodyBytes: Math.round(bodyBytes / opts.deliveries),
    };
  } finally {
    agent.destroy();
    await backend.stop();
    if (!opts.keep) {
      fs.rmSync(workDir, { recursive: true, force: true });
      if (opts.db === 'postgres') await admin(`DROP DATABASE IF EXISTS "${prefix}platform-metrics" WITH (FORCE)`);
    }
  }
}

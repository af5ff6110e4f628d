/*
 * Measures what the catalog visibility check costs a read (not a test):
 * a backend with the real catalog and permission backends, a policy with a
 * conditional catalog.entity.read decision, and N scorecard and org-summary
 * reads as a user (checked against the catalog) and as a service (the same
 * route, not checked). Run from the repository root:
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs plugins/platform-metrics-backend/scripts/visibility-cost.ts [N]
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import supertest from 'supertest';
import { HIDDEN_LABEL, hidesLabelledEntitiesFrom, startWithRealCatalog } from '../src/__testUtils__/realCatalog';

const N = Number(process.argv[2] ?? 300);
const TO = '2026-03-03T00:00:00Z';

function entities(): Entity[] {
  const out: Entity[] = [];
  for (let t = 0; t < 10; t++) {
    out.push({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: `team-${t}`, ...(t === 0 && { labels: { [HIDDEN_LABEL]: 'true' } }) }, spec: { type: 'team', children: [] } });
    out.push({ apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: { name: `sys-${t}` }, spec: { owner: `team-${t}` } });
  }
  for (let c = 0; c < 50; c++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `c${c}` },
      spec: { type: 'service', lifecycle: 'production', owner: `team-${c % 10}`, system: `sys-${c % 10}` },
    });
  }
  return out;
}

async function series(server: Parameters<typeof supertest>[0], path: string, auth: string) {
  const times: number[] = [];
  for (let i = 0; i < N + 20; i++) {
    const start = process.hrtime.bigint();
    const res = await supertest(server).get(path).set('Authorization', auth);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    if (i >= 20) times.push(ms); // the first 20 warm up
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { median: q(0.5), p95: q(0.95), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

async function main() {
  const backend = await startWithRealCatalog({ entities: entities(), policy: hidesLabelledEntitiesFrom(['user:default/alice']) });
  try {
    const deployments = Array.from({ length: 50 }, (_, c) => ({
      id: `d${c}`,
      entityRef: `component:default/c${c}`,
      environment: 'production',
      status: 'succeeded',
      finishedAt: '2026-03-02T10:00:00Z',
      changes: [{ id: `x${c}`, committedAt: '2026-03-02T08:00:00Z' }],
    }));
    await supertest(backend.server).post('/api/platform-metrics/deployments').set('Authorization', mockCredentials.service.header()).send({ deployments });
    await backend.scheduler.waitForTask('platform-metrics:rollups');
    const user = mockCredentials.user.header('user:default/alice');
    const service = mockCredentials.service.header();
    const card = `/api/platform-metrics/entities/component/default/c1/scorecard?to=${TO}`;
    const summary = `/api/platform-metrics/org/summary?to=${TO}`;
    const rows = {
      'scorecard, service (no check)': await series(backend.server, card, service),
      'scorecard, user (checked)': await series(backend.server, card, user),
      'org summary, service (no filter)': await series(backend.server, summary, service),
      'org summary, user (filtered)': await series(backend.server, summary, user),
    };
    process.stdout.write(`${N} reads each (after 20 warm-up reads), in-process backend on SQLite, ms\n`);
    for (const [name, r] of Object.entries(rows)) {
      process.stdout.write(`${name.padEnd(34)} median ${r.median.toFixed(2)}  p95 ${r.p95.toFixed(2)}  mean ${r.mean.toFixed(2)}\n`);
    }
  } finally {
    await backend.stop();
  }
}

main().then(
  () => process.exit(0),
  e => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  },
);

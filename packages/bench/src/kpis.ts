/**
 * The `kpis` series (issue 13 §7, "the query time of each new tile"): the
 * latency of the reads behind the Platform KPIs tiles on one backend with
 * the size's history: deployments bulk-loaded (COPY) and rolled up, and the
 * incidents, CI pipeline runs, platform requests and monthly costs posted
 * through the API; `platformMetrics.platformOwners` and a target on each of
 * the five new KPIs set in its config. Each read is timed interleaved
 * (round-robin, the order rotating) with `to` at the history's end and the
 * tiles' windows: `/org/self-service`, `/org/platform-incidents`,
 * `/org/onboarding` and `/org/pipelines` of 90 days, `/org/costs` of 12
 * months, and `/targets` (the five KPI targets: each reads its current 90
 * days, its 365-day series and nothing else).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EventPlan, costsOfPlan, pipelineRunsOf, requestsOfPlan } from '@platform-metrics/demo-data';
import { BackendProcess } from './backendProcess';
import { CHANGE_COLUMNS, DEPLOYMENT_COLUMNS, catalogEntities } from './data';
import { getOnce, ingest } from './http';
import { timeInterleaved } from './insights';
import { LoadSample, loadSampler } from './machineLoad';
import { runRollupJob } from './replicas';
import { prepareReplicaData } from './replicasData';
import { MARK_DIRTY_SQL, Series } from './run';

export interface KpisOptions {
  size: string;
  sizeDescription: string;
  port: number;
  requests: number;
  budgetMs: number;
  seed: number;
  code: string;
  note?: string;
  keep?: boolean;
  log: (msg: string) => void;
}

export const KPI_READS = ['selfService', 'platformIncidents', 'costs', 'onboarding', 'pipelines', 'targets'] as const;
export type KpiRead = (typeof KPI_READS)[number];

export interface KpisResult {
  series: 'kpis';
  code: string;
  size: string;
  sizeDescription: string;
  db: 'postgres';
  dbVersion: string;
  date: string;
  note?: string;
  requests: number;
  setup: {
    historyEnd: string;
    platformOwners: string[];
    loaded: { deployments: number; changes: number; incidents: number; pipelineRuns: number; requests: number; costs: number };
    loadMs: number;
    rollupOfHistoryMs: number;
  };
  latency: Record<KpiRead, Series>;
  load: LoadSample;
  checks: string[];
  rss: { vmHwmKb: number };
}

const TOKEN_INGEST = 'pm-bench-ingest-token-0123456789';
const TOKEN_READ = 'pm-bench-read-token-0123456789';
const q = encodeURIComponent;

/** The targets the series configures: one on each new KPI, org-wide. */
export const KPI_TARGETS = [
  { metric: 'selfServiceRatio', scope: 'org', value: '85%', by: '2099-12-31' },
  { metric: 'platformIncidentImpact', scope: 'org', value: 200, by: '2099-12-31' },
  { metric: 'costPerService', scope: 'org', value: 850, by: '2099-12-31' },
  { metric: 'onboardingTime', scope: 'org', value: '1d', by: '2099-12-31' },
  { metric: 'ciDuration', scope: 'org', value: '10m', by: '2099-12-31' },
];

const pg = (database = 'postgres') => new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });

async function admin(sql: string) {
  const c = pg();
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const bodies = (key: string, items: unknown[], size = 1000) => {
  const out: Buffer[] = [];
  for (let i = 0; i < items.length; i += size) out.push(Buffer.from(JSON.stringify({ [key]: items.slice(i, i + size) })));
  return out;
};

/**
 * The rollup job of the loaded history, tried again when a connection is
 * reset: the API's writes start the job themselves, and the trigger is then
 * refused (409) for minutes, polled over keep-alive sockets the backend may
 * close meanwhile.
 */
async function rollUp(run: () => Promise<number>, log: (msg: string) => void): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= 5 || (e as NodeJS.ErrnoException).code !== 'ECONNRESET') throw e;
      log(`    connection reset while waiting for the rollup job; again (${attempt})`);
    }
  }
}

export async function runKpisSeries(plan: EventPlan, opts: KpisOptions): Promise<KpisResult> {
  const { log } = opts;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `pm-bench-kpis-${opts.size}-`));
  const entitiesFile = path.join(workDir, 'entities.json');
  fs.writeFileSync(entitiesFile, JSON.stringify(catalogEntities(plan)));
  const prefix = `pm_bench_kpis_${opts.size}_${process.pid}_`;
  const database = `${prefix}platform-metrics`;
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  const team = plan.org.teams.find(t => t.name === 'platform') ?? plan.org.teams[0];
  const platformOwners = [`group:default/${team.name}`.toLowerCase()];
  const backend = new BackendProcess({
    workDir,
    port: opts.port,
    database: { client: 'pg', prefix },
    ingestToken: TOKEN_INGEST,
    readToken: TOKEN_READ,
    entitiesFile,
    platformMetrics: {
      catalogSync: { frequencyMinutes: 525_600 },
      rollups: { frequencySeconds: 31_536_000 },
      platformOwners,
      targets: KPI_TARGETS,
    },
    log,
  });
  const db = pg(database);
  let connected = false;
  let keep = !!opts.keep;
  try {
    log(`  starting the backend on :${opts.port}, log in ${workDir}/backend-${opts.port}.log`);
    await backend.start();
    await backend.nextSync(0);
    await db.connect();
    connected = true;
    const dbVersion = (await db.query('SHOW server_version')).rows[0].server_version;
    const api = backend.apiUrl;

    const t0 = performance.now();
    const data = prepareReplicaData(plan, { live: 0, batchSize: 1, seed: opts.seed });
    log(`  bulk-loading ${data.preloaded.deployments} deployments (${data.preloaded.changes} changes)`);
    const copy = async (sql: string, chunks: Buffer[]) => pipeline(Readable.from(chunks), db.query(copyFrom(sql)));
    await copy(`COPY pm_deployments (${DEPLOYMENT_COLUMNS.join(', ')}) FROM STDIN`, data.deploymentCopy);
    await copy(`COPY pm_deployment_changes (${CHANGE_COLUMNS.join(', ')}) FROM STDIN`, data.changeCopy);
    await db.query(MARK_DIRTY_SQL);
    const components = new Map(plan.org.components.map(c => [`component:default/${c.name}`, c]));
    const runs: unknown[] = [];
    let incidents = 0;
    for (const e of plan.entities()) {
      incidents += e.incidents.length;
      for (const d of e.deployments) runs.push(...pipelineRunsOf(d, components.get(e.entityRef) ?? {}));
    }
    const requests = requestsOfPlan(plan);
    const costs = costsOfPlan(plan);
    log(`  posting ${incidents} incidents, ${runs.length} pipeline runs, ${requests.length} requests, ${costs.length} monthly costs`);
    await ingest(`${api}/incidents`, TOKEN_INGEST, data.incidentBodies, 0, 4);
    await ingest(`${api}/pipeline-runs`, TOKEN_INGEST, bodies('runs', runs), runs.length, 4);
    await ingest(`${api}/requests`, TOKEN_INGEST, bodies('requests', requests), requests.length, 4);
    await ingest(`${api}/costs`, TOKEN_INGEST, bodies('costs', costs), costs.length, 4);
    const loadMs = performance.now() - t0;
    log(`    loaded in ${(loadMs / 1000).toFixed(0)} s; rolling the history up`);
    const rollupOfHistoryMs = await rollUp(() => runRollupJob(api, db, true, log), log);
    await db.query('ANALYZE');

    const get = async (p: string) => {
      const res = await getOnce(`${api}${p}`, TOKEN_READ);
      if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${res.body.slice(0, 300)}`);
      return res.body;
    };
    const to = `to=${q(plan.now)}`;
    const paths: Record<KpiRead, string> = {
      selfService: `/org/self-service?windowDays=90&${to}`,
      platformIncidents: `/org/platform-incidents?windowDays=90&${to}`,
      costs: `/org/costs?months=12&${to}`,
      onboarding: `/org/onboarding?windowDays=90&${to}`,
      pipelines: `/org/pipelines?windowDays=90&${to}`,
      targets: `/targets?${to}`,
    };
    log(`  latency: up to ${opts.requests} rounds (budget ${opts.budgetMs / 1000} s per read)`);
    const stop = loadSampler();
    const latency = await timeInterleaved(
      Object.fromEntries(KPI_READS.map(k => [k, () => get(paths[k])])) as Record<KpiRead, () => Promise<string>>,
      { count: opts.requests, warmup: 2, budgetMs: opts.budgetMs, minCount: Math.min(20, opts.requests) },
    );
    const load = stop();
    for (const k of KPI_READS) log(`    ${k}: p50 ${latency[k].p50.toFixed(1)} ms, p95 ${latency[k].p95.toFixed(1)} ms (n=${latency[k].n})`);

    const checks = await answerChecks(get, paths);
    for (const c of checks) log(`    check: ${c}`);
    return {
      series: 'kpis',
      code: opts.code,
      size: opts.size,
      sizeDescription: opts.sizeDescription,
      db: 'postgres',
      dbVersion,
      date: new Date().toISOString(),
      note: opts.note,
      requests: opts.requests,
      setup: {
        historyEnd: plan.now,
        platformOwners,
        loaded: { ...data.preloaded, incidents, pipelineRuns: runs.length, requests: requests.length, costs: costs.length },
        loadMs,
        rollupOfHistoryMs,
      },
      latency,
      load,
      checks,
      rss: { vmHwmKb: backend.peakRss().vmHwmKb },
    };
  } catch (e) {
    log(`  failed; backend log kept in ${workDir}/backend-${opts.port}.log`);
    keep = true;
    throw e;
  } finally {
    if (connected) await db.end().catch(() => {});
    await backend.stop();
    if (!opts.keep) await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
    if (!keep) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** What the answers hold: each read counts the loaded history. */
async function answerChecks(get: (p: string) => Promise<string>, paths: Record<KpiRead, string>): Promise<string[]> {
  const read = async (k: KpiRead) => JSON.parse(await get(paths[k]));
  const [self, inc, costs, onb, ci, targets] = await Promise.all(KPI_READS.map(read));
  return [
    `self-service: ${self.n} requests closed, ratio ${self.ratio?.toFixed(3)}, ${self.trend.length} weeks`,
    `platform incidents: ${inc.incidents} resolved, ${inc.totalDeveloperHours} developer-hours`,
    `costs: ${costs.perService.n} services, median ${costs.perService.median} ${costs.currency} a month, ${costs.monthly.length} months`,
    `onboarding: cohort ${onb.cohort ?? 'withheld'}, median ${onb.median ?? onb.withheld ?? onb.medianWithheld}`,
    `pipelines: ${ci.duration.n} succeeded runs, median ${ci.duration.median} s`,
    `targets: ${targets.targets.map((t: any) => `${t.metric} ${t.status} (current ${t.current}, ${t.series.length} points)`).join('; ')}`,
  ];
}

/** The table of the series: each read's n, p50, p95, p99 and max. */
export function kpisTable(r: KpisResult): string {
  const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const rows = KPI_READS.map(k => {
    const s = r.latency[k];
    return [k, `${s.n}${s.budgetHit ? ' (budget)' : ''}`, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
  });
  const header = ['read', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map(x => x[i].length)));
  const line = (x: string[]) => x.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
  return [line(header), widths.map(w => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}

/** Runs the series and stores results/kpis/<size>-postgres.json. */
export async function runKpisCli(plan: EventPlan, opts: KpisOptions & { machine: { nproc: number; node: string }; resultsDir: string }) {
  const { machine, resultsDir, ...series } = opts;
  const result = await runKpisSeries(plan, series);
  const dir = path.join(resultsDir, 'kpis');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${opts.size}-postgres.json`);
  fs.writeFileSync(file, `${JSON.stringify({ machine, result }, null, 2)}\n`);
  // eslint-disable-next-line no-console
  console.log(
    `\nkpis, ${opts.size} on postgres (${machine.nproc} CPUs, Node ${machine.node}, PostgreSQL ${result.dbVersion}); history end ${result.setup.historyEnd}\n` +
      `${kpisTable(result)}\n\nthe machine meanwhile: load average ${result.load.mean} (max ${result.load.max}); busiest: ${(result.load.busiest ?? []).join('; ')}\n` +
      `${result.checks.map(c => `check: ${c}`).join('\n')}\nwrote ${path.relative(process.cwd(), file)}\n`,
  );
  return result;
}

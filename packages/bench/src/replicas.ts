/**
 * The replica series: two backend replicas on one PostgreSQL database, the
 * history bulk-loaded and rolled up, then 8 writers post the last deployments
 * in batches of 3 to both replicas while 12 readers read scorecards and org
 * summaries from both, and a probe measures how soon an ingested deployment
 * shows in a scorecard. At the end, every count must be exact.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EventPlan, Random } from '@platform-metrics/demo-data';
import { BackendProcess } from './backendProcess';
import { CHANGE_COLUMNS, DEPLOYMENT_COLUMNS, catalogEntities } from './data';
import { ingest, Percentiles, percentiles, request } from './http';
import { Recorder, Traffic } from './recorder';
import { ReplicaData } from './replicasData';
import { MARK_DIRTY_SQL, MARK_DIRTY_SQL_BEFORE_MARKS } from './run';

export interface ReplicaOptions {
  size: string;
  sizeDescription: string;
  /** Ports of the two replicas: `port` and `port + 1`. */
  port: number;
  writers: number;
  readers: number;
  batchSize: number;
  /** What the run measures (e.g. `after`, or `before` on an older checkout of the plugin). */
  label: string;
  /** The code measured (commit), as the caller found it. */
  code: string;
  keep?: boolean;
  log: (msg: string) => void;
}

export interface ReplicaResult {
  series: 'replicas';
  label: string;
  code: string;
  size: string;
  sizeDescription: string;
  date: string;
  dbVersion: string;
  setup: {
    replicas: 2;
    writers: number;
    readers: number;
    batchSize: number;
    preloaded: { deployments: number; changes: number; ms: number };
    rollupOfHistoryMs: number;
  };
  load: {
    ms: number;
    /** The machine's 1-minute load average when the load started and ended (other work shares it). */
    loadAverage?: [number, number];
    deployments: number;
    writes: Traffic & { deploymentsPerSecond: number };
    reads: Traffic & { byKind: Record<string, Percentiles> };
    fiveXx: number;
    errors: string[];
  };
  visibility: {
    /** From a probe's answered POST to the scorecard (on the other replica) counting it. */
    probeLag: Percentiles;
    probesNotSeen: number;
    /** From the last write's answer until a summary computed from the rollups counts everything. */
    rollupsAfterLastWriteMs: number | null;
    /** ... until the current window's precomputed org summary does. */
    summaryAfterLastWriteMs: number | null;
  };
  final: { expected: number; counted: number | null; entities: number; wrong: string[]; exact: boolean };
}

const TOKEN_INGEST = 'pm-bench-ingest-token-0123456789';
const TOKEN_READ = 'pm-bench-read-token-0123456789';
const ROLLUP_TASK = 'platform-metrics:rollups';
const DAY = 86_400_000;
const WRITE_RETRIES = { attempts: 20, retry5xx: true };
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function pg(database = 'postgres') {
  return new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
}

async function admin(sql: string) {
  const c = pg();
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Dirty marks left (either marks table: the series also measures the plugin before monotonic marks). */
async function dirtyCount(db: Client, monotonic: boolean) {
  const sql = monotonic
    ? 'SELECT count(*) AS n FROM pm_rollup_marks WHERE dirty_version > clean_version'
    : 'SELECT count(*) AS n FROM pm_rollup_dirty';
  return Number((await db.query(sql)).rows[0].n);
}

/** Triggers the rollup job and waits until it ran after the trigger and left no mark dirty. */
export async function runRollupJob(api: string, db: Client, monotonic: boolean, log: (m: string) => void) {
  const tasks = `${api}/.backstage/scheduler/v1/tasks`;
  const t0 = Date.now();
  for (;;) {
    const res = await request(`${tasks}/${encodeURIComponent(ROLLUP_TASK)}/trigger`, { method: 'POST', token: TOKEN_READ });
    if (res.status < 300) break;
    if (Date.now() - t0 > 600_000) throw new Error(`could not trigger the rollup job: ${res.status} ${res.body}`);
    await sleep(500);
  }
  for (;;) {
    await sleep(250);
    const list = JSON.parse((await request(tasks, { token: TOKEN_READ })).body).tasks as any[];
    const state = list.find(t => t.taskId === ROLLUP_TASK)?.taskState;
    const ended = state?.lastRunEndedAt ? Date.parse(state.lastRunEndedAt) : 0;
    if (state?.status !== 'running' && ended >= t0 - 1000 && (await dirtyCount(db, monotonic)) === 0) break;
    if (Date.now() - t0 > 900_000) throw new Error('the rollup job did not finish in 15 minutes');
  }
  log(`    rollup job: ${Date.now() - t0} ms`);
  return Date.now() - t0;
}

export async function runReplicaSeries(plan: EventPlan, data: ReplicaData, opts: ReplicaOptions): Promise<ReplicaResult> {
  const { log } = opts;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `pm-bench-replicas-${opts.size}-`));
  const entitiesFile = path.join(workDir, 'entities.json');
  fs.writeFileSync(entitiesFile, JSON.stringify(catalogEntities(plan)));
  const prefix = `pm_bench_replicas_${opts.size}_${process.pid}_`;
  const database = `${prefix}platform-metrics`;
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  const replicas = [0, 1].map(
    i =>
      new BackendProcess({
        workDir,
        port: opts.port + i,
        database: { client: 'pg', prefix },
        ingestToken: TOKEN_INGEST,
        readToken: TOKEN_READ,
        entitiesFile,
        // the plugin's defaults: jobs on their schedules (rollups every minute)
        platformMetrics: {},
        log,
      }),
  );
  const db = pg(database);
  let connected = false;
  // idle sockets close before the server's keep-alive timeout (5 s) could close them under a request
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });
  try {
    for (const r of replicas) {
      log(`  starting replica on :${r.apiUrl.split(':')[2].split('/')[0]}, log in ${workDir}`);
      await r.start();
    }
    await Promise.race(replicas.map(r => r.nextSync(0)));
    const [a, b] = replicas.map(r => r.apiUrl);
    await db.connect();
    connected = true;
    const monotonic = (await db.query(`SELECT to_regclass('pm_rollup_marks') AS t`)).rows[0].t !== null;
    const dbVersion = (await db.query('SHOW server_version')).rows[0].server_version;

    log(`  bulk-loading ${data.preloaded.deployments} deployments (${data.preloaded.changes} changes) of history`);
    const t0 = performance.now();
    const copy = async (sql: string, chunks: Buffer[]) => pipeline(Readable.from(chunks), db.query(copyFrom(sql)));
    await copy(`COPY pm_deployments (${DEPLOYMENT_COLUMNS.join(', ')}) FROM STDIN`, data.deploymentCopy);
    await copy(`COPY pm_deployment_changes (${CHANGE_COLUMNS.join(', ')}) FROM STDIN`, data.changeCopy);
    await db.query(monotonic ? MARK_DIRTY_SQL : MARK_DIRTY_SQL_BEFORE_MARKS);
    const preloadMs = performance.now() - t0;
    await ingest(`${a}/incidents`, TOKEN_INGEST, data.incidentBodies, 0, 4);
    await ingest(`${a}/survey-responses`, TOKEN_INGEST, data.responseBodies, 0, 4);
    log('  rolling the history up');
    const rollupOfHistoryMs = await runRollupJob(a, db, monotonic, log);
    await db.query('ANALYZE');

    const rec = new Recorder();
    const probes = new Recorder();
    const rng = new Random(`replicas:${opts.size}:reads`);
    const refs = plan.org.components.map(c => `component:default/${c.name}`.toLowerCase());
    const teams = plan.org.teams.map(t => `group:default/${t.name}`.toLowerCase());
    const expected = new Map(data.expected);
    const get = (base: string, p: string) => () => request(`${base}${p}`, { token: TOKEN_READ, agent });
    const post = (base: string, p: string, body: Buffer) => () =>
      request(`${base}${p}`, { method: 'POST', token: TOKEN_INGEST, body, agent });

    log(
      `  load: ${data.live} deployments in ${data.liveBodies.length} batches of ${opts.batchSize}, ` +
        `${opts.writers} writers and ${opts.readers} readers over both replicas`,
    );
    const loadBefore = os.loadavg()[0];
    let next = 0;
    let writing = true;
    let lastWriteAt = 0;
    const start = performance.now();
    const writer = async () => {
      while (next < data.liveBodies.length) {
        const i = next++;
        await rec.time('write', post(i % 2 ? b : a, '/deployments', data.liveBodies[i]), WRITE_RETRIES);
        lastWriteAt = Date.now();
      }
    };
    const reader = async (r: number) => {
      for (let i = 0; writing; i++) {
        const base = (r + i) % 2 ? b : a;
        const x = rng.next();
        if (x < 0.5) {
          const [, name] = rng.pick(refs).split('/');
          await rec.time('scorecard', get(base, `/entities/component/default/${name}/scorecard`));
        } else if (x < 0.75) {
          await rec.time('org summary', get(base, '/org/summary'));
        } else {
          await rec.time('org summary ?group=', get(base, `/org/summary?group=${encodeURIComponent(rng.pick(teams))}`));
        }
      }
    };
    // the probe: one deployment a second to replica A, read back from replica B
    const probeRef = refs[0];
    const probeUrl = `/entities/component/default/${probeRef.split('/')[1]}/scorecard?windowDays=7`;
    const countOf = async () => {
      const res = await request(`${b}${probeUrl}`, { token: TOKEN_READ, agent });
      return res.status === 200 ? (JSON.parse(res.body).dora.deploymentFrequency.count as number) : -1;
    };
    const lags: number[] = [];
    let probesNotSeen = 0;
    const probe = async () => {
      let sent = 0;
      const base = await countOf();
      while (writing) {
        const body = Buffer.from(
          JSON.stringify({
            deployments: [
              { id: `probe-${sent}`, source: 'bench-probe', entityRef: probeRef, environment: 'production', status: 'succeeded', finishedAt: new Date(Date.now() - 60_000).toISOString(), changes: [] },
            ],
          }),
        );
        const res = await probes.time('probe write', post(a, '/deployments', body), WRITE_RETRIES);
        if (res?.status !== 200) continue;
        sent++;
        expected.set(probeRef, (expected.get(probeRef) ?? 0) + 1);
        const at = performance.now();
        let seen = false;
        while (!seen && performance.now() - at < 120_000) {
          seen = (await countOf()) >= base + sent;
          if (!seen) await sleep(25);
        }
        if (seen) lags.push(performance.now() - at);
        else probesNotSeen++;
        await sleep(Math.max(0, 1000 - (performance.now() - at)));
      }
    };
    const background = [...Array.from({ length: opts.readers }, (_, r) => reader(r)), probe()];
    await Promise.all(Array.from({ length: opts.writers }, writer));
    const ms = performance.now() - start;
    const loadAfter = os.loadavg()[0];
    writing = false;
    await Promise.all(background);
    log(`    ${Math.round(ms)} ms; ${rec.fiveXx} answers 5xx`);

    // how soon everything shows
    const total = [...expected.values()].reduce((x, y) => x + y, 0);
    const toAll = new Date(Date.parse(plan.now) + DAY).toISOString();
    const orgCount = async (p: string) => {
      const res = await request(`${b}${p}`, { token: TOKEN_READ, agent });
      return res.status === 200 ? (JSON.parse(res.body).dora.deploymentFrequency.count as number) : null;
    };
    const until = async (want: number, p: string) => {
      for (;;) {
        if ((await orgCount(p)) === want) return Date.now() - lastWriteAt;
        if (Date.now() - lastWriteAt > 180_000) return null;
        await sleep(100);
      }
    };
    const rollupsAfterLastWriteMs = await until(total, `/org/summary?windowDays=730&to=${toAll}`);
    const windowFrom = Date.parse(plan.now) + DAY - 90 * DAY;
    const inCurrent = data.countedTimes.filter(t => t >= windowFrom).length + (expected.get(probeRef)! - data.expected.get(probeRef)!);
    const summaryAfterLastWriteMs = await until(inCurrent, '/org/summary');
    log(`    visible: rollups ${rollupsAfterLastWriteMs} ms, precomputed summary ${summaryAfterLastWriteMs} ms after the last write`);

    const wrong: string[] = [];
    for (const [i, ref] of refs.entries()) {
      const res = await request(`${i % 2 ? b : a}/entities/component/default/${ref.split('/')[1]}/scorecard?windowDays=730&to=${toAll}`, { token: TOKEN_READ, agent });
      const count = res.status === 200 ? JSON.parse(res.body).dora.deploymentFrequency.count : `HTTP ${res.status}`;
      if (count !== (expected.get(ref) ?? 0)) wrong.push(`${ref}: ${count} of ${expected.get(ref) ?? 0}`);
    }
    const counted = await orgCount(`/org/summary?windowDays=730&to=${toAll}`);
    log(`    final: ${counted} counted of ${total} sent; ${wrong.length} entities wrong`);

    const byKind: Record<string, Percentiles> = {};
    for (const kind of ['scorecard', 'org summary', 'org summary ?group=']) byKind[kind] = percentiles(rec.samples.get(kind) ?? []);
    const writes = rec.traffic(['write'], ms);
    return {
      series: 'replicas',
      label: opts.label,
      code: opts.code,
      size: opts.size,
      sizeDescription: opts.sizeDescription,
      date: new Date().toISOString(),
      dbVersion,
      setup: {
        replicas: 2,
        writers: opts.writers,
        readers: opts.readers,
        batchSize: opts.batchSize,
        preloaded: { ...data.preloaded, ms: preloadMs },
        rollupOfHistoryMs,
      },
      load: {
        ms,
        loadAverage: [loadBefore, loadAfter],
        deployments: data.live,
        writes: { ...writes, deploymentsPerSecond: data.live / (ms / 1000) },
        reads: { ...rec.traffic(['scorecard', 'org summary', 'org summary ?group='], ms), byKind },
        fiveXx: rec.fiveXx,
        errors: rec.errors,
      },
      visibility: { probeLag: percentiles(lags), probesNotSeen, rollupsAfterLastWriteMs, summaryAfterLastWriteMs },
      final: { expected: total, counted, entities: refs.length, wrong, exact: wrong.length === 0 && counted === total },
    };
  } finally {
    agent.destroy();
    if (connected) await db.end().catch(() => {});
    for (const r of replicas) await r.stop();
    if (!opts.keep) {
      await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
      fs.rmSync(workDir, { recursive: true, force: true });
    } else {
      log(`  kept: database "${database}" and ${workDir}`);
    }
  }
}

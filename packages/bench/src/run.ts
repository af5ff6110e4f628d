/**
 * One benchmark run: one size on one database. Starts the backend as a child
 * process, loads the data through the HTTP API (timing the deployments),
 * measures the database's own bulk-load limit on the same rows, the catalog
 * sync (and any other scheduled job), read latency of the API and of the
 * naive SQL, and the backend's peak RSS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Random } from '@platform-metrics/demo-data';
import { BackendProcess } from './backendProcess';
import { CHANGE_COLUMNS, DEPLOYMENT_COLUMNS, PreparedData } from './data';
import {
  getJson,
  getOnce,
  ingest,
  IngestResult,
  Percentiles,
  percentiles,
  request,
  timeSeries,
} from './http';
import {
  apiDora,
  compareDora,
  PG_ENTITY_SQL,
  PG_ORG_SQL,
  SQLITE_ENTITY_SQL,
  SQLITE_ORG_SQL,
  toDora,
} from './naive';

export type DbName = 'postgres' | 'sqlite';

export interface RunOptions {
  size: string;
  db: DbName;
  requests: number;
  port: number;
  /** Time budget (ms) of a latency series, which stops there once it has its minimum count. */
  budgetMs: number;
  /**
   * Deployments posted over HTTP (the last ones of the history); the others
   * are bulk-loaded into the plugin's tables first, so that the timed
   * ingestion runs against a table of the full size.
   */
  httpDeployments: number;
  /** Keep the database and the work directory for inspection. */
  keep?: boolean;
  /** The backend's V8 heap limit in MiB; Node's default when absent. */
  heapMiB?: number;
  log: (msg: string) => void;
}

export type Series = Percentiles & { budgetHit: boolean };

export interface RunResult {
  size: string;
  sizeDescription: string;
  db: DbName;
  dbVersion: string;
  date: string;
  requests: number;
  data: PreparedData['counts'];
  ingestion: {
    /** Deployments bulk-loaded into the plugin's own tables (with all their indexes) before the HTTP run. */
    preloaded?: {
      rows: number;
      changeRows: number;
      ms: number;
      perSecond: number;
    };
    deployments: IngestResult;
    incidents: IngestResult;
    surveyResponses: IngestResult;
    /** PostgreSQL COPY of the same deployment rows into a bare table with the same PK. */
    copyDeployments?: { rows: number; ms: number; perSecond: number };
    /** COPY of the deployments and their changes (both tables the API writes), deployments per second. */
    copyWithChanges?: {
      rows: number;
      changeRows: number;
      ms: number;
      perSecond: number;
    };
    /** SQLite: prepared-statement insert of the same rows into a bare table, one transaction. */
    sqliteBareInsert?: { rows: number; ms: number; perSecond: number };
  };
  latency: {
    scorecard: Series;
    orgSummary: Series;
    orgSummaryGroup: Series;
    orgSummary365: Series;
    orgSummary30: Series;
    /** The same without `to`: the current windows, precomputed by the rollup job. */
    current?: {
      orgSummary: Series;
      orgSummaryGroup: Series;
      orgSummary365: Series;
      orgSummary30: Series;
    };
    naiveEntity: Series;
    naiveOrg: Series;
  };
  checks: { entity: string; entityDiffs: string[]; orgDiffs: string[] };
  rss: {
    /** The backend's heap limit (`--max-old-space-size`), when one was set. */
    heapMiB?: number;
    vmHwmKb: number;
    sampledMaxRssKb: number;
    /** Peak RSS at the end of each phase: where it grew. */
    phases?: Array<{ phase: string; vmHwmKb: number }>;
  };
  jobs: {
    catalogSyncFirstMs: number;
    catalogSyncLine: string;
    catalogSyncAfterLoadMs: number;
    others: Array<{ id: string; ms: number | null; note: string }>;
  };
}

const TOKEN_INGEST = 'pm-bench-ingest-token-0123456789';
const TOKEN_READ = 'pm-bench-read-token-0123456789';
const SYNC_TASK = 'platform-metrics:catalog-sync';
const ROLLUP_TASK = 'platform-metrics:rollups';
const DAY = 86_400_000;

function pgClient(database = 'postgres') {
  return new Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database,
  });
}

async function dropDatabase(name: string) {
  const admin = pgClient();
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function copyRows(client: Client, sql: string, chunks: Buffer[]) {
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from(chunks), stream);
}

/** PostgreSQL COPY of the same rows into bare tables with the same primary keys. */
async function measureCopy(database: string, data: PreparedData) {
  const client = pgClient(database);
  await client.connect();
  try {
    const cols = DEPLOYMENT_COLUMNS.join(', ');
    const createDeployments = `CREATE TABLE pm_bench_copy_deployments
      (LIKE pm_deployments INCLUDING DEFAULTS, PRIMARY KEY (source, id))`;
    const createChanges = `CREATE TABLE pm_bench_copy_changes
      (LIKE pm_deployment_changes INCLUDING DEFAULTS, PRIMARY KEY (source, deployment_id, change_id))`;
    const drop = `DROP TABLE IF EXISTS pm_bench_copy_deployments, pm_bench_copy_changes`;

    await client.query(drop);
    await client.query(createDeployments);
    let t0 = performance.now();
    await copyRows(
      client,
      `COPY pm_bench_copy_deployments (${cols}) FROM STDIN`,
      data.deploymentCopy,
    );
    const ms = performance.now() - t0;
    const rows = data.counts.deployments;

    await client.query(drop);
    await client.query(createDeployments);
    await client.query(createChanges);
    t0 = performance.now();
    await copyRows(
      client,
      `COPY pm_bench_copy_deployments (${cols}) FROM STDIN`,
      data.deploymentCopy,
    );
    await copyRows(
      client,
      `COPY pm_bench_copy_changes (source, deployment_id, change_id, entity_ref, committed_at) FROM STDIN`,
      data.changeCopy,
    );
    const msBoth = performance.now() - t0;
    await client.query(drop);
    return {
      copyDeployments: { rows, ms, perSecond: rows / (ms / 1000) },
      copyWithChanges: {
        rows,
        changeRows: data.counts.changes,
        ms: msBoth,
        perSecond: rows / (msBoth / 1000),
      },
    };
  } finally {
    await client.end();
  }
}

/** SQLite: the same deployment rows into a bare table (same PK), one transaction. */
function measureSqliteInsert(dir: string, data: PreparedData) {
  const file = path.join(dir, 'bare-insert.sqlite');
  const db = new Database(file);
  try {
    db.exec(`CREATE TABLE bare_deployments (
      source varchar(255) NOT NULL, id varchar(255) NOT NULL, entity_ref varchar(255) NOT NULL,
      environment varchar(100) NOT NULL, status varchar(16) NOT NULL, finished_at bigint NOT NULL,
      started_at bigint, version varchar(255), type varchar(16) NOT NULL, remediates varchar(255),
      change_count integer NOT NULL DEFAULT 0, received_at bigint NOT NULL,
      PRIMARY KEY (source, id))`);
    const insert = db.prepare(
      `INSERT INTO bare_deployments (${DEPLOYMENT_COLUMNS.join(', ')})
       VALUES (${DEPLOYMENT_COLUMNS.map(c => `@${c}`).join(', ')})`,
    );
    const rows = data.deploymentRowBatches.flat();
    const t0 = performance.now();
    db.transaction(() => {
      for (const r of rows) insert.run(r);
    })();
    const ms = performance.now() - t0;
    return { rows: rows.length, ms, perSecond: rows.length / (ms / 1000) };
  } finally {
    db.close();
    fs.rmSync(file, { force: true });
  }
}

/**
 * The bulk load bypasses the API, so it marks the rollups dirty itself, as
 * POST /deployments does in its transaction (the rollup job's input).
 * (`WHERE true`: SQLite cannot otherwise parse ON CONFLICT after a SELECT.)
 */
export const MARK_DIRTY_SQL = `INSERT INTO pm_rollup_marks (entity_ref, dirty_version, clean_version)
  SELECT DISTINCT entity_ref, 1, 0 FROM pm_deployments WHERE true
  ON CONFLICT (entity_ref) DO UPDATE SET dirty_version = pm_rollup_marks.dirty_version + 1`;

/** The same for the plugin before monotonic marks (pm_rollup_dirty), to measure older versions. */
export const MARK_DIRTY_SQL_BEFORE_MARKS = `INSERT INTO pm_rollup_dirty (entity_ref)
  SELECT DISTINCT entity_ref FROM pm_deployments WHERE true
  ON CONFLICT (entity_ref) DO UPDATE SET version = pm_rollup_dirty.version + 1`;

/** PostgreSQL: COPY the first `batches` batches into the plugin's own tables. */
async function preloadPg(
  database: string,
  data: PreparedData,
  batches: number,
) {
  const client = pgClient(database);
  await client.connect();
  try {
    const t0 = performance.now();
    await copyRows(
      client,
      `COPY pm_deployments (${DEPLOYMENT_COLUMNS.join(', ')}) FROM STDIN`,
      data.deploymentCopy.slice(0, batches),
    );
    await copyRows(
      client,
      `COPY pm_deployment_changes (${CHANGE_COLUMNS.join(', ')}) FROM STDIN`,
      data.changeCopy.slice(0, batches),
    );
    // what POST /deployments does in its transaction: the rollup job's input
    await client.query(MARK_DIRTY_SQL);
    return performance.now() - t0;
  } finally {
    await client.end();
  }
}

/** SQLite: insert the first `batches` batches into the plugin's own tables. */
function preloadSqlite(file: string, data: PreparedData, batches: number) {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 30000');
    const insert = (table: string, cols: readonly string[]) =>
      db.prepare(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols
          .map(c => `@${c}`)
          .join(', ')})`,
      );
    const dep = insert('pm_deployments', DEPLOYMENT_COLUMNS);
    const chg = insert('pm_deployment_changes', CHANGE_COLUMNS);
    const t0 = performance.now();
    db.transaction(() => {
      for (let i = 0; i < batches; i++) {
        for (const r of data.deploymentRowBatches[i]) dep.run(r);
        for (const r of data.changeRowBatches[i]) chg.run(r);
      }
      db.exec(MARK_DIRTY_SQL);
    })();
    return performance.now() - t0;
  } finally {
    db.close();
  }
}

interface NaiveRunner {
  version(): Promise<string>;
  entity(entityRef: string, from: number, to: number): Promise<any>;
  org(from: number, to: number): Promise<any[]>;
  analyze(): Promise<void>;
  close(): Promise<void>;
}

async function pgRunner(database: string): Promise<NaiveRunner> {
  const client = pgClient(database);
  await client.connect();
  await client.query(`SET statement_timeout = '300s'`);
  return {
    async version() {
      return (await client.query('SHOW server_version')).rows[0].server_version;
    },
    async entity(entityRef, from, to) {
      const res = await client.query({
        name: 'naive_entity',
        text: PG_ENTITY_SQL,
        values: [entityRef, from, to],
      });
      return res.rows[0];
    },
    async org(from, to) {
      const res = await client.query({
        name: 'naive_org',
        text: PG_ORG_SQL,
        values: [from, to],
      });
      return res.rows;
    },
    async analyze() {
      await client.query('ANALYZE');
    },
    async close() {
      await client.end();
    },
  };
}

function sqliteRunner(file: string): NaiveRunner {
  const db = new Database(file, { readonly: false, fileMustExist: true });
  db.pragma('busy_timeout = 30000');
  const entity = db.prepare(SQLITE_ENTITY_SQL);
  const org = db.prepare(SQLITE_ORG_SQL);
  return {
    async version() {
      return (db.prepare('select sqlite_version() as v').get() as any).v;
    },
    async entity(entityRef, from, to) {
      return entity.get({ entity: entityRef, from, to });
    },
    async org(from, to) {
      return org.all({ from, to });
    },
    async analyze() {
      db.exec('ANALYZE');
    },
    async close() {
      db.close();
    },
  };
}

export async function runBenchmark(
  data: PreparedData,
  sizeDescription: string,
  opts: RunOptions,
): Promise<RunResult> {
  const { log } = opts;
  const workDir = fs.mkdtempSync(
    path.join(os.tmpdir(), `pm-bench-${opts.size}-${opts.db}-`),
  );
  const entitiesFile = path.join(workDir, 'entities.json');
  fs.writeFileSync(entitiesFile, JSON.stringify(data.entities));
  const prefix = `pm_bench_${opts.size}_${process.pid}_`;
  const pgDatabase = `${prefix}platform-metrics`;
  const sqliteDir = path.join(workDir, 'sqlite');
  if (opts.db === 'postgres') await dropDatabase(pgDatabase);
  else fs.mkdirSync(sqliteDir, { recursive: true });

  const backend = new BackendProcess({
    workDir,
    port: opts.port,
    database:
      opts.db === 'postgres'
        ? { client: 'pg', prefix }
        : { client: 'better-sqlite3', directory: sqliteDir },
    ingestToken: TOKEN_INGEST,
    readToken: TOKEN_READ,
    entitiesFile,
    heapMiB: opts.heapMiB,
    log,
  });
  let naive: NaiveRunner | undefined;
  let keep = !!opts.keep;
  try {
    log(
      `  starting backend on :${opts.port} (${opts.db}), logs in ${workDir}/backend-${opts.port}.log`,
    );
    await backend.start();
    log(
      `  backend pid ${backend.pid} ready; waiting for the first catalog sync`,
    );
    const firstSync = await backend.nextSync(0);
    backend.markPhase('start and first catalog sync');
    log(`  catalog sync: ${firstSync.ms} ms (${firstSync.line.slice(0, 160)})`);

    const api = backend.apiUrl;
    // The rollup job runs once 10 s after start (then only when triggered):
    // wait for that run, which finds nothing to do yet, so that it cannot
    // overlap the timed ingestion (on SQLite its writes would hold the lock).
    const rollupStarted = Date.now();
    for (;;) {
      const tasks: any[] =
        (await getJson(`${api}/.backstage/scheduler/v1/tasks`, TOKEN_READ)).tasks ?? [];
      const rollup = tasks.find(t => t.taskId === ROLLUP_TASK);
      if (!rollup || rollup.taskState?.lastRunEndedAt) break;
      if (Date.now() - rollupStarted > 120_000) {
        throw new Error('the rollup job did not run within 2 minutes of start');
      }
      await new Promise(r => setTimeout(r, 500));
    }
    const progress = (total: number, label: string) => {
      let last = 0;
      return (done: number) => {
        if (done === total || Date.now() - last > 10_000) {
          last = Date.now();
          log(`    ${label}: ${done}/${total} requests`);
        }
      };
    };
    const sqliteFile = path.join(sqliteDir, 'platform-metrics.sqlite');
    const httpBatches = Math.min(
      data.deploymentBodies.length,
      Math.max(1, Math.ceil(opts.httpDeployments / 1000)),
    );
    const preBatches = data.deploymentBodies.length - httpBatches;
    let preloaded: RunResult['ingestion']['preloaded'];
    if (preBatches > 0) {
      const rows = data.deploymentCopy
        .slice(0, preBatches)
        .reduce((n, b) => n + b.toString('utf8').split('\n').length - 1, 0);
      const changeRows = data.changeCopy
        .slice(0, preBatches)
        .reduce((n, b) => n + b.toString('utf8').split('\n').length - 1, 0);
      log(
        `  bulk-loading the first ${rows} deployments (${changeRows} changes) into the plugin's tables`,
      );
      const ms =
        opts.db === 'postgres'
          ? await preloadPg(pgDatabase, data, preBatches)
          : preloadSqlite(sqliteFile, data, preBatches);
      preloaded = { rows, changeRows, ms, perSecond: rows / (ms / 1000) };
      log(`    ${(ms / 1000).toFixed(1)} s`);
    }
    const httpBodies = data.deploymentBodies.slice(preBatches);
    const httpRecords =
      data.counts.deployments - (preloaded ? preloaded.rows : 0);
    log(
      `  ingesting ${httpRecords} deployments over HTTP (${httpBodies.length} requests of <=1000, 4 clients)`,
    );
    const deployments = await ingest(
      `${api}/deployments`,
      TOKEN_INGEST,
      httpBodies,
      httpRecords,
      4,
      progress(httpBodies.length, 'deployments'),
    );
    log(`    ${Math.round(deployments.perSecond)} deployments/s`);
    backend.markPhase('ingestion of deployments over HTTP');
    const incidents = await ingest(
      `${api}/incidents`,
      TOKEN_INGEST,
      data.incidentBodies,
      data.counts.incidents,
      4,
    );
    const surveyResponses = await ingest(
      `${api}/survey-responses`,
      TOKEN_INGEST,
      data.responseBodies,
      data.counts.surveyResponses,
      4,
    );
    log(
      `    incidents ${Math.round(
        incidents.perSecond,
      )}/s, survey responses ${Math.round(surveyResponses.perSecond)}/s`,
    );

    backend.markPhase('ingestion of incidents and survey answers');
    const ingestion: RunResult['ingestion'] = {
      preloaded,
      deployments,
      incidents,
      surveyResponses,
    };
    if (opts.db === 'postgres') {
      log('  COPY of the same rows into bare tables');
      Object.assign(ingestion, await measureCopy(pgDatabase, data));
      log(
        `    COPY ${Math.round(ingestion.copyDeployments!.perSecond)} rows/s`,
      );
    } else {
      log('  SQLite bare-table insert of the same rows');
      ingestion.sqliteBareInsert = measureSqliteInsert(workDir, data);
      log(`    ${Math.round(ingestion.sqliteBareInsert.perSecond)} rows/s`);
    }

    naive =
      opts.db === 'postgres'
        ? await pgRunner(pgDatabase)
        : sqliteRunner(sqliteFile);
    const dbVersion = await naive.version();
    // Planner statistics for both the API's and the naive queries (autovacuum
    // would get there on its own on PostgreSQL; SQLite never does).
    await naive.analyze();

    // the catalog sync again, now with the history loaded
    const triggerAt = Date.now();
    const schedulerUrl = `${api}/.backstage/scheduler/v1/tasks`;
    const trig = await request(
      `${schedulerUrl}/${encodeURIComponent(SYNC_TASK)}/trigger`,
      { method: 'POST', token: TOKEN_READ },
    );
    if (trig.status >= 300)
      throw new Error(`trigger answered ${trig.status}: ${trig.body}`);
    const secondSync = await backend.nextSync(triggerAt);
    log(`  catalog sync after load: ${secondSync.ms} ms`);

    const others: RunResult['jobs']['others'] = [];
    const tasks: any[] = (await getJson(schedulerUrl, TOKEN_READ)).tasks ?? [];
    for (const task of tasks) {
      // local tasks (the settings heartbeat) have no run state to wait for
      if (task.taskId === SYNC_TASK || task.scope === 'local') continue;
      const before = task.taskState?.lastRunEndedAt;
      const t0 = Date.now();
      await request(
        `${schedulerUrl}/${encodeURIComponent(task.taskId)}/trigger`,
        { method: 'POST', token: TOKEN_READ },
      );
      let ms: number | null = null;
      while (Date.now() - t0 < 600_000) {
        await new Promise(r => setTimeout(r, 200));
        const state = (
          (await getJson(schedulerUrl, TOKEN_READ)).tasks as any[]
        ).find(t => t.taskId === task.taskId)?.taskState;
        if (state?.lastRunEndedAt && state.lastRunEndedAt !== before) {
          ms = Date.parse(state.lastRunEndedAt) - t0;
          break;
        }
      }
      others.push({
        id: task.taskId,
        ms,
        note: 'trigger to lastRunEndedAt (includes the scheduler pick-up delay)',
      });
    }

    backend.markPhase('catalog sync and rollup job after the load');
    // Reads
    const toIso = data.plan.now;
    const to = Date.parse(toIso);
    const from90 = to - 90 * DAY;
    const rng = new Random(`${opts.size}:${opts.db}:latency`);
    const pickEntity = () => rng.pick(data.componentRefs);
    const scorecardUrl = (ref: string) => {
      const [kind, rest] = ref.split(':');
      const [ns, name] = rest.split('/');
      return `${api}/entities/${kind}/${ns}/${name}/scorecard?to=${encodeURIComponent(
        toIso,
      )}`;
    };
    const get = async (url: string) => {
      const res = await getOnce(url, TOKEN_READ);
      if (res.status !== 200)
        throw new Error(
          `GET ${url} answered ${res.status}: ${res.body.slice(0, 300)}`,
        );
      return res.body;
    };
    // Every series stops after its time budget once it has 20 samples (n is reported).
    const full = {
      count: opts.requests,
      warmup: 5,
      budgetMs: opts.budgetMs,
      minCount: Math.min(20, opts.requests),
    };
    const capped = (min: number) => ({
      count: opts.requests,
      warmup: 3,
      budgetMs: opts.budgetMs,
      minCount: Math.min(min, opts.requests),
    });

    log(
      `  latency: ${opts.requests} sequential requests per endpoint after a warm-up`,
    );
    const scorecard = await timeSeries(
      () => get(scorecardUrl(pickEntity())),
      full,
    );
    log(
      `    scorecard p50 ${scorecard.p50.toFixed(
        1,
      )} p95 ${scorecard.p95.toFixed(1)} ms`,
    );
    backend.markPhase('scorecards');
    const orgUrl = `${api}/org/summary?to=${encodeURIComponent(toIso)}`;
    const orgSummary = await timeSeries(() => get(orgUrl), full);
    log(
      `    org summary p50 ${orgSummary.p50.toFixed(
        1,
      )} p95 ${orgSummary.p95.toFixed(1)} ms`,
    );
    backend.markPhase('org summary, 90 days, ?to=');
    const orgSummaryGroup = await timeSeries(
      () =>
        get(`${orgUrl}&group=${encodeURIComponent(rng.pick(data.teamRefs))}`),
      full,
    );
    log(
      `    org summary ?group p50 ${orgSummaryGroup.p50.toFixed(
        1,
      )} p95 ${orgSummaryGroup.p95.toFixed(1)} ms`,
    );
    backend.markPhase('org summary ?group=, ?to=');
    const orgSummary365 = await timeSeries(
      () => get(`${orgUrl}&windowDays=365`),
      capped(20),
    );
    log(
      `    org summary 365d p50 ${orgSummary365.p50.toFixed(
        1,
      )} p95 ${orgSummary365.p95.toFixed(1)} ms (n=${orgSummary365.n})`,
    );
    backend.markPhase('org summary, 365 days, ?to=');
    const orgSummary30 = await timeSeries(
      () => get(`${orgUrl}&windowDays=30`),
      capped(20),
    );
    log(
      `    org summary 30d p50 ${orgSummary30.p50.toFixed(
        1,
      )} p95 ${orgSummary30.p95.toFixed(1)} ms (n=${orgSummary30.n})`,
    );
    backend.markPhase('org summary, 30 days, ?to=');

    // The current windows (no `to`): answered by the summaries the rollup
    // job precomputed, while they are fresh (the history ends today 00:00,
    // so the current window holds the same events plus an empty today).
    const currentUrl = `${api}/org/summary`;
    const current = {
      orgSummary: await timeSeries(() => get(currentUrl), full),
      orgSummaryGroup: await timeSeries(
        () => get(`${currentUrl}?group=${encodeURIComponent(rng.pick(data.teamRefs))}`),
        full,
      ),
      orgSummary365: await timeSeries(() => get(`${currentUrl}?windowDays=365`), full),
      orgSummary30: await timeSeries(() => get(`${currentUrl}?windowDays=30`), full),
    };
    backend.markPhase('org summaries of the current windows');
    const precomputed = JSON.parse(await get(currentUrl)).computedAt as string | undefined;
    log(
      `    current window (precomputed at ${precomputed}): org p95 ${current.orgSummary.p95.toFixed(
        1,
      )}, group p95 ${current.orgSummaryGroup.p95.toFixed(1)}, 365d p95 ${current.orgSummary365.p95.toFixed(
        1,
      )}, 30d p95 ${current.orgSummary30.p95.toFixed(1)} ms`,
    );

    log('  naive SQL');
    const safe = async (
      what: string,
      f: () => Promise<Series>,
    ): Promise<Series> => {
      try {
        return await f();
      } catch (e) {
        log(`    ${what} failed: ${(e as Error).message}`);
        return { ...percentiles([]), budgetHit: false };
      }
    };
    const naiveEntity = await safe('naive entity SQL', () =>
      timeSeries(() => naive!.entity(pickEntity(), from90, to), full),
    );
    log(
      `    entity p50 ${naiveEntity.p50.toFixed(
        1,
      )} p95 ${naiveEntity.p95.toFixed(1)} ms`,
    );
    const naiveOrg = await safe('naive org SQL', () =>
      timeSeries(() => naive!.org(from90, to), capped(20)),
    );
    log(
      `    org-wide p50 ${naiveOrg.p50.toFixed(1)} p95 ${naiveOrg.p95.toFixed(
        1,
      )} ms (n=${naiveOrg.n})`,
    );

    // Same numbers? (one entity with deployments, and org-wide)
    const busiest = data.componentRefs.find(
      ref =>
        data.plan.org.components.find(
          c => `component:default/${c.name}` === ref,
        )?.type === 'service',
    )!;
    let entityDiffs: string[];
    let orgDiffs: string[];
    try {
      const sc = JSON.parse(await get(scorecardUrl(busiest)));
      entityDiffs = compareDora(
        toDora(await naive.entity(busiest, from90, to)),
        apiDora(sc.dora),
      );
      const org = JSON.parse(await get(orgUrl));
      const orgRow = (await naive.org(from90, to)).find(
        r => r.scope === '(org)',
      );
      orgDiffs = compareDora(toDora(orgRow), apiDora(org.dora));
    } catch (e) {
      entityDiffs = [`check failed: ${(e as Error).message}`];
      orgDiffs = [];
    }
    log(
      `  naive vs API: entity ${
        entityDiffs.length ? entityDiffs.join('; ') : 'same numbers'
      }; org ${orgDiffs.length ? orgDiffs.join('; ') : 'same numbers'}`,
    );

    const rss = { ...backend.peakRss(), phases: backend.rssPhases(), heapMiB: opts.heapMiB };
    log(`  backend peak RSS ${(rss.vmHwmKb / 1024).toFixed(0)} MiB`);

    return {
      size: opts.size,
      sizeDescription,
      db: opts.db,
      dbVersion,
      date: new Date().toISOString(),
      requests: opts.requests,
      data: data.counts,
      ingestion,
      latency: {
        scorecard,
        orgSummary,
        orgSummaryGroup,
        orgSummary365,
        orgSummary30,
        current,
        naiveEntity,
        naiveOrg,
      },
      checks: { entity: busiest, entityDiffs, orgDiffs },
      rss,
      jobs: {
        catalogSyncFirstMs: firstSync.ms,
        catalogSyncLine: firstSync.line,
        catalogSyncAfterLoadMs: secondSync.ms,
        others,
      },
    };
  } catch (e) {
    log(`  failed; backend log kept in ${workDir}/backend-${opts.port}.log`);
    keep = true;
    throw e;
  } finally {
    await naive?.close().catch(() => {});
    await backend.stop();
    if (opts.keep) {
      log(
        `  kept: ${opts.db === 'postgres' ? `database "${pgDatabase}"` : sqliteDir} and ${workDir}`,
      );
    } else if (opts.db === 'postgres') {
      await dropDatabase(pgDatabase).catch(() => {});
    }
    if (!keep) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

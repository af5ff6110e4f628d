/* eslint-disable no-console */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import Database from 'better-sqlite3';
import { planSize, prepareData, SizeName, SIZES } from './data';
import {
  describeMachine,
  renderMarkdown,
  resultRows,
  StoredResult,
  textTable,
} from './report';
import { DbName, runBenchmark } from './run';
import { runReplicaSeries } from './replicas';
import { prepareReplicaData } from './replicasData';
import { renderReplicaSection, StoredReplicaResult, withReplicaSection } from './replicasReport';
import { runWebhookSeries } from './webhooks';
import { runInsightsCli } from './insightsReport';
import { runKpisCli } from './kpis';

const USAGE = `Usage: yarn bench [--series scale|replicas|webhooks|insights|kpis|all] [--size small|large] [--db postgres|sqlite|both] [--requests N]
  --series    scale: ingestion, sequential read latency, naive SQL, RSS, jobs;
              replicas: two replicas on one PostgreSQL under concurrent writers and
              readers (5xx, reads/s, writes/s, read p50/p95, how soon events show,
              exact final counts); all (default): both;
              webhooks (only when named): signed GitHub push and deployment_status
              deliveries (~1 KB) through POST /webhooks/github from concurrent
              senders (deliveries/s, p50/p95, redeliveries counted once, exact
              counts), to 50 entities (small) or 2000 (large), on --db
              insights (only when named, PostgreSQL only): scorecard and org/team
              summary with and without compare=baseline|previous and split=adoption
              (overhead %), an annotation's before/after (org, team), the Group tab's
              reads; platformMetrics.baseline set inside the history
              kpis (only when named, PostgreSQL only): the reads of the Platform KPIs
              tiles (self-service, platform incidents, costs, onboarding, CI pipelines)
              and /targets with a target on each new KPI, the history's incidents,
              pipeline runs, requests and costs posted through the API
  --note T    free text stored with the insights results (e.g. other load on the machine)
  --deliveries N, --senders N
              the webhooks series' load (default 2000 deliveries, 8 senders)
  --size      small (default): ${SIZES.small.description}
              large: ${SIZES.large.description}
  --db        postgres | sqlite | both (default)
  --requests  requests per latency series (default 200)
  --port      port of the benchmark's backend (default 7350)
  --budget    seconds a latency series may run once it has 20 samples (default 60)
  --http-deployments N
              deployments posted over HTTP (the last ones); the rest are bulk-loaded
              into the plugin's tables first (default: all for small, 20000 for large)
  --deployments N
              total deployments to generate (all environments), instead of the size's
  --seed      generator seed (default 1)
  --no-docs   do not write docs/benchmarks.md
  --keep      keep the database and the backend's work directory afterwards
  --heap MiB  start the backend with --max-old-space-size=MiB (as a container with
              a memory limit would); Node's default heap limit otherwise
  --label L   name of the replica run in the results (default: current), e.g. before
              when measuring an older checkout of the plugin
  --writers N, --readers N, --batch N, --live N
              the replica series' load (default 8 writers, 12 readers, batches of 3,
              the last 12000 deployments of the history)
Writes packages/bench/results/<size>-<db>.json (replica series: results/replicas/
<size>-postgres-<label>.json, webhooks: results/webhooks/<size>-<db>.json, insights:
results/insights/<size>-postgres.json) and regenerates docs/benchmarks.md (not for
webhooks and insights).`;

const PACKAGE_DIR = path.dirname(
  require.resolve('@platform-metrics/bench/package.json'),
);
const RESULTS_DIR = path.join(PACKAGE_DIR, 'results');
const REPLICA_RESULTS_DIR = path.join(RESULTS_DIR, 'replicas');
const DOCS_FILE = path.resolve(
  PACKAGE_DIR,
  '..',
  '..',
  'docs',
  'benchmarks.md',
);

async function postgresVersion(): Promise<string> {
  const client = new Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
  });
  await client.connect();
  try {
    return (await client.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('select sqlite_version() as v').get() as any).v;
  } finally {
    db.close();
  }
}

/** The commit measured, and whether the backend plugin differs from it. */
function codeDescription(): string {
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd: PACKAGE_DIR, encoding: 'utf8' }).trim();
  try {
    const commit = git(['rev-parse', '--short', 'HEAD']);
    const changed = git(['status', '--porcelain', '--', '../../plugins/platform-metrics-backend']);
    return changed ? `${commit} with local changes to the backend plugin` : commit;
  } catch {
    return 'unknown';
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: 'small' },
      db: { type: 'string', default: 'both' },
      requests: { type: 'string', default: '200' },
      port: { type: 'string', default: '7350' },
      budget: { type: 'string', default: '60' },
      deployments: { type: 'string' },
      'http-deployments': { type: 'string' },
      seed: { type: 'string', default: '1' },
      'no-docs': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      heap: { type: 'string' },
      series: { type: 'string', default: 'all' },
      label: { type: 'string', default: 'current' },
      writers: { type: 'string', default: '8' },
      readers: { type: 'string', default: '12' },
      batch: { type: 'string', default: '3' },
      live: { type: 'string', default: '12000' },
      deliveries: { type: 'string', default: '2000' },
      senders: { type: 'string', default: '8' },
      note: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const size = values.size as SizeName;
  if (!(size in SIZES))
    throw new Error(`--size must be small or large\n${USAGE}`);
  const dbs: DbName[] =
    values.db === 'both' ? ['postgres', 'sqlite'] : [values.db as DbName];
  if (!dbs.every(d => d === 'postgres' || d === 'sqlite')) {
    throw new Error(`--db must be postgres, sqlite or both\n${USAGE}`);
  }
  if (!['scale', 'replicas', 'webhooks', 'insights', 'kpis', 'all'].includes(values.series!)) {
    throw new Error(`--series must be scale, replicas, webhooks, insights, kpis or all\n${USAGE}`);
  }
  if (values.series === 'kpis' && !dbs.includes('postgres')) {
    throw new Error(`the kpis series runs on PostgreSQL only (--db postgres)\n${USAGE}`);
  }
  if (values.series === 'insights' && !dbs.includes('postgres')) {
    throw new Error(`the insights series runs on PostgreSQL only (--db postgres)\n${USAGE}`);
  }
  const scaleSeries = values.series !== 'replicas';
  const replicaSeries = values.series !== 'scale' && dbs.includes('postgres');
  const load = {
    writers: Number(values.writers),
    readers: Number(values.readers),
    batchSize: Number(values.batch),
    live: Number(values.live),
  };
  if (!Object.values(load).every(v => Number.isInteger(v) && v > 0)) {
    throw new Error(`--writers, --readers, --batch and --live take whole numbers\n${USAGE}`);
  }
  const requests = Number(values.requests);
  const port = Number(values.port);
  const budgetMs = Number(values.budget) * 1000;
  const seed = Number(values.seed);
  if (
    ![requests, port, budgetMs, seed].every(Number.isFinite) ||
    requests < 1
  ) {
    throw new Error(`bad numeric option\n${USAGE}`);
  }
  const log = (msg: string) =>
    console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

  const machine = describeMachine({
    postgres: await postgresVersion(),
    sqlite: sqliteVersion(),
  });
  log(
    `machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}, SQLite ${machine.sqlite}`,
  );

  if (values.series === 'webhooks') {
    const dir = path.join(RESULTS_DIR, 'webhooks');
    fs.mkdirSync(dir, { recursive: true });
    for (const [i, db] of dbs.entries()) {
      const entities = size === 'large' ? 2000 : 50;
      log(`webhooks series on ${db}, ${size}: ${values.deliveries} deliveries to ${entities} entities from ${values.senders} senders`);
      const result = await runWebhookSeries({
        db,
        port: port + 20 + i,
        deliveries: Number(values.deliveries),
        senders: Number(values.senders),
        entities,
        keep: values.keep,
        code: codeDescription(),
        log,
      });
      fs.writeFileSync(path.join(dir, `${size}-${db}.json`), `${JSON.stringify({ machine, result }, null, 2)}\n`);
      console.log(`\nwebhooks on ${db}: ${JSON.stringify(result, null, 2)}`);
    }
    return 0;
  }

  // The history ends today 00:00 UTC (the generator's default `now`).
  const now = new Date();
  now.setUTCHours(0, 0, 0, 0);
  log(`generating the ${size} size (${SIZES[size].description})`);
  const t0 = Date.now();
  const spec = values.deployments
    ? {
        scale: {
          ...SIZES[size].scale,
          deployments: Number(values.deployments),
        },
        description: `${SIZES[size].description.replace(
          /, [^,]*deployments[^,]*/,
          '',
        )}; --deployments ${values.deployments} (all environments)`,
      }
    : SIZES[size];
  const plan = planSize(spec, { seed, now: now.toISOString(), log });
  if (values.series === 'kpis' || values.series === 'insights') {
    // both series start their own backend on PostgreSQL, on a port of their own
    const options = {
      size,
      sizeDescription: spec.description,
      requests,
      budgetMs,
      seed,
      code: codeDescription(),
      note: values.note,
      keep: values.keep,
      machine,
      resultsDir: RESULTS_DIR,
      log,
    };
    if (values.series === 'kpis') {
      log(`kpis series: ${size} on postgres, ${requests} rounds`);
      await runKpisCli(plan, { ...options, port: port + 40 });
    } else {
      log(`insights series: ${size} on postgres, ${requests} rounds per group`);
      await runInsightsCli(plan, { ...options, port: port + 30 });
    }
    return 0;
  }
  const data = scaleSeries ? prepareData(plan, { keepRows: dbs.includes('sqlite') }) : undefined;
  if (data) log(
    `  ${data.counts.deployments} deployments (${data.counts.productionDeployments} production, ${data.counts.changes} changes), ` +
      `${data.counts.incidents} incidents, ${data.counts.surveyResponses} responses, ${data.counts.components} components, ` +
      `${data.counts.teams} teams, ${data.counts.users} users in ${(
        (Date.now() - t0) /
        1000
      ).toFixed(0)} s`,
  );

  fs.mkdirSync(REPLICA_RESULTS_DIR, { recursive: true });
  for (const [i, db] of dbs.entries()) {
    if (!data) break;
    log(`run: ${size} on ${db}`);
    const result = await runBenchmark(data, spec.description, {
      size,
      db,
      requests,
      port: port + i,
      budgetMs,
      keep: values.keep,
      heapMiB: values.heap ? Number(values.heap) : undefined,
      httpDeployments: values['http-deployments']
        ? Number(values['http-deployments'])
        : SIZES[size].httpDeployments ?? Infinity,
      log,
    });
    const stored: StoredResult = { machine, result };
    fs.writeFileSync(
      path.join(
        RESULTS_DIR,
        `${size}-${db}${values.heap ? `-heap${Number(values.heap)}` : ''}.json`,
      ),
      `${JSON.stringify(stored, null, 2)}\n`,
    );
    console.log(
      `\n${size} on ${db} (${machine.nproc} CPUs, ${machine.memoryGiB} GiB, Node ${machine.node})`,
    );
    console.log(textTable(resultRows(result)));
    console.log('');
  }

  if (replicaSeries) {
    log(`replica series: ${size} on postgres (${load.writers} writers, ${load.readers} readers, batches of ${load.batchSize})`);
    const replicaData = prepareReplicaData(plan, { live: load.live, batchSize: load.batchSize, seed });
    const result = await runReplicaSeries(plan, replicaData, {
      size,
      sizeDescription: spec.description,
      port: port + 10,
      ...load,
      label: values.label!,
      code: codeDescription(),
      keep: values.keep,
      log,
    });
    const stored: StoredReplicaResult = { machine, result };
    fs.writeFileSync(
      path.join(REPLICA_RESULTS_DIR, `${size}-postgres-${values.label}.json`),
      `${JSON.stringify(stored, null, 2)}\n`,
    );
    console.log(`\nreplica series, ${size}, ${values.label}: ${JSON.stringify({ load: { ...result.load, errors: undefined }, visibility: result.visibility, final: result.final }, null, 2)}`);
  }

  if (!values['no-docs']) {
    const results: StoredResult[] = fs
      .readdirSync(RESULTS_DIR)
      .filter(f => f.endsWith('.json'))
      .map(f => JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, f), 'utf8')));
    const previous = fs.existsSync(DOCS_FILE)
      ? fs.readFileSync(DOCS_FILE, 'utf8')
      : undefined;
    const replicaResults: StoredReplicaResult[] = fs
      .readdirSync(REPLICA_RESULTS_DIR)
      .filter(f => f.endsWith('.json'))
      .map(f => JSON.parse(fs.readFileSync(path.join(REPLICA_RESULTS_DIR, f), 'utf8')));
    fs.writeFileSync(
      DOCS_FILE,
      withReplicaSection(renderMarkdown(results, previous), renderReplicaSection(replicaResults)),
    );
    log(`wrote ${path.relative(process.cwd(), DOCS_FILE)}`);
  }
  return 0;
}

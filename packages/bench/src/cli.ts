/* eslint-disable no-console */
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

const USAGE = `Usage: yarn bench [--size small|large] [--db postgres|sqlite|both] [--requests N]
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
Writes packages/bench/results/<size>-<db>.json and regenerates docs/benchmarks.md.`;

const PACKAGE_DIR = path.dirname(
  require.resolve('@platform-metrics/bench/package.json'),
);
const RESULTS_DIR = path.join(PACKAGE_DIR, 'results');
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
  const data = prepareData(plan, { keepRows: dbs.includes('sqlite') });
  log(
    `  ${data.counts.deployments} deployments (${data.counts.productionDeployments} production, ${data.counts.changes} changes), ` +
      `${data.counts.incidents} incidents, ${data.counts.surveyResponses} responses, ${data.counts.components} components, ` +
      `${data.counts.teams} teams, ${data.counts.users} users in ${(
        (Date.now() - t0) /
        1000
      ).toFixed(0)} s`,
  );

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  for (const [i, db] of dbs.entries()) {
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

  if (!values['no-docs']) {
    const results: StoredResult[] = fs
      .readdirSync(RESULTS_DIR)
      .filter(f => f.endsWith('.json'))
      .map(f => JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, f), 'utf8')));
    const previous = fs.existsSync(DOCS_FILE)
      ? fs.readFileSync(DOCS_FILE, 'utf8')
      : undefined;
    fs.writeFileSync(DOCS_FILE, renderMarkdown(results, previous));
    log(`wrote ${path.relative(process.cwd(), DOCS_FILE)}`);
  }
  return 0;
}

/**
 * The `insights` series (issue 12 §12, "Speed"): the latency of the insight
 * reads on one backend with the size's history bulk-loaded and rolled up,
 * and `platformMetrics.baseline` set to a 90-day period inside the history:
 * the scorecard without and with `compare=baseline|previous`, the org and a
 * team summary (on the spot, `to` at the history's end) without and with
 * `compare=baseline` and `split=adoption`, an annotation's before/after
 * (org and team), and what the Group tab loads (its summary and its
 * per-entity list, alone and issued together).
 *
 * The variants of one read are timed interleaved (round-robin, the order
 * rotating each round) on the same entity or scope, so that the overhead of
 * a comparison is measured like for like even while other work on the
 * machine comes and goes.
 */
import fs from 'node:fs';
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
import { getOnce, ingest, percentiles, request } from './http';
import { LoadSample, loadSampler } from './machineLoad';
import { runRollupJob } from './replicas';
import { prepareReplicaData } from './replicasData';
import { MARK_DIRTY_SQL, Series } from './run';

export interface InsightsOptions {
  size: string;
  sizeDescription: string;
  port: number;
  requests: number;
  budgetMs: number;
  seed: number;
  code: string;
  /** Free text stored with the result (e.g. what else ran on the machine). */
  note?: string;
  keep?: boolean;
  log: (msg: string) => void;
}

export interface InsightsResult {
  series: 'insights';
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
    baseline: { from: string; to: string; label: string };
    annotation: { id: string; at: string; status: number; token: 'ingest' };
    /** The team of the team series: the one owning the most components. */
    team: { ref: string; components: number };
    teamsComponents: { min: number; median: number; max: number };
    preloaded: { deployments: number; changes: number; ms: number };
    rollupOfHistoryMs: number;
  };
  latency: {
    scorecard: { plain: Series; baseline: Series; previous: Series };
    orgSummary: { plain: Series; baseline: Series; split: Series };
    teamSummary: { plain: Series; baseline: Series; split: Series };
    impact: { org: Series; team: Series };
    groupTab: { summary: Series; entities: Series; both: Series };
  };
  /** The machine's load during each group (2 cores; other work may share them): load average and busiest processes. */
  load: Record<keyof InsightsResult['latency'], LoadSample>;
  checks: string[];
  rss: { vmHwmKb: number };
}

const TOKEN_INGEST = 'pm-bench-ingest-token-0123456789';
const TOKEN_READ = 'pm-bench-read-token-0123456789';
const DAY = 86_400_000;
const ANNOTATION_ID = 'bench-insights-platform-launch';
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const q = encodeURIComponent;

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

/**
 * Times the variants of one read interleaved: each round calls every
 * variant once (the order rotating), after `warmup` untimed rounds; stops
 * after `count` rounds, or once the budget (per variant) is spent and every
 * variant has `minCount` samples.
 */
export async function timeInterleaved<K extends string>(
  variants: Record<K, (round: number) => Promise<unknown>>,
  opts: { count: number; warmup: number; budgetMs: number; minCount: number },
): Promise<Record<K, Series>> {
  const keys = Object.keys(variants) as K[];
  const samples = new Map<K, number[]>(keys.map(k => [k, []]));
  for (let i = 0; i < opts.warmup; i++) for (const k of keys) await variants[k](-1 - i);
  const started = performance.now();
  const budget = opts.budgetMs * keys.length;
  let rounds = 0;
  for (let i = 0; i < opts.count; i++) {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[(i + j) % keys.length];
      const t0 = performance.now();
      await variants[k](i);
      samples.get(k)!.push(performance.now() - t0);
    }
    rounds++;
    if (performance.now() - started > budget && rounds >= opts.minCount) break;
  }
  return Object.fromEntries(
    keys.map(k => [k, { ...percentiles(samples.get(k)!), budgetHit: rounds < opts.count }]),
  ) as Record<K, Series>;
}

export async function runInsightsSeries(plan: EventPlan, opts: InsightsOptions): Promise<InsightsResult> {
  const { log } = opts;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `pm-bench-insights-${opts.size}-`));
  const entitiesFile = path.join(workDir, 'entities.json');
  fs.writeFileSync(entitiesFile, JSON.stringify(catalogEntities(plan)));
  const prefix = `pm_bench_insights_${opts.size}_${process.pid}_`;
  const database = `${prefix}platform-metrics`;
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);

  // The history ends at plan.now (00:00 UTC); the baseline is the 90 days
  // ending 180 days before it (whole UTC days, `to` exclusive).
  const end = Date.parse(plan.now);
  const baseline = { from: isoDay(end - 270 * DAY), to: isoDay(end - 180 * DAY), label: 'Bench baseline' };
  const annotationAt = new Date(end - 120 * DAY).toISOString();
  const backend = new BackendProcess({
    workDir,
    port: opts.port,
    database: { client: 'pg', prefix },
    ingestToken: TOKEN_INGEST,
    readToken: TOKEN_READ,
    entitiesFile,
    platformMetrics: {
      // jobs only when the benchmark triggers them, as in the scale series
      catalogSync: { frequencyMinutes: 525_600 },
      rollups: { frequencySeconds: 31_536_000 },
      baseline,
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

    const data = prepareReplicaData(plan, { live: 0, batchSize: 1, seed: opts.seed });
    log(`  bulk-loading ${data.preloaded.deployments} deployments (${data.preloaded.changes} changes)`);
    const t0 = performance.now();
    const copy = async (sql: string, chunks: Buffer[]) => pipeline(Readable.from(chunks), db.query(copyFrom(sql)));
    await copy(`COPY pm_deployments (${DEPLOYMENT_COLUMNS.join(', ')}) FROM STDIN`, data.deploymentCopy);
    await copy(`COPY pm_deployment_changes (${CHANGE_COLUMNS.join(', ')}) FROM STDIN`, data.changeCopy);
    await db.query(MARK_DIRTY_SQL);
    const preloadMs = performance.now() - t0;
    log(`    ${(preloadMs / 1000).toFixed(1)} s; incidents and survey answers over HTTP`);
    await ingest(`${api}/incidents`, TOKEN_INGEST, data.incidentBodies, 0, 4);
    await ingest(`${api}/survey-responses`, TOKEN_INGEST, data.responseBodies, 0, 4);
    log('  rolling the history up');
    const rollupOfHistoryMs = await runRollupJob(api, db, true, log);
    await db.query('ANALYZE');

    // the annotation of the before/after panel, written with the ingest token
    const posted = await request(`${api}/annotations`, {
      method: 'POST',
      token: TOKEN_INGEST,
      body: Buffer.from(JSON.stringify({ id: ANNOTATION_ID, at: annotationAt, title: 'Bench: platform launch', scope: 'org', tags: [] })),
    });
    if (posted.status !== 201 && posted.status !== 200) {
      throw new Error(`POST /annotations answered ${posted.status}: ${posted.body.slice(0, 300)}`);
    }

    const owned = new Map(plan.org.teams.map(t => [`group:default/${t.name}`.toLowerCase(), 0]));
    for (const c of plan.org.components) {
      const ref = `group:default/${c.owner}`.toLowerCase();
      owned.set(ref, (owned.get(ref) ?? 0) + 1);
    }
    const sizes = [...owned.values()].sort((a, b) => a - b);
    const [team, teamComponents] = [...owned.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
    const components = plan.org.components.map(c => c.name.toLowerCase());

    const get = async (p: string) => {
      const res = await getOnce(`${api}${p}`, TOKEN_READ);
      if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${res.body.slice(0, 300)}`);
      return res.body;
    };
    const opt = (min = 20) => ({ count: opts.requests, warmup: 3, budgetMs: opts.budgetMs, minCount: Math.min(min, opts.requests) });
    const toEnd = `to=${q(plan.now)}`;
    const loads = {} as InsightsResult['load'];
    const group = async <T>(name: keyof InsightsResult['latency'], f: () => Promise<T>) => {
      const stop = loadSampler();
      const out = await f();
      loads[name] = stop();
      return out;
    };

    log(`  latency: up to ${opts.requests} rounds per group (budget ${opts.budgetMs / 1000} s per variant); team ${team} (${teamComponents} components)`);
    // the same entity for the three variants of a round
    const rng = new Random(`insights:${opts.size}:scorecards`);
    const picks: string[] = [];
    const entityOf = (round: number) => {
      const i = round + 10; // warm-up rounds are negative
      while (picks.length <= i) picks.push(rng.pick(components));
      return picks[i];
    };
    const scorecardPath = (round: number, extra = '') => `/entities/component/default/${q(entityOf(round))}/scorecard?windowDays=90${extra}`;
    const scorecard = await group('scorecard', () =>
      timeInterleaved(
        {
          plain: r => get(scorecardPath(r)),
          baseline: r => get(scorecardPath(r, '&compare=baseline')),
          previous: r => get(scorecardPath(r, '&compare=previous')),
        },
        opt(),
      ),
    );
    log(`    scorecard p95 ${scorecard.plain.p95.toFixed(1)} / baseline ${scorecard.baseline.p95.toFixed(1)} / previous ${scorecard.previous.p95.toFixed(1)} ms`);
    const summaryVariants = (scope: string) => {
      const base = `/org/summary?windowDays=90&${toEnd}${scope}`;
      return {
        plain: () => get(base),
        baseline: () => get(`${base}&compare=baseline`),
        split: () => get(`${base}&split=adoption`),
      };
    };
    const orgSummary = await group('orgSummary', () => timeInterleaved(summaryVariants(''), opt()));
    log(`    org summary p95 ${orgSummary.plain.p95.toFixed(1)} / baseline ${orgSummary.baseline.p95.toFixed(1)} / split ${orgSummary.split.p95.toFixed(1)} ms (n=${orgSummary.plain.n})`);
    const teamSummary = await group('teamSummary', () => timeInterleaved(summaryVariants(`&group=${q(team)}`), opt()));
    log(`    team summary p95 ${teamSummary.plain.p95.toFixed(1)} / baseline ${teamSummary.baseline.p95.toFixed(1)} / split ${teamSummary.split.p95.toFixed(1)} ms`);
    const impactPath = `/annotations/${ANNOTATION_ID}/impact?days=30`;
    // one after the other, not interleaved: the garbage an org impact leaves
    // (it ranks some 300k lead times) would otherwise be collected in the team's requests
    const impact = await group('impact', async () => ({
      ...(await timeInterleaved({ org: () => get(impactPath) }, opt())),
      ...(await timeInterleaved({ team: () => get(`${impactPath}&scope=${q(team)}`) }, opt())),
    }));
    log(`    impact p95 org ${impact.org.p95.toFixed(1)} / team ${impact.team.p95.toFixed(1)} ms`);
    const tabSummary = `/org/summary?windowDays=90&group=${q(team)}&compare=baseline&split=adoption`;
    const tabEntities = `/org/entities?windowDays=90&group=${q(team)}`;
    const groupTab = await group('groupTab', () =>
      timeInterleaved(
        {
          summary: () => get(tabSummary),
          entities: () => get(tabEntities),
          both: () => Promise.all([get(tabSummary), get(tabEntities)]),
        },
        opt(),
      ),
    );
    log(`    group tab p95 summary ${groupTab.summary.p95.toFixed(1)} / entities ${groupTab.entities.p95.toFixed(1)} / both ${groupTab.both.p95.toFixed(1)} ms`);

    // a service of the team (it deploys), for the checks of the answers
    const service = plan.org.components.find(c => `group:default/${c.owner}`.toLowerCase() === team && c.type === 'service');
    const checkScorecard = `/entities/component/default/${q((service ?? plan.org.components[0]).name.toLowerCase())}/scorecard?windowDays=90&compare=baseline`;
    const checks = await answerChecks(get, { scorecard: checkScorecard, toEnd, team, impactPath, tabSummary, tabEntities, teamComponents });
    for (const c of checks) log(`    check: ${c}`);
    return {
      series: 'insights',
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
        baseline,
        annotation: { id: ANNOTATION_ID, at: annotationAt, status: posted.status, token: 'ingest' },
        team: { ref: team, components: teamComponents },
        teamsComponents: { min: sizes[0], median: sizes[Math.floor(sizes.length / 2)], max: sizes[sizes.length - 1] },
        preloaded: { ...data.preloaded, ms: preloadMs },
        rollupOfHistoryMs,
      },
      latency: { scorecard, orgSummary, teamSummary, impact, groupTab },
      load: loads,
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

/** What the answers hold: the comparisons and the split are there and read the history. */
async function answerChecks(
  get: (p: string) => Promise<string>,
  p: { scorecard: string; toEnd: string; team: string; impactPath: string; tabSummary: string; tabEntities: string; teamComponents: number },
): Promise<string[]> {
  const side = (m: any) => (m ? `before n ${m.before.n}, after n ${m.after.n}` : 'missing');
  const sc = JSON.parse(await get(p.scorecard));
  const org = JSON.parse(await get(`/org/summary?windowDays=90&${p.toEnd}&compare=baseline&split=adoption`));
  const imp = JSON.parse(await get(p.impactPath));
  const impTeam = JSON.parse(await get(`${p.impactPath}&scope=${q(p.team)}`));
  const tab = JSON.parse(await get(p.tabSummary));
  const rows = JSON.parse(await get(p.tabEntities)).entities as unknown[];
  return [
    `scorecard compare=baseline of ${sc.entityRef}: ${sc.comparison?.label ?? 'no comparison'} ${sc.comparison?.reference?.from ?? ''}..${sc.comparison?.reference?.to ?? ''}, deployment frequency ${side(sc.comparison?.metrics?.deploymentFrequency)}`,
    `org compare=baseline: deployment frequency ${side(org.comparison?.metrics?.deploymentFrequency)}; split cohorts ${(org.split?.cohorts ?? []).map((c: any) => `${c.status} ${c.entities}`).join(', ')}`,
    `impact org: deployment frequency ${side(imp.metrics?.deploymentFrequency)}, lead time ${side(imp.metrics?.leadTime)}`,
    `impact team: scope ${impTeam.scope}, deployment frequency ${side(impTeam.metrics?.deploymentFrequency)}`,
    `group tab: summary ${tab.scope?.ref} with comparison ${tab.comparison ? 'yes' : 'no'} and split ${tab.split ? 'yes' : 'no'}; /org/entities ${rows.length} rows (team owns ${p.teamComponents} components)`,
  ];
}

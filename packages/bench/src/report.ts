/**
 * Tables of a run's figures with the targets beside them, for stdout and for
 * docs/benchmarks.md (regenerated from every stored result).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { RunResult, Series } from './run';

export interface Machine {
  nproc: number;
  memoryGiB: number;
  cpuModel: string;
  postgres: string;
  sqlite: string;
  node: string;
  os: string;
}

export function describeMachine(versions: {
  postgres: string;
  sqlite: string;
}): Machine {
  let nproc = os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // os.cpus() it is
  }
  const meminfo = fs.readFileSync('/proc/meminfo', 'utf8');
  const memKb = Number(/MemTotal:\s+(\d+)/.exec(meminfo)?.[1] ?? 0);
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const cpuModel =
    /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  return {
    nproc,
    memoryGiB: Math.round((memKb / 1024 / 1024) * 10) / 10,
    cpuModel,
    postgres: versions.postgres,
    sqlite: versions.sqlite,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const int = (v: number) => Math.round(v).toLocaleString('en-US');
const status = (ok: boolean) => (ok ? 'PASS' : 'MISS');

type Row = [string, string, string, string];

function seriesCell(s: Series): string {
  const note = s.budgetHit ? ` (time budget: n=${s.n})` : ` (n=${s.n})`;
  return `p50 ${ms(s.p50)} / p95 ${ms(s.p95)} / p99 ${ms(s.p99)} ms${note}`;
}

/** Rows: what, measured, target, status. Targets are those of the large size. */
export function resultRows(r: RunResult): Row[] {
  const l = r.latency;
  const rows: Row[] = [];
  const ing = r.ingestion;
  rows.push([
    'HTTP ingestion: POST /deployments, 1000/batch, 4 clients',
    `${int(ing.deployments.perSecond)} deployments/s (${int(
      ing.deployments.records,
    )} in ${(ing.deployments.ms / 1000).toFixed(1)} s, ${(
      r.data.changes / r.data.deployments
    ).toFixed(1)} changes each${
      ing.preloaded
        ? `, into tables preloaded with ${int(ing.preloaded.rows)}`
        : ', into empty tables'
    })`,
    r.db === 'postgres' ? '>= 25% of COPY' : '-',
    r.db === 'postgres' && ing.copyDeployments
      ? `${status(
          ing.deployments.perSecond >= 0.25 * ing.copyDeployments.perSecond,
        )} (${(
          (100 * ing.deployments.perSecond) /
          ing.copyDeployments.perSecond
        ).toFixed(1)}% of COPY)`
      : '-',
  ]);
  if (ing.preloaded) {
    rows.push([
      `preload (not the API): ${
        r.db === 'postgres' ? 'COPY' : 'prepared INSERT'
      } into the plugin's tables, all indexes`,
      `${int(ing.preloaded.perSecond)} deployments/s (${int(
        ing.preloaded.rows,
      )} with ${int(ing.preloaded.changeRows)} changes in ${(
        ing.preloaded.ms / 1000
      ).toFixed(1)} s)`,
      'reference',
      '-',
    ]);
  }
  if (ing.copyDeployments) {
    rows.push([
      'PostgreSQL COPY, same rows, bare table with the same PK',
      `${int(ing.copyDeployments.perSecond)} rows/s (${(
        ing.copyDeployments.ms / 1000
      ).toFixed(1)} s)`,
      'reference',
      '-',
    ]);
  }
  if (ing.copyWithChanges) {
    rows.push([
      'PostgreSQL COPY, deployments + their change rows (both PKs)',
      `${int(ing.copyWithChanges.perSecond)} deployments/s (${(
        ing.copyWithChanges.ms / 1000
      ).toFixed(1)} s)`,
      'reference',
      `API at ${(
        (100 * ing.deployments.perSecond) /
        ing.copyWithChanges.perSecond
      ).toFixed(1)}%`,
    ]);
  }
  if (ing.sqliteBareInsert) {
    rows.push([
      'SQLite limit: prepared INSERT, same rows, bare table with the same PK, one transaction (no COPY in SQLite)',
      `${int(ing.sqliteBareInsert.perSecond)} rows/s (${(
        ing.sqliteBareInsert.ms / 1000
      ).toFixed(1)} s)`,
      'reference',
      `API at ${(
        (100 * ing.deployments.perSecond) /
        ing.sqliteBareInsert.perSecond
      ).toFixed(1)}%`,
    ]);
  }
  rows.push([
    'HTTP ingestion: POST /incidents, POST /survey-responses',
    `${int(ing.incidents.perSecond)} incidents/s, ${int(
      ing.surveyResponses.perSecond,
    )} responses/s`,
    '-',
    '-',
  ]);
  const scRatio = l.scorecard.p95 / l.naiveEntity.p95;
  rows.push([
    'GET /entities/.../scorecard (random entities, 90 days)',
    seriesCell(l.scorecard),
    'p95 <= 10 ms',
    status(l.scorecard.p95 <= 10),
  ]);
  rows.push([
    'naive SQL: one entity, 90 days',
    seriesCell(l.naiveEntity),
    '-',
    '-',
  ]);
  rows.push([
    'scorecard / naive entity SQL (p95; p50)',
    `${scRatio.toFixed(2)}x; ${(l.scorecard.p50 / l.naiveEntity.p50).toFixed(
      2,
    )}x`,
    '<= 3x',
    status(scRatio <= 3),
  ]);
  rows.push([
    'naive SQL: org-wide + per-team, 90 days',
    seriesCell(l.naiveOrg),
    '-',
    '-',
  ]);
  const c = l.current;
  const speedup = (s: Series) =>
    `${(l.naiveOrg.p95 / s.p95).toFixed(2)}x; ${(l.naiveOrg.p50 / s.p50).toFixed(2)}x`;
  if (c) {
    rows.push([
      'GET /org/summary, current 90-day window (precomputed summary)',
      seriesCell(c.orgSummary),
      'p95 <= 50 ms',
      status(c.orgSummary.p95 <= 50),
    ]);
    rows.push([
      'speed-up of the current /org/summary over naive SQL (p95; p50)',
      speedup(c.orgSummary),
      '>= 10x',
      status(l.naiveOrg.p95 / c.orgSummary.p95 >= 10),
    ]);
    rows.push([
      'GET /org/summary?group=, current 90-day window (precomputed)',
      seriesCell(c.orgSummaryGroup),
      'p95 <= 50 ms',
      status(c.orgSummaryGroup.p95 <= 50),
    ]);
    rows.push([
      'GET /org/summary?windowDays=365, current (precomputed)',
      seriesCell(c.orgSummary365),
      'p95 <= 300 ms',
      status(c.orgSummary365.p95 <= 300),
    ]);
    rows.push([
      'GET /org/summary?windowDays=30, current (precomputed)',
      seriesCell(c.orgSummary30),
      'p95 <= 300 ms',
      status(c.orgSummary30.p95 <= 300),
    ]);
  }
  const computed = c ? ', computed from the day rollups' : '';
  rows.push([
    `GET /org/summary?to= (90 days${computed})`,
    seriesCell(l.orgSummary),
    'p95 <= 50 ms',
    status(l.orgSummary.p95 <= 50),
  ]);
  rows.push([
    `speed-up of /org/summary?to= over naive SQL (p95; p50)`,
    speedup(l.orgSummary),
    '>= 10x',
    status(l.naiveOrg.p95 / l.orgSummary.p95 >= 10),
  ]);
  rows.push([
    `GET /org/summary?to=&group= (random team, 90 days${computed})`,
    seriesCell(l.orgSummaryGroup),
    'p95 <= 50 ms',
    status(l.orgSummaryGroup.p95 <= 50),
  ]);
  rows.push([
    `GET /org/summary?to=&windowDays=365${computed}`,
    seriesCell(l.orgSummary365),
    'p95 <= 300 ms',
    status(l.orgSummary365.p95 <= 300),
  ]);
  rows.push([
    `GET /org/summary?to=&windowDays=30${computed}`,
    seriesCell(l.orgSummary30),
    'p95 <= 300 ms',
    status(l.orgSummary30.p95 <= 300),
  ]);
  rows.push([
    r.rss.heapMiB
      ? `backend peak RSS (VmHWM), heap limit --max-old-space-size=${r.rss.heapMiB}`
      : "backend peak RSS (VmHWM), Node's default heap limit",
    `${int(r.rss.vmHwmKb / 1024)} MiB`,
    '<= 1024 MiB',
    status(r.rss.vmHwmKb <= 1024 * 1024),
  ]);
  if (r.rss.phases?.length) {
    // where the peak grew: each phase's increase of the peak, largest first
    let before = 0;
    const growth = r.rss.phases
      .map(p => {
        const grew = p.vmHwmKb - before;
        before = Math.max(before, p.vmHwmKb);
        return { phase: p.phase, grew };
      })
      .filter(g => g.grew > 0)
      .sort((a, b) => b.grew - a.grew)
      .slice(0, 4);
    rows.push([
      'peak RSS grew during (largest first)',
      growth.map(g => `${g.phase} +${int(g.grew / 1024)} MiB`).join('; '),
      '-',
      '-',
    ]);
  }
  rows.push([
    'catalog sync job (first run; again after the load)',
    `${int(r.jobs.catalogSyncFirstMs)} ms; ${int(
      r.jobs.catalogSyncAfterLoadMs,
    )} ms`,
    '-',
    '-',
  ]);
  rows.push([
    'rollup jobs',
    r.jobs.others.length
      ? r.jobs.others
          .map(
            o =>
              `${o.id}: ${
                o.ms === null ? 'did not finish' : `${int(o.ms)} ms`
              }`,
          )
          .join('; ')
      : 'no rollup job (the plugin schedules only the catalog sync)',
    '-',
    '-',
  ]);
  rows.push([
    'naive SQL and API report the same numbers',
    r.checks.entityDiffs.length || r.checks.orgDiffs.length
      ? `differ: ${[...r.checks.entityDiffs, ...r.checks.orgDiffs].join('; ')}`
      : `yes (${r.checks.entity} and org-wide: counts, failed, medians, n)`,
    '-',
    '-',
  ]);
  return rows;
}

export function textTable(rows: Row[]): string {
  const header: Row = ['measure', 'measured', 'target (large)', 'result'];
  const all = [header, ...rows];
  const widths = [0, 1, 2, 3].map(i =>
    Math.min(70, Math.max(...all.map(r => r[i].length))),
  );
  const line = (r: Row) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [
    line(header),
    widths.map(w => '-'.repeat(w)).join('-+-'),
    ...rows.map(line),
  ].join('\n');
}

function mdTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| measure | measured | target (large size) | result |',
    '|---|---|---|---|',
    ...rows.map(r => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export interface StoredResult {
  machine: Machine;
  result: RunResult;
}

const ANALYSIS_START = '<!-- analysis:start -->';
const ANALYSIS_END = '<!-- analysis:end -->';

/** docs/benchmarks.md from every stored result; keeps the hand-written analysis. */
export function renderMarkdown(
  results: StoredResult[],
  previous?: string,
): string {
  const order = (s: StoredResult) =>
    `${s.result.size === 'large' ? 0 : 1}-${s.result.db}-${s.result.rss.heapMiB ?? 0}`;
  const sorted = [...results].sort((a, b) => order(a).localeCompare(order(b)));
  let analysis = '';
  if (previous) {
    const a = previous.indexOf(ANALYSIS_START);
    const b = previous.indexOf(ANALYSIS_END);
    if (a >= 0 && b > a) analysis = previous.slice(a, b + ANALYSIS_END.length);
  }
  if (!analysis) {
    analysis = `${ANALYSIS_START}\n_No analysis written yet._\n${ANALYSIS_END}`;
  }
  const out: string[] = [
    '# Benchmarks',
    '',
    'Generated by `yarn bench` (packages/bench; see its README). Every figure below was',
    'measured by the benchmark on the machine described with it; rerun to refresh.',
    'Targets are those of issue 5 for the **large** size; the small size is a quick check',
    'and shows the same targets for orientation only.',
    '',
    '```sh',
    'yarn bench                                   # small size, PostgreSQL and SQLite',
    'yarn bench --size large --db postgres        # large size on PostgreSQL',
    'yarn bench --size small --db sqlite --requests 500',
    '```',
    '',
    '## Method',
    '',
    '- The backend runs as a child process (`packages/bench/bin/backend`): `createBackend()` with',
    '  only the platform-metrics plugin and an in-memory catalog of the benchmark organisation',
    '  (`catalogServiceMock`), config from a generated file, a fresh database per run.',
    '- Data: `@platform-metrics/demo-data` (source `demo-synthetic`), generated before any timing',
    '  and pre-serialised, so the timed ingestion spends no client time on generation or JSON.',
    '- Ingestion: deployments through `POST /deployments`, 1000 per request, 4 concurrent',
    '  clients, each with its changes (the API writes `pm_deployments` and `pm_deployment_changes`).',
    '  Small: all of them, into empty tables. Large: the last ~19k (`--http-deployments`), after the',
    "  others were bulk-loaded into the plugin's own tables, so the timed requests meet full-size tables.",
    '  Beside it, in the same run: PostgreSQL `COPY` of the same deployment rows into a bare table',
    '  with the same columns and primary key (and, for reference, deployments plus their change rows);',
    '  on SQLite a prepared `INSERT` of the same rows into a bare table in one transaction.',
    '- Before the reads, `ANALYZE` runs on the database (both the API and the naive SQL profit).',
    '- Latency: sequential requests with a keep-alive client after 5 warm-up requests, `to` fixed',
    '  at the end of the generated history; scorecards of random components; `?group=` of random teams.',
    '  Every series stops after its time budget (`--budget`, default 60 s) once it has 20 samples;',
    '  the `n` is printed with each figure (fewer than `--requests` means the budget ran out).',
    '- Naive SQL (packages/bench/src/naive.ts): set-based, Four Keys style, on the raw event tables',
    "  with only the plugin's indexes: one entity's 90-day DORA metrics; org-wide and per-team",
    '  pooled metrics. Run from the benchmark process on the same database, same window. A check',
    "  compares its numbers with the API's.",
    '- Peak RSS: `VmHWM` of the backend process at the end of the run (after loading and reads).',
    '- Catalog sync: from its first catalog query (a marker line of the bench catalog) to the',
    '  plugin\'s "Catalog sync recorded" log line; once at start-up and once triggered after the load.',
    '',
  ];
  for (const { machine, result: r } of sorted) {
    out.push(
      `## ${r.size} on ${r.db === 'postgres' ? 'PostgreSQL' : 'SQLite'}${
        r.rss.heapMiB ? `, backend heap limited to ${r.rss.heapMiB} MiB` : ''
      }`,
    );
    out.push('');
    out.push(
      `Run ${r.date}. Machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, ` +
        `${machine.os}; Node ${machine.node}; ${
          r.db === 'postgres'
            ? `PostgreSQL ${r.dbVersion}`
            : `SQLite ${r.dbVersion} (better-sqlite3)`
        }.`,
    );
    out.push('');
    out.push(
      `Data (${r.sizeDescription}): ${int(r.data.components)} components, ${int(
        r.data.teams,
      )} teams, ` +
        `${int(r.data.users)} users; ${int(r.data.deployments)} deployments ` +
        `(${int(r.data.productionDeployments)} production) with ${int(
          r.data.changes,
        )} changes ` +
        `(${(r.data.changes / r.data.deployments).toFixed(
          2,
        )} per deployment); ${int(r.data.incidents)} incidents; ` +
        `${int(r.data.surveyResponses)} survey responses. ${
          r.requests
        } requests per latency series.`,
    );
    out.push('');
    out.push(mdTable(resultRows(r)));
    out.push('');
  }
  out.push('## Analysis');
  out.push('');
  out.push(analysis);
  out.push('');
  return out.join('\n');
}

/**
 * The insights series' table (metric, n, p50, p95, p99, max, target, met?)
 * and its run from the command line: results/insights/<size>-postgres.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EventPlan } from '@platform-metrics/demo-data';
import { InsightsOptions, InsightsResult, runInsightsSeries } from './insights';
import { Machine } from './report';
import { Series } from './run';

/** A comparison or a split may add at most this much to the read it extends (p50 and p95). */
export const OVERHEAD_TARGET_PCT = 20;
export const IMPACT_ORG_P95_MS = 150;
export const IMPACT_TEAM_P95_MS = 30;
export const GROUP_TAB_P95_MS = 30;

export type InsightsRow = [string, string, string, string, string, string, string, string];

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const pct = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;

/** How much `with` adds to `without`, in % of its p50 and p95. */
export function overhead(without: Series, withIt: Series) {
  return { p50: (100 * (withIt.p50 - without.p50)) / without.p50, p95: (100 * (withIt.p95 - without.p95)) / without.p95 };
}

function row(metric: string, s: Series, target = '-', met = '-'): InsightsRow {
  const n = s.budgetHit ? `${s.n} (budget)` : String(s.n);
  return [metric, n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), target, met];
}

function overheadRow(metric: string, without: Series, withIt: Series): InsightsRow {
  const o = overhead(without, withIt);
  const ok = o.p50 <= OVERHEAD_TARGET_PCT && o.p95 <= OVERHEAD_TARGET_PCT;
  return row(metric, withIt, `adds <= ${OVERHEAD_TARGET_PCT}% (p50, p95)`, `${ok ? 'yes' : 'NO'}: ${pct(o.p50)} p50, ${pct(o.p95)} p95`);
}

function p95Row(metric: string, s: Series, targetMs: number): InsightsRow {
  return row(metric, s, `p95 <= ${targetMs} ms`, s.p95 <= targetMs ? 'yes' : 'NO');
}

export function insightsRows(r: InsightsResult): InsightsRow[] {
  const { scorecard: sc, orgSummary: org, teamSummary: team, impact, groupTab: tab } = r.latency;
  const t = `team (${r.setup.team.components} components)`;
  return [
    row('scorecard, 90 days', sc.plain),
    overheadRow('scorecard, compare=baseline', sc.plain, sc.baseline),
    overheadRow('scorecard, compare=previous', sc.plain, sc.previous),
    row('org summary, 90 days, to=end', org.plain),
    overheadRow('org summary, compare=baseline', org.plain, org.baseline),
    overheadRow('org summary, split=adoption', org.plain, org.split),
    row(`${t} summary, 90 days, to=end`, team.plain),
    overheadRow(`${t} summary, compare=baseline`, team.plain, team.baseline),
    overheadRow(`${t} summary, split=adoption`, team.plain, team.split),
    p95Row('annotation impact, org, days=30', impact.org, IMPACT_ORG_P95_MS),
    p95Row(`annotation impact, ${t}, days=30`, impact.team, IMPACT_TEAM_P95_MS),
    row('group tab: summary compare=baseline split=adoption', tab.summary),
    row('group tab: /org/entities', tab.entities),
    p95Row('group tab: both, concurrently', tab.both, GROUP_TAB_P95_MS),
  ];
}

export function insightsTable(rows: InsightsRow[]): string {
  const header: InsightsRow = ['metric', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'target', 'met?'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map(x => x[i].length)));
  const right = new Set([1, 2, 3, 4, 5]);
  const line = (x: InsightsRow) => x.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ');
  return [line(header), widths.map(w => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}

/** Runs the series and stores results/insights/<size>-postgres.json. */
export async function runInsightsCli(plan: EventPlan, opts: InsightsOptions & { machine: Machine; resultsDir: string }) {
  const { machine, resultsDir, ...series } = opts;
  const result = await runInsightsSeries(plan, series);
  const dir = path.join(resultsDir, 'insights');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${opts.size}-postgres.json`);
  fs.writeFileSync(file, `${JSON.stringify({ machine, result }, null, 2)}\n`);
  const loads = Object.entries(result.load)
    .map(([k, v]) => `  ${k}: load average ${v.mean} (max ${v.max}); busiest: ${(v.busiest ?? []).join('; ')}`)
    .join('\n');
  // eslint-disable-next-line no-console
  console.log(
    `\ninsights, ${opts.size} on postgres (${machine.nproc} CPUs, Node ${machine.node}, PostgreSQL ${result.dbVersion}); ` +
      `baseline ${result.setup.baseline.from}..${result.setup.baseline.to} (to exclusive), history end ${result.setup.historyEnd}\n` +
      `${insightsTable(insightsRows(result))}\n\nthe machine meanwhile (% of one core):\n${loads}\n${result.checks.map(c => `check: ${c}`).join('\n')}\n` +
      `wrote ${path.relative(process.cwd(), file)}\n`,
  );
  return result;
}

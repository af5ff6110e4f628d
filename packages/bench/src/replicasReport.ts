/**
 * The replica series in docs/benchmarks.md: one table, a column per stored
 * run (before/after a change, small/large), between markers so that the rest
 * of the page is regenerated around it.
 */
import { Machine } from './report';
import { ReplicaResult } from './replicas';

export interface StoredReplicaResult {
  machine: Machine;
  result: ReplicaResult;
}

const START = '<!-- replicas:start -->';
const END = '<!-- replicas:end -->';

const int = (v: number) => Math.round(v).toLocaleString('en-US');
const ms = (v: number | null) => (v === null || !Number.isFinite(v) ? 'n/a' : `${v.toFixed(1)} ms`);
const s = (v: number | null) => (v === null ? 'not within 3 min' : `${(v / 1000).toFixed(1)} s`);

type Line = [string, (r: ReplicaResult) => string, string];

const LINES: Line[] = [
  ['machine load average (1 min) at the start / end of the load', r => (r.load.loadAverage ? r.load.loadAverage.map(v => v.toFixed(1)).join(' / ') : 'n/a'), '-'],
  ['reads/s (scorecards and org summaries, both replicas)', r => r.load.reads.perSecond.toFixed(1), '-'],
  ['writes/s (POST /deployments of 3)', r => `${r.load.writes.perSecond.toFixed(1)} (${int(r.load.writes.deploymentsPerSecond)} deployments/s)`, '-'],
  ['answers 5xx: reads / writes (writes retried, as a pipeline would)', r => `${r.load.reads.fiveXx} / ${r.load.writes.fiveXx}`, '0'],
  ['attempts without an answer (client socket errors, retried): reads / writes', r => `${r.load.reads.noAnswer ?? 0} / ${r.load.writes.noAnswer ?? 0}`, '-'],
  ['read p50 / p95 / p99', r => `${ms(r.load.reads.latency.p50)} / ${ms(r.load.reads.latency.p95)} / ${ms(r.load.reads.latency.p99)} (n=${int(r.load.reads.requests)})`, 'p95 <= 50 ms'],
  ['scorecard p50 / p95', r => `${ms(r.load.reads.byKind.scorecard.p50)} / ${ms(r.load.reads.byKind.scorecard.p95)}`, '-'],
  ['org summary p50 / p95', r => `${ms(r.load.reads.byKind['org summary'].p50)} / ${ms(r.load.reads.byKind['org summary'].p95)}`, '-'],
  ['org summary ?group= p50 / p95', r => `${ms(r.load.reads.byKind['org summary ?group='].p50)} / ${ms(r.load.reads.byKind['org summary ?group='].p95)}`, '-'],
  ['write p50 / p95', r => `${ms(r.load.writes.latency.p50)} / ${ms(r.load.writes.latency.p95)}`, '-'],
  [
    'probe: POST answered until the scorecard counts it (p50 / p95 / max)',
    r => `${ms(r.visibility.probeLag.p50)} / ${ms(r.visibility.probeLag.p95)} / ${ms(r.visibility.probeLag.max)} (n=${r.visibility.probeLag.n}${r.visibility.probesNotSeen ? `, ${r.visibility.probesNotSeen} never` : ''})`,
    '-',
  ],
  ['after the last write: counted in reads from the rollups', r => s(r.visibility.rollupsAfterLastWriteMs), '-'],
  ['after the last write: counted in the precomputed current summary', r => s(r.visibility.summaryAfterLastWriteMs), '-'],
  ['final count against sent (all time, org)', r => `${r.final.counted === null ? 'n/a' : int(r.final.counted)} of ${int(r.final.expected)}`, 'exact'],
  ['entities whose scorecard count is wrong', r => `${r.final.wrong.length} of ${int(r.final.entities)}`, '0'],
];

function order(r: ReplicaResult) {
  return `${r.size === 'large' ? 1 : 0}-${r.label === 'before' ? 0 : 1}-${r.label}`;
}

/** The section: method, one table with a column per run, and the runs' machines and code. */
export function renderReplicaSection(stored: StoredReplicaResult[]): string {
  const runs = [...stored].sort((a, b) => order(a.result).localeCompare(order(b.result)));
  const out = [
    START,
    '## Two replicas under concurrent writes and reads (PostgreSQL)',
    '',
    '`yarn bench --series replicas` (packages/bench/src/replicas.ts). Two backend replicas (two',
    'processes, each with its own connection pool) on one PostgreSQL database, the plugin\'s default',
    'job schedules. The history of the size is bulk-loaded and rolled up first; then 8 writers post',
    'the last 12,000 deployments in batches of 3 (shuffled: a batch touches several entities) to',
    'both replicas in turn, while 12 readers read scorecards (half), current org summaries and',
    'current team summaries from both, and a probe posts one deployment a second to one replica and',
    'polls its scorecard on the other until it is counted. Afterwards every scorecard and the org',
    'summary of all time are checked against what was sent.',
    '',
  ];
  if (runs.length === 0) return [...out, '_No run stored yet._', END].join('\n');
  const head = runs.map(({ result: r }) => `${r.size}, ${r.label}`);
  out.push(`| measure | ${head.join(' | ')} | target |`);
  out.push(`|---|${head.map(() => '---|').join('')}---|`);
  for (const [name, value, target] of LINES) {
    out.push(`| ${name} | ${runs.map(({ result }) => value(result).replace(/\|/g, '\\|')).join(' | ')} | ${target} |`);
  }
  out.push('');
  for (const { machine, result: r } of runs) {
    const errors = r.load.errors.slice(0, 2).map(e => `\`${e.slice(0, 160).replace(/`/g, "'")}\``);
    out.push(
      `- ${r.size}, ${r.label}: run ${r.date}, code ${r.code}; ${machine.nproc} CPUs (${machine.cpuModel}), ` +
        `${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${r.dbVersion}; history of ` +
        `${int(r.setup.preloaded.deployments)} deployments (${r.sizeDescription}), rolled up in ${s(r.setup.rollupOfHistoryMs)}.${
          errors.length ? ` First errors: ${errors.join('; ')}` : ''
        }`,
    );
  }
  out.push(END);
  return out.join('\n');
}

/** The page with the section replaced, or inserted before the analysis. */
export function withReplicaSection(doc: string, section: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a >= 0 && b > a) return doc.slice(0, a) + section + doc.slice(b + END.length);
  const at = doc.indexOf('## Analysis');
  return at >= 0 ? `${doc.slice(0, at)}${section}\n\n${doc.slice(at)}` : `${doc}\n${section}\n`;
}

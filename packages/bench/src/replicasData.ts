/**
 * Data of the replica series: the generated history split into what is
 * bulk-loaded first (COPY text) and the last deployments, which are posted
 * over HTTP in small batches during the timed load; and the counts the API
 * must answer at the end.
 */
import { EventPlan, GeneratedDeployment, Random } from '@platform-metrics/demo-data';
import { CHANGE_COLUMNS, DEPLOYMENT_COLUMNS, copyField, deploymentRow } from './data';

export interface ReplicaData {
  /** COPY text of the history's deployments and their changes, in chunks. */
  deploymentCopy: Buffer[];
  changeCopy: Buffer[];
  preloaded: { deployments: number; changes: number };
  /** Request bodies of POST /deployments for the timed load, `batchSize` records each. */
  liveBodies: Buffer[];
  live: number;
  /** Succeeded production deployments per entity, history and live together. */
  expected: Map<string, number>;
  /** Their finish times, ascending (to count a window). */
  countedTimes: Float64Array;
  incidentBodies: Buffer[];
  responseBodies: Buffer[];
}

const bodies = (key: string, items: unknown[], size: number) => {
  const out: Buffer[] = [];
  for (let i = 0; i < items.length; i += size) out.push(Buffer.from(JSON.stringify({ [key]: items.slice(i, i + size) })));
  return out;
};

const CHUNK = 5000;
const isCounted = (d: GeneratedDeployment) =>
  d.status === 'succeeded' && ['production', 'prod'].includes(d.environment.toLowerCase());

/**
 * The last `live` deployments (by finish time) become the timed load, shuffled
 * (a batch touches several entities, as concurrent pipelines do) into
 * batches of `batchSize`; everything before them is the preloaded history.
 */
export function prepareReplicaData(plan: EventPlan, opts: { live: number; batchSize: number; seed: number }): ReplicaData {
  const times: number[] = [];
  for (const e of plan.entities()) for (const d of e.deployments) times.push(Date.parse(d.finishedAt));
  times.sort((a, b) => a - b);
  const cutoff = times[Math.max(0, times.length - opts.live)];
  let atCutoff = opts.live - times.filter(t => t > cutoff).length;

  const deploymentCopy: Buffer[] = [];
  const changeCopy: Buffer[] = [];
  const live: GeneratedDeployment[] = [];
  const expected = new Map<string, number>();
  const counted: number[] = [];
  const incidents: unknown[] = [];
  let lines: string[] = [];
  let changeLines: string[] = [];
  let deployments = 0;
  let changes = 0;
  const flush = () => {
    deploymentCopy.push(Buffer.from(lines.join('')));
    changeCopy.push(Buffer.from(changeLines.join('')));
    lines = [];
    changeLines = [];
  };
  const receivedAt = Date.now();
  for (const e of plan.entities()) {
    incidents.push(...e.incidents);
    for (const d of e.deployments) {
      const row = deploymentRow(d, receivedAt);
      if (isCounted(d)) {
        expected.set(row.entity_ref, (expected.get(row.entity_ref) ?? 0) + 1);
        counted.push(row.finished_at);
      }
      const t = row.finished_at;
      if (t > cutoff || (t === cutoff && atCutoff-- > 0)) {
        live.push(d);
        continue;
      }
      deployments++;
      lines.push(`${DEPLOYMENT_COLUMNS.map(c => copyField(row[c])).join('\t')}\n`);
      const seen = new Set<string>();
      for (const c of d.changes) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        changes++;
        const change = {
          source: d.source,
          deployment_id: d.id,
          change_id: c.id,
          entity_ref: row.entity_ref,
          committed_at: Date.parse(c.committedAt),
        };
        changeLines.push(`${CHANGE_COLUMNS.map(k => copyField(change[k])).join('\t')}\n`);
      }
      if (lines.length >= CHUNK) flush();
    }
  }
  flush();

  const rng = new Random(`replicas:${opts.seed}`);
  for (let i = live.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [live[i], live[j]] = [live[j], live[i]];
  }
  return {
    deploymentCopy,
    changeCopy,
    preloaded: { deployments, changes },
    liveBodies: bodies('deployments', live, opts.batchSize),
    live: live.length,
    expected,
    countedTimes: Float64Array.from(counted).sort(),
    incidentBodies: bodies('incidents', incidents, 1000),
    responseBodies: bodies('responses', plan.surveyResponses, 1000),
  };
}

/**
 * The benchmark's data, from the demo-data generator: the catalog entities
 * of the synthetic organisation, and the generated history pre-serialised as
 * request bodies (so that the timed ingestion spends no client time on
 * generation or JSON) and as COPY text for the database's own limit.
 */
import { Entity } from '@backstage/catalog-model';
import {
  EventPlan,
  GeneratedDeployment,
  planEvents,
  ScaleOptions,
  SCALES,
} from '@platform-metrics/demo-data';

export type SizeName = 'small' | 'large';

export interface SizeSpec {
  /** Generator sizes (deployments: all environments and statuses). */
  scale: ScaleOptions;
  /**
   * When set, the number of *production* deployments wanted: the generator's
   * total is scaled so that its production share comes this close.
   */
  productionDeployments?: number;
  description: string;
  /** Deployments posted over HTTP (the rest are bulk-loaded first); default all. */
  httpDeployments?: number;
}

export const SIZES: Record<SizeName, SizeSpec> = {
  small: {
    scale: SCALES.small,
    description: '200 entities, 50k deployments (all environments)',
  },
  large: {
    scale: SCALES.large,
    productionDeployments: 500_000,
    httpDeployments: 20_000,
    description:
      '2,000 entities, 500k production deployments over 365 days, 15k incidents, 20k survey responses, 200 teams',
  },
};

const API_VERSION = 'backstage.io/v1alpha1';

/** Groups, Users (with memberOf relations) and Components (with ownedBy/partOf relations). */
export function catalogEntities(plan: EventPlan): Entity[] {
  const org = plan.org;
  const groups: Entity[] = org.teams.map(t => ({
    apiVersion: API_VERSION,
    kind: 'Group',
    metadata: { name: t.name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  }));
  const users: Entity[] = org.users.map(u => ({
    apiVersion: API_VERSION,
    kind: 'User',
    metadata: { name: u.name, namespace: 'default' },
    spec: { memberOf: u.memberOf },
    relations: u.memberOf.map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  }));
  const components: Entity[] = org.components.map(c => {
    const annotations: Record<string, string> = {};
    if (c.sourceTemplate)
      annotations['backstage.io/source-template'] = c.sourceTemplate;
    if (c.exception)
      annotations['platform-metrics.io/golden-path-exception'] = c.exception;
    if (c.createdAt)
      annotations['platform-metrics.io/created-at'] = c.createdAt;
    return {
      apiVersion: API_VERSION,
      kind: 'Component',
      metadata: { name: c.name, namespace: 'default', annotations },
      spec: {
        type: c.type,
        lifecycle: c.lifecycle,
        owner: `group:default/${c.owner}`,
        system: c.system,
      },
      relations: [
        { type: 'ownedBy', targetRef: `group:default/${c.owner}` },
        { type: 'partOf', targetRef: `system:default/${c.system}` },
      ],
    };
  });
  return [...groups, ...users, ...components];
}

/** Plans the events of a size, scaling the total to hit a production count if asked. */
export function planSize(
  size: SizeSpec,
  opts: { seed: number; now: string; log: (msg: string) => void },
): EventPlan {
  let plan = planEvents({ seed: opts.seed, now: opts.now, scale: size.scale });
  if (size.productionDeployments) {
    let all = 0;
    let production = 0;
    for (const e of plan.entities()) {
      all += e.deployments.length;
      production += e.deployments.filter(
        d => d.environment === 'production',
      ).length;
    }
    const want = size.productionDeployments;
    if (Math.abs(production - want) > want * 0.02) {
      const total = Math.round((want * all) / production);
      opts.log(
        `  ${production} of ${all} generated deployments are production; regenerating with ${total} in all`,
      );
      plan = planEvents({
        seed: opts.seed,
        now: opts.now,
        scale: { ...size.scale, deployments: total },
      });
    }
  }
  return plan;
}

/** One field of a COPY text row (tab-separated, \N for null). */
export function copyField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  return String(v)
    .replace(/\\/g, '\\\\')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

export interface DeploymentRowValues {
  source: string;
  id: string;
  entity_ref: string;
  environment: string;
  status: string;
  finished_at: number;
  started_at: number | null;
  version: string | null;
  type: string;
  remediates: string | null;
  change_count: number;
  received_at: number;
}

/** The columns of pm_deployments, in the order of {@link DeploymentRowValues}. */
export const DEPLOYMENT_COLUMNS = [
  'source',
  'id',
  'entity_ref',
  'environment',
  'status',
  'finished_at',
  'started_at',
  'version',
  'type',
  'remediates',
  'change_count',
  'received_at',
] as const;

export const CHANGE_COLUMNS = [
  'source',
  'deployment_id',
  'change_id',
  'entity_ref',
  'committed_at',
] as const;

/** The row the backend stores for a posted deployment (as DatabaseMetricsStore maps it). */
export function deploymentRow(
  d: GeneratedDeployment,
  receivedAt: number,
): DeploymentRowValues {
  return {
    source: d.source,
    id: d.id,
    entity_ref: d.entityRef.toLocaleLowerCase('en-US'),
    environment: d.environment.toLocaleLowerCase('en-US'),
    status: d.status,
    finished_at: Date.parse(d.finishedAt),
    started_at: d.startedAt ? Date.parse(d.startedAt) : null,
    version: d.version ?? null,
    type: d.type,
    remediates: d.remediates ?? null,
    change_count: d.changes.length,
    received_at: receivedAt,
  };
}

export interface ChangeRowValues {
  source: string;
  deployment_id: string;
  change_id: string;
  entity_ref: string;
  committed_at: number;
}

export interface PreparedData {
  plan: EventPlan;
  entities: Entity[];
  counts: {
    deployments: number;
    productionDeployments: number;
    changes: number;
    incidents: number;
    surveyResponses: number;
    components: number;
    teams: number;
    users: number;
  };
  /** Request bodies of POST /deployments, 1000 records each. */
  deploymentBodies: Buffer[];
  incidentBodies: Buffer[];
  responseBodies: Buffer[];
  /** COPY text of the same deployments (pm_deployments columns), in chunks. */
  deploymentCopy: Buffer[];
  /** COPY text of their changes (pm_deployment_changes columns), in chunks. */
  changeCopy: Buffer[];
  /** Deployment rows for SQLite (bare-table insert, preload), per request batch. */
  deploymentRowBatches: DeploymentRowValues[][];
  /** Change rows for SQLite's preload, per request batch. */
  changeRowBatches: ChangeRowValues[][];
  componentRefs: string[];
  teamRefs: string[];
}

const BATCH = 1000;

/** Generates everything once; bodies are Buffers (off the JS heap). */
export function prepareData(
  plan: EventPlan,
  opts: { keepRows: boolean },
): PreparedData {
  const receivedAt = Date.now();
  const deploymentBodies: Buffer[] = [];
  const deploymentCopy: Buffer[] = [];
  const changeCopy: Buffer[] = [];
  const deploymentRowBatches: DeploymentRowValues[][] = [];
  const changeRowBatches: ChangeRowValues[][] = [];
  let rowBatch: DeploymentRowValues[] = [];
  let changeRowBatch: ChangeRowValues[] = [];
  let batch: GeneratedDeployment[] = [];
  let copyLines: string[] = [];
  let changeLines: string[] = [];
  let deployments = 0;
  let productionDeployments = 0;
  let changes = 0;
  const incidents: unknown[] = [];

  // the i-th body, COPY chunk and row batch hold the same deployments
  const flush = () => {
    if (!batch.length) return;
    deploymentBodies.push(Buffer.from(JSON.stringify({ deployments: batch })));
    deploymentCopy.push(Buffer.from(copyLines.join('')));
    changeCopy.push(Buffer.from(changeLines.join('')));
    if (opts.keepRows) {
      deploymentRowBatches.push(rowBatch);
      changeRowBatches.push(changeRowBatch);
    }
    batch = [];
    copyLines = [];
    changeLines = [];
    rowBatch = [];
    changeRowBatch = [];
  };

  for (const e of plan.entities()) {
    for (const i of e.incidents) incidents.push(i);
    for (const d of e.deployments) {
      deployments++;
      if (d.environment === 'production') productionDeployments++;
      batch.push(d);
      const row = deploymentRow(d, receivedAt);
      if (opts.keepRows) rowBatch.push(row);
      copyLines.push(
        `${DEPLOYMENT_COLUMNS.map(c => copyField(row[c])).join('\t')}\n`,
      );
      const seen = new Set<string>();
      for (const c of d.changes) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        changes++;
        const change: ChangeRowValues = {
          source: d.source,
          deployment_id: d.id,
          change_id: c.id,
          entity_ref: row.entity_ref,
          committed_at: Date.parse(c.committedAt),
        };
        if (opts.keepRows) changeRowBatch.push(change);
        changeLines.push(
          `${CHANGE_COLUMNS.map(k => copyField(change[k])).join('\t')}\n`,
        );
      }
      if (batch.length >= BATCH) flush();
    }
  }
  flush();

  const incidentBodies: Buffer[] = [];
  for (let i = 0; i < incidents.length; i += BATCH) {
    incidentBodies.push(
      Buffer.from(JSON.stringify({ incidents: incidents.slice(i, i + BATCH) })),
    );
  }
  const responseBodies: Buffer[] = [];
  for (let i = 0; i < plan.surveyResponses.length; i += BATCH) {
    responseBodies.push(
      Buffer.from(
        JSON.stringify({
          responses: plan.surveyResponses.slice(i, i + BATCH),
        }),
      ),
    );
  }

  return {
    plan,
    entities: catalogEntities(plan),
    counts: {
      deployments,
      productionDeployments,
      changes,
      incidents: incidents.length,
      surveyResponses: plan.surveyResponses.length,
      components: plan.org.components.length,
      teams: plan.org.teams.length,
      users: plan.org.users.length,
    },
    deploymentBodies,
    incidentBodies,
    responseBodies,
    deploymentCopy,
    changeCopy,
    deploymentRowBatches,
    changeRowBatches,
    componentRefs: plan.org.components.map(c =>
      `component:default/${c.name}`.toLocaleLowerCase('en-US'),
    ),
    teamRefs: plan.org.teams.map(t =>
      `group:default/${t.name}`.toLocaleLowerCase('en-US'),
    ),
  };
}

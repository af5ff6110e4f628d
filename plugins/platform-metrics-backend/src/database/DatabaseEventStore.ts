import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { lower } from '../lib/refs';
import { Clock } from '../lib/time';
import { DeploymentInput, IncidentInput } from '../schema/validation';
import {
  DeploymentRow,
  EntityScope,
  EventQuery,
  EventStore,
  FirstChangeRow,
  IncidentRow,
} from './EventStore';
import {
  CHUNK,
  bulkUpsert,
  dedupe,
  inScope,
  ingestResult,
  markDirty,
  sortedByKey,
  sourceAndId,
  ms,
  num,
  numOrNull,
  whereKeys,
} from './knex';

/**
 * The entity each already stored record among `records` belongs to now, by
 * source and id: a record re-sent under another entity leaves the old one's
 * rollups out of date too.
 */
async function storedEntities(
  tx: Knex.Transaction,
  table: string,
  records: Array<{ source: string; id: string }>,
): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  for (const part of chunks(records, CHUNK)) {
    const rows = await whereKeys(tx(table), ['source', 'id'], part.map(r => [r.source, r.id])).select(
      'source',
      'id',
      'entity_ref',
    );
    for (const r of rows) stored.set(sourceAndId(r), r.entity_ref);
  }
  return stored;
}

function toDeployment(r: any): DeploymentRow {
  return {
    source: r.source,
    id: r.id,
    entityRef: r.entity_ref,
    environment: r.environment,
    status: r.status,
    finishedAt: num(r.finished_at),
    type: r.type,
    remediates: r.remediates ?? null,
    version: r.version ?? null,
    commitSha: r.commit_sha ?? null,
    deployedBy: r.deployed_by ?? null,
    changeCount: num(r.change_count),
    ...(r.caused_failure !== undefined && { causedFailure: !!r.caused_failure }),
  };
}

function toIncident(r: any): IncidentRow {
  return {
    source: r.source,
    id: r.id,
    entityRef: r.entity_ref,
    openedAt: num(r.opened_at),
    resolvedAt: numOrNull(r.resolved_at),
    severity: r.severity ?? null,
    causedBy: r.caused_by ?? null,
    affectedDevelopers: numOrNull(r.affected_developers),
  };
}

/** knex implementation of {@link EventStore}, for SQLite and PostgreSQL. */
export class DatabaseEventStore implements EventStore {
  constructor(private readonly db: Knex, private readonly clock: Clock) {}

  async upsertDeployments(input: DeploymentInput[]): Promise<IngestResult> {
    const records = sortedByKey(dedupe(input, sourceAndId));
    const now = this.clock();
    // lock order: the event rows (by key), then their marks (by entity ref, last)
    return this.db.transaction(async tx => {
      const existing = await storedEntities(tx, 'pm_deployments', records);
      await bulkUpsert(
        tx,
        'pm_deployments',
        records.map(d => ({
          source: d.source,
          id: d.id,
          entity_ref: d.entityRef,
          environment: lower(d.environment),
          status: d.status,
          finished_at: ms(d.finishedAt),
          started_at: d.startedAt ? ms(d.startedAt) : null,
          version: d.version ?? null,
          commit_sha: d.commitSha ?? null,
          type: d.type,
          remediates: d.remediates ?? null,
          change_count: d.changes.length,
          changes_complete: d.changesComplete ?? null,
          deployed_by: d.deployedBy ?? null,
          received_at: now,
        })),
        ['source', 'id'],
        {
          source: 'text',
          id: 'text',
          entity_ref: 'text',
          environment: 'text',
          status: 'text',
          finished_at: 'bigint',
          started_at: 'bigint',
          version: 'text',
          commit_sha: 'text',
          type: 'text',
          remediates: 'text',
          change_count: 'integer',
          changes_complete: 'boolean',
          deployed_by: 'text',
          received_at: 'bigint',
        },
      );
      // A re-sent deployment replaces its list of changes; a new one has none.
      const resent = records.filter(d => existing.has(sourceAndId(d)));
      for (const part of chunks(resent, CHUNK)) {
        await whereKeys(
          tx('pm_deployment_changes'),
          ['source', 'deployment_id'],
          part.map(d => [d.source, d.id]),
        ).delete();
      }
      // a change listed twice in one deployment counts once (the first)
      const changes = records.flatMap(d => {
        const seen = new Set<string>();
        return d.changes.filter(c => !seen.has(c.id) && !!seen.add(c.id)).map(c => ({
          source: d.source,
          deployment_id: d.id,
          change_id: c.id,
          entity_ref: d.entityRef,
          committed_at: ms(c.committedAt),
          author: c.author ?? null,
        }));
      });
      await bulkUpsert(tx, 'pm_deployment_changes', changes, ['source', 'deployment_id', 'change_id'], {
        source: 'text',
        deployment_id: 'text',
        change_id: 'text',
        entity_ref: 'text',
        committed_at: 'bigint',
        author: 'text',
      });
      await markDirty(tx, [...records.map(d => d.entityRef), ...existing.values()]);
      return ingestResult(input.length, records.length, existing.size);
    });
  }

  async upsertIncidents(input: IncidentInput[]): Promise<IngestResult> {
    const records = sortedByKey(dedupe(input, sourceAndId));
    const now = this.clock();
    return this.db.transaction(async tx => {
      const existing = await storedEntities(tx, 'pm_incidents', records);
      await bulkUpsert(
        tx,
        'pm_incidents',
        records.map(i => ({
          source: i.source,
          id: i.id,
          entity_ref: i.entityRef,
          opened_at: ms(i.openedAt),
          resolved_at: i.resolvedAt ? ms(i.resolvedAt) : null,
          severity: i.severity ?? null,
          caused_by: i.causedBy ?? null,
          affected_developers: i.affectedDevelopers ?? null,
          received_at: now,
        })),
        ['source', 'id'],
        {
          source: 'text',
          id: 'text',
          entity_ref: 'text',
          opened_at: 'bigint',
          resolved_at: 'bigint',
          severity: 'text',
          caused_by: 'text',
          affected_developers: 'integer',
          received_at: 'bigint',
        },
      );
      await markDirty(tx, [...records.map(i => i.entityRef), ...existing.values()]);
      return ingestResult(input.length, records.length, existing.size);
    });
  }

  async countIncompleteChanges(query: EventQuery & { entityRef: string }): Promise<number> {
    const row = await this.db('pm_deployments')
      .where({ entity_ref: query.entityRef, status: 'succeeded', changes_complete: false })
      .whereIn('environment', query.productionEnvironments)
      .andWhere('finished_at', '>=', query.from)
      .andWhere('finished_at', '<', query.to)
      .count({ n: '*' })
      .first();
    return num(row?.n ?? 0);
  }

  async listDeployments(query: EventQuery): Promise<DeploymentRow[]> {
    const q = this.db('pm_deployments')
      .where('finished_at', '>=', query.from)
      .andWhere('finished_at', '<', query.to)
      .whereIn('environment', query.productionEnvironments)
      .orderBy('finished_at', 'asc');
    const rows = await inScope(q, 'entity_ref', query.entityRefs);
    return rows.map(toDeployment);
  }

  async listRecentDeployments(entityRef: string, before: number, limit: number) {
    const rows = await this.db('pm_deployments as d')
      .leftJoin('pm_failed_deployments as f', function on() {
        this.on('f.entity_ref', '=', 'd.entity_ref').andOn('f.source', '=', 'd.source').andOn('f.id', '=', 'd.id');
      })
      .where('d.entity_ref', entityRef)
      .andWhere('d.finished_at', '<', before)
      .orderBy('d.finished_at', 'desc')
      .limit(limit)
      .select('d.*', this.db.raw('(f.id IS NOT NULL) as caused_failure'));
    return rows.map(toDeployment);
  }

  async latestDeployment(entityRef: string, environments: string[], before?: number) {
    const q = this.db('pm_deployments').where({ entity_ref: entityRef, status: 'succeeded' });
    if (before !== undefined) q.andWhere('finished_at', '<', before);
    const row = await q
      .whereIn('environment', environments)
      .orderBy([{ column: 'finished_at', order: 'desc' }, { column: 'id', order: 'desc' }])
      .first();
    return row ? toDeployment(row) : undefined;
  }

  async recordIds(kind: 'deployment' | 'incident', source: string, id: string, entityRefs: string[]) {
    const rows = await this.db(kind === 'deployment' ? 'pm_deployments' : 'pm_incidents')
      .where('source', source)
      .whereIn('id', [id, ...entityRefs.map(ref => `${id}/${ref}`)])
      .whereIn('entity_ref', entityRefs)
      .select('id', 'entity_ref');
    return new Map(rows.map(r => [r.entity_ref as string, r.id as string]));
  }

  async listFirstChanges(query: EventQuery): Promise<FirstChangeRow[]> {
    const q = this.db('pm_deployment_changes as c')
      .join('pm_deployments as d', function on() {
        this.on('d.source', '=', 'c.source').andOn('d.id', '=', 'c.deployment_id');
      })
      .where('d.status', 'succeeded')
      .whereIn('d.environment', query.productionEnvironments)
      .andWhere('d.finished_at', '<', query.to)
      .groupBy('c.entity_ref', 'c.change_id')
      .havingRaw('min(d.finished_at) >= ?', [query.from])
      .select(
        'c.entity_ref as entity_ref',
        this.db.raw('min(d.finished_at) as deployed_at'),
        this.db.raw('min(c.committed_at) as committed_at'),
      );
    const rows = await inScope(q, 'c.entity_ref', query.entityRefs);
    return rows.map((r: any) => ({
      entityRef: r.entity_ref,
      deployedAt: num(r.deployed_at),
      committedAt: num(r.committed_at),
    }));
  }

  async listIncidents(query: EntityScope & { from: number; to: number }) {
    const q = this.db('pm_incidents')
      .where('opened_at', '<', query.to)
      .andWhere(w =>
        w
          .where('opened_at', '>=', query.from)
          .orWhere('resolved_at', '>=', query.from)
          .orWhereNull('resolved_at')
          .orWhereNotNull('caused_by'),
      )
      .orderBy('opened_at', 'asc');
    const rows = await inScope(q, 'entity_ref', query.entityRefs);
    return rows.map(toIncident);
  }

  async listRecentIncidents(entityRef: string, before: number, limit: number) {
    const rows = await this.db('pm_incidents')
      .where({ entity_ref: entityRef })
      .andWhere('opened_at', '<', before)
      .orderBy('opened_at', 'desc')
      .limit(limit);
    return rows.map(toIncident);
  }

  async countOpenIncidents(query: EntityScope & { to: number }) {
    const q = this.db('pm_incidents')
      .where('opened_at', '<', query.to)
      .andWhere(w => w.whereNull('resolved_at').orWhere('resolved_at', '>=', query.to))
      .groupBy('entity_ref')
      .select('entity_ref', this.db.raw('count(*) as open'));
    const rows = await inScope(q, 'entity_ref', query.entityRefs);
    return new Map<string, number>(rows.map((r: any) => [r.entity_ref, num(r.open)]));
  }
}

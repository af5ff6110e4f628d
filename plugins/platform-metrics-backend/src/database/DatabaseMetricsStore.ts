import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DeploymentInput,
  ImportedSurveyResponse,
  IncidentInput,
  IngestResult,
} from '@platform-metrics/plugin-platform-metrics-common';
import { Knex } from 'knex';
import {
  AdoptionSnapshot,
  DayFacts,
  DeploymentRow,
  DirtyMark,
  EntityRollup,
  EntityRow,
  EntityScope,
  EntityUpsert,
  EventQuery,
  FirstChangeRow,
  IncidentRow,
  MetricsStore,
  SummaryRow,
  SurveyResponseRow,
} from './MetricsStore';

const migrationsDir = resolvePackagePath(
  '@platform-metrics/plugin-platform-metrics-backend',
  'migrations',
);

/** Rows per statement when a row binds one variable (key lists). */
const CHUNK = 1000;

/**
 * Rows per INSERT for rows of `columns` values: under the smaller of SQLite's
 * (32766) and PostgreSQL's (65535) bound-variable limits, and at most 500
 * rows, because knex writes a multi-row INSERT on SQLite as a compound SELECT
 * and SQLite allows 500 terms in one.
 */
const rowsPerInsert = (columns: number) => Math.min(500, Math.floor(30000 / columns));

const ms = (iso: string) => Date.parse(iso);
const num = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));
const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Restricts a query to composite keys `(first, second)`. Grouped by the first
 * column as `first = ? AND second IN (...)`, so PostgreSQL walks the
 * two-column index for exactly these keys; a row-value `IN ((a, b), ...)`
 * list only narrows on the first column and scans every row of that source.
 */
function whereKeys<A extends string | number>(
  q: Knex.QueryBuilder,
  columns: [string, string],
  keys: Array<[A, string]>,
): Knex.QueryBuilder {
  const byFirst = new Map<A, string[]>();
  for (const [a, b] of keys) {
    const list = byFirst.get(a);
    if (list) list.push(b);
    else byFirst.set(a, [b]);
  }
  return q.where(w => {
    for (const [a, bs] of byFirst) {
      w.orWhere(inner => inner.where(columns[0], a).whereIn(columns[1], bs));
    }
  });
}

/**
 * The answer to an ingestion batch: records whose key was not stored before
 * are created; the rest of the received records (including repeats of a key
 * within the batch) are updates.
 */
function ingestResult(received: number, unique: number, existing: number): IngestResult {
  const created = unique - existing;
  return { received, created, updated: received - created };
}

/** Last record wins when a batch repeats a key. */
function dedupe<T extends { source: string; id: string }>(records: T[]): T[] {
  const byKey = new Map<string, T>();
  for (const r of records) byKey.set(`${r.source}\u0000${r.id}`, r);
  return [...byKey.values()];
}

/**
 * Inserts or updates (on `key`) many rows in one statement per chunk. On
 * PostgreSQL the whole batch travels as one JSON parameter unpacked by
 * `json_to_recordset`: one statement, nothing for knex to build per row.
 * `types` names every column with its PostgreSQL type. Rows must not repeat
 * a key (an upsert cannot touch a row twice).
 */
async function bulkUpsert(
  tx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown>>,
  key: string[],
  types: Record<string, string>,
) {
  if (rows.length === 0) return;
  const columns = Object.keys(types);
  if (tx.client.config.client !== 'pg') {
    for (const part of chunks(rows, rowsPerInsert(columns.length))) {
      await tx(table).insert(part).onConflict(key).merge();
    }
    return;
  }
  const list = columns.map(c => `"${c}"`).join(', ');
  const update = columns
    .filter(c => !key.includes(c))
    .map(c => `"${c}" = excluded."${c}"`)
    .join(', ');
  await tx.raw(
    `INSERT INTO ?? (${list}) SELECT ${list} FROM json_to_recordset(?::json) AS x(${columns
      .map(c => `"${c}" ${types[c]}`)
      .join(', ')}) ON CONFLICT (${key.map(c => `"${c}"`).join(', ')}) DO UPDATE SET ${update}`,
    [table, JSON.stringify(rows)],
  );
}

const DAY = 86_400_000;
/** Days since 1970-01-01 of a UTC midnight, and back. */
const dayNumber = (t: number) => Math.floor(t / DAY);

/**
 * Marks entities dirty inside an ingestion transaction. The database bumps
 * the version, so a rollup computed before this write can never clear it.
 * Sorted, so that concurrent batches lock the marks in the same order.
 */
async function markDirty(tx: Knex.Transaction, entityRefs: Iterable<string>) {
  const refs = [...new Set(entityRefs)].sort();
  for (const part of chunks(refs, rowsPerInsert(1))) {
    await tx('pm_rollup_dirty')
      .insert(part.map(entity_ref => ({ entity_ref, version: 1 })))
      .onConflict('entity_ref')
      .merge({ version: tx.raw('?? + 1', ['pm_rollup_dirty.version']) });
  }
}

/** knex implementation of {@link MetricsStore}, for SQLite and PostgreSQL. */
export class DatabaseMetricsStore implements MetricsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseMetricsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseMetricsStore(client);
  }

  /** For tests: a store on a knex client, migrated to the latest schema. */
  static async forKnex(client: Knex): Promise<DatabaseMetricsStore> {
    await client.migrate.latest({ directory: migrationsDir });
    return new DatabaseMetricsStore(client);
  }

  static readonly migrationsDir = migrationsDir;

  private constructor(private readonly db: Knex) {}

  /** The `(source, id)` keys of these records already stored, as `source\0id`. */
  /** The keys among `keys` already stored in `table`, as `first\0second`. */
  private async existingKeys(
    tx: Knex.Transaction,
    table: string,
    columns: [string, string],
    keys: Array<[string, string]>,
  ): Promise<Set<string>> {
    const existing = new Set<string>();
    for (const part of chunks(keys)) {
      const rows = await whereKeys(tx(table), columns, part).select(columns);
      for (const r of rows) existing.add(`${r[columns[0]]}\u0000${r[columns[1]]}`);
    }
    return existing;
  }

  async upsertDeployments(input: DeploymentInput[]): Promise<IngestResult> {
    const records = dedupe(input);
    const now = Date.now();
    return this.db.transaction(async tx => {
      const existing = await this.existingKeys(tx, 'pm_deployments', ['source', 'id'], records.map(d => [d.source, d.id]));
      await bulkUpsert(
        tx,
        'pm_deployments',
        records.map(d => ({
          source: d.source,
          id: d.id,
          entity_ref: d.entityRef,
          environment: d.environment.toLocaleLowerCase('en-US'),
          status: d.status,
          finished_at: ms(d.finishedAt),
          started_at: d.startedAt ? ms(d.startedAt) : null,
          version: d.version ?? null,
          type: d.type,
          remediates: d.remediates ?? null,
          change_count: d.changes.length,
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
          type: 'text',
          remediates: 'text',
          change_count: 'integer',
          received_at: 'bigint',
        },
      );
      // A re-sent deployment replaces its list of changes; a new one has none.
      const resent = records.filter(d => existing.has(`${d.source}\u0000${d.id}`));
      for (const part of chunks(resent)) {
        await whereKeys(
          tx('pm_deployment_changes'),
          ['source', 'deployment_id'],
          part.map(d => [d.source, d.id]),
        ).delete();
      }
      const changes = records.flatMap(d => {
        const seen = new Set<string>();
        return d.changes
          .filter(c => !seen.has(c.id) && !!seen.add(c.id))
          .map(c => ({
            source: d.source,
            deployment_id: d.id,
            change_id: c.id,
            entity_ref: d.entityRef,
            committed_at: ms(c.committedAt),
          }));
      });
      await bulkUpsert(tx, 'pm_deployment_changes', changes, ['source', 'deployment_id', 'change_id'], {
        source: 'text',
        deployment_id: 'text',
        change_id: 'text',
        entity_ref: 'text',
        committed_at: 'bigint',
      });
      await markDirty(tx, records.map(d => d.entityRef));
      return ingestResult(input.length, records.length, existing.size);
    });
  }

  async upsertIncidents(input: IncidentInput[]): Promise<IngestResult> {
    const records = dedupe(input);
    const now = Date.now();
    return this.db.transaction(async tx => {
      const existing = await this.existingKeys(tx, 'pm_incidents', ['source', 'id'], records.map(i => [i.source, i.id]));
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
          received_at: 'bigint',
        },
      );
      await markDirty(tx, records.map(i => i.entityRef));
      return ingestResult(input.length, records.length, existing.size);
    });
  }

  private scope<T extends {}>(
    q: Knex.QueryBuilder<T>,
    column: string,
    scope: EntityScope,
  ) {
    if (scope.entityRefs) q.whereIn(column, scope.entityRefs);
    return q;
  }

  private toDeployment(r: any): DeploymentRow {
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
      changeCount: num(r.change_count),
      ...(r.caused_failure !== undefined && { causedFailure: !!r.caused_failure }),
    };
  }

  private toIncident(r: any): IncidentRow {
    return {
      source: r.source,
      id: r.id,
      entityRef: r.entity_ref,
      openedAt: num(r.opened_at),
      resolvedAt: numOrNull(r.resolved_at),
      severity: r.severity ?? null,
      causedBy: r.caused_by ?? null,
    };
  }

  async listDeployments(query: EventQuery): Promise<DeploymentRow[]> {
    const q = this.db('pm_deployments')
      .where('finished_at', '>=', query.from)
      .andWhere('finished_at', '<', query.to)
      .whereIn('environment', query.productionEnvironments)
      .orderBy('finished_at', 'asc');
    const rows = await this.scope(q, 'entity_ref', query);
    return rows.map((r: any) => this.toDeployment(r));
  }

  async listRecentDeployments(entityRef: string, before: number, limit: number) {
    const rows = await this.db('pm_deployments as d')
      .leftJoin('pm_failed_deployments as f', function on() {
        this.on('f.source', '=', 'd.source').andOn('f.id', '=', 'd.id');
      })
      .where('d.entity_ref', entityRef)
      .andWhere('d.finished_at', '<', before)
      .orderBy('d.finished_at', 'desc')
      .limit(limit)
      .select('d.*', this.db.raw('(f.id IS NOT NULL) as caused_failure'));
    return rows.map(r => this.toDeployment(r));
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
    const rows = await this.scope(q, 'c.entity_ref', query);
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
    const rows = await this.scope(q, 'entity_ref', query);
    return rows.map((r: any) => this.toIncident(r));
  }

  async listRecentIncidents(entityRef: string, before: number, limit: number) {
    const rows = await this.db('pm_incidents')
      .where({ entity_ref: entityRef })
      .andWhere('opened_at', '<', before)
      .orderBy('opened_at', 'desc')
      .limit(limit);
    return rows.map(r => this.toIncident(r));
  }

  async countOpenIncidents(query: EntityScope & { to: number }) {
    const q = this.db('pm_incidents')
      .where('opened_at', '<', query.to)
      .andWhere(w => w.whereNull('resolved_at').orWhere('resolved_at', '>=', query.to))
      .groupBy('entity_ref')
      .select('entity_ref', this.db.raw('count(*) as open'));
    const rows = await this.scope(q, 'entity_ref', query);
    return new Map<string, number>(rows.map((r: any) => [r.entity_ref, num(r.open)]));
  }

  async listDirty(query: EntityScope & { limit: number; after?: string }): Promise<DirtyMark[]> {
    const q = this.db('pm_rollup_dirty').orderBy('entity_ref').limit(query.limit);
    if (query.after !== undefined) q.where('entity_ref', '>', query.after);
    const rows = await this.scope(q, 'entity_ref', query);
    return rows.map((r: any) => ({ entityRef: r.entity_ref, version: num(r.version) }));
  }

  async markAllDirty() {
    return this.db.transaction(async tx => {
      const rows = await tx
        .select('entity_ref')
        .from('pm_deployments')
        .union(tx.select('entity_ref').from('pm_incidents'));
      await markDirty(tx, rows.map((r: any) => r.entity_ref as string));
      return rows.length;
    });
  }

  async writeRollups(rollups: EntityRollup[], marks: DirtyMark[]) {
    const refs = rollups.map(r => r.entityRef).sort();
    const now = Date.now();
    await this.db.transaction(async tx => {
      for (const part of chunks(refs)) {
        await tx('pm_entity_days').whereIn('entity_ref', part).delete();
        await tx('pm_failed_deployments').whereIn('entity_ref', part).delete();
      }
      // merge, not insert: a second replica may refresh the same entity at once
      const days = rollups.flatMap(r =>
        r.days.map(d => ({
          entity_ref: r.entityRef,
          day: dayNumber(d.day),
          deployments: d.deployments,
          failed: d.failed,
          rework: d.rework,
          lead_times: JSON.stringify(d.leadTimes),
          restores: JSON.stringify(d.restores),
        })),
      );
      await bulkUpsert(tx, 'pm_entity_days', days, ['entity_ref', 'day'], {
        entity_ref: 'text',
        day: 'integer',
        deployments: 'integer',
        failed: 'integer',
        rework: 'integer',
        lead_times: 'text',
        restores: 'text',
      });
      await bulkUpsert(
        tx,
        'pm_failed_deployments',
        rollups.flatMap(r =>
          r.failedDeployments.map(f => ({ source: f.source, id: f.id, entity_ref: r.entityRef })),
        ),
        ['source', 'id'],
        { source: 'text', id: 'text', entity_ref: 'text' },
      );
      await bulkUpsert(
        tx,
        'pm_entity_rollups',
        rollups.map(r => ({
          entity_ref: r.entityRef,
          first_deploy_at: r.firstDeployAt,
          refreshed_at: now,
        })),
        ['entity_ref'],
        { entity_ref: 'text', first_deploy_at: 'bigint', refreshed_at: 'bigint' },
      );
      // a mark bumped since the rollup read its events stays for the next run
      for (const part of chunks(marks)) {
        await whereKeys(
          tx('pm_rollup_dirty'),
          ['version', 'entity_ref'],
          part.map(m => [m.version, m.entityRef]),
        ).delete();
      }
    });
  }

  async listEntityDays(query: EntityScope & { from: number; to: number }) {
    const q = this.db('pm_entity_days')
      .where('day', '>=', dayNumber(query.from))
      .andWhere('day', '<', Math.ceil(query.to / DAY))
      .select('entity_ref', 'day', 'deployments', 'failed', 'rework', 'lead_times', 'restores');
    const result = new Map<string, DayFacts[]>();
    const parts = query.entityRefs ? chunks(query.entityRefs) : [undefined];
    for (const part of parts) {
      const rows = await (part ? q.clone().whereIn('entity_ref', part) : q);
      for (const r of rows) {
        const facts: DayFacts = {
          day: num(r.day) * DAY,
          deployments: num(r.deployments),
          failed: num(r.failed),
          rework: num(r.rework),
          leadTimes: JSON.parse(r.lead_times),
          restores: JSON.parse(r.restores),
        };
        const list = result.get(r.entity_ref);
        if (list) list.push(facts);
        else result.set(r.entity_ref, [facts]);
      }
    }
    return result;
  }

  async firstDeployments(query: EntityScope & { to: number }) {
    const q = this.db('pm_entity_rollups')
      .where('first_deploy_at', '<', query.to)
      .select('entity_ref', 'first_deploy_at');
    const rows = await this.scope(q, 'entity_ref', query);
    return new Map<string, number>(
      rows.map((r: any) => [r.entity_ref, num(r.first_deploy_at)]),
    );
  }

  async getSummary(scopeRef: string, windowDays: number): Promise<SummaryRow | undefined> {
    const row = await this.db('pm_summaries')
      .where({ scope_ref: scopeRef, window_days: windowDays })
      .first();
    return row
      ? {
          scopeRef: row.scope_ref,
          windowDays: num(row.window_days),
          to: num(row.to_day) * DAY,
          computedAt: num(row.computed_at),
          body: row.body,
        }
      : undefined;
  }

  async putSummaries(rows: SummaryRow[]) {
    await this.db.transaction(tx =>
      bulkUpsert(
        tx,
        'pm_summaries',
        rows.map(r => ({
          scope_ref: r.scopeRef,
          window_days: r.windowDays,
          to_day: dayNumber(r.to),
          computed_at: r.computedAt,
          body: r.body,
        })),
        ['scope_ref', 'window_days'],
        { scope_ref: 'text', window_days: 'integer', to_day: 'integer', computed_at: 'bigint', body: 'text' },
      ),
    );
  }

  async clearSummaries() {
    await this.db('pm_summaries').delete();
  }

  async upsertEntities(entities: EntityUpsert[], seenAt: number) {
    await this.db.transaction(async tx => {
      for (const part of chunks(entities, rowsPerInsert(12))) {
        await tx('pm_entities')
          .insert(
            part.map(e => ({
              entity_ref: e.entityRef,
              kind: e.kind,
              type: e.type,
              owner_ref: e.ownerRef,
              system_ref: e.systemRef,
              lifecycle: e.lifecycle,
              adoption_status: e.adoptionStatus,
              adoption_reason: e.adoptionReason,
              annotated_created_at: e.annotatedCreatedAt,
              first_seen_at: seenAt,
              last_seen_at: seenAt,
              in_catalog: true,
            })),
          )
          .onConflict('entity_ref')
          // first_seen_at is kept from the first insert
          .merge([
            'kind',
            'type',
            'owner_ref',
            'system_ref',
            'lifecycle',
            'adoption_status',
            'adoption_reason',
            'annotated_created_at',
            'last_seen_at',
            'in_catalog',
          ]);
      }
    });
  }

  async markMissingEntities(seenBefore: number) {
    return this.db('pm_entities')
      .where('last_seen_at', '<', seenBefore)
      .andWhere('in_catalog', true)
      .update({ in_catalog: false });
  }

  private toEntity(r: any): EntityRow {
    return {
      entityRef: r.entity_ref,
      kind: r.kind,
      type: r.type ?? null,
      ownerRef: r.owner_ref ?? null,
      systemRef: r.system_ref ?? null,
      lifecycle: r.lifecycle ?? null,
      adoptionStatus: r.adoption_status,
      adoptionReason: r.adoption_reason ?? null,
      annotatedCreatedAt: numOrNull(r.annotated_created_at),
      firstSeenAt: num(r.first_seen_at),
    };
  }

  async getEntity(entityRef: string) {
    const row = await this.db('pm_entities')
      .where({ entity_ref: entityRef, in_catalog: true })
      .first();
    return row ? this.toEntity(row) : undefined;
  }

  async listEntities(filter: { ownerRef?: string; kind?: string } = {}) {
    const q = this.db('pm_entities').where('in_catalog', true);
    if (filter.ownerRef) q.andWhere('owner_ref', filter.ownerRef);
    if (filter.kind) q.andWhere('kind', filter.kind);
    const rows = await q.orderBy('entity_ref');
    return rows.map(r => this.toEntity(r));
  }

  async replaceGroupMembers(members: Array<{ userRef: string; groupRef: string }>) {
    const unique = new Map(members.map(m => [`${m.userRef} ${m.groupRef}`, m]));
    await this.db.transaction(async tx => {
      await tx('pm_group_members').delete();
      for (const part of chunks([...unique.values()], rowsPerInsert(2))) {
        await tx('pm_group_members')
          .insert(part.map(m => ({ user_ref: m.userRef, group_ref: m.groupRef })))
          .onConflict(['user_ref', 'group_ref'])
          .ignore();
      }
    });
  }

  async groupsOfUser(userRef: string) {
    const rows = await this.db('pm_group_members')
      .where({ user_ref: userRef })
      .orderBy('group_ref')
      .select('group_ref');
    return rows.map(r => r.group_ref as string);
  }

  async groupsOfUsers(userRefs: string[]) {
    const groups = new Map<string, string[]>(userRefs.map(u => [u, []]));
    for (const part of chunks(userRefs)) {
      const rows = await this.db('pm_group_members')
        .whereIn('user_ref', part)
        .orderBy(['user_ref', 'group_ref'])
        .select('user_ref', 'group_ref');
      for (const r of rows) groups.get(r.user_ref)!.push(r.group_ref);
    }
    return groups;
  }

  async upsertAdoptionSnapshots(snapshots: AdoptionSnapshot[]) {
    await this.db.transaction(tx =>
      bulkUpsert(
        tx,
        'pm_adoption_snapshots',
        snapshots.map(s => ({
          day: s.day,
          scope_type: s.scopeType,
          scope_ref: s.scopeRef,
          adopted: s.adopted,
          eligible: s.eligible,
          exceptions: s.exceptions,
        })),
        ['scope_type', 'scope_ref', 'day'],
        {
          day: 'text',
          scope_type: 'text',
          scope_ref: 'text',
          adopted: 'integer',
          eligible: 'integer',
          exceptions: 'integer',
        },
      ),
    );
  }

  async listAdoptionSnapshots(query: {
    scopeType: AdoptionSnapshot['scopeType'];
    scopeRef?: string;
    fromDay: string;
    toDay: string;
  }) {
    const q = this.db('pm_adoption_snapshots').where({ scope_type: query.scopeType });
    if (query.scopeRef !== undefined) q.andWhere({ scope_ref: query.scopeRef });
    const rows = await q
      .andWhere('day', '>=', query.fromDay)
      .andWhere('day', '<=', query.toDay)
      .orderBy('day');
    return rows.map(r => ({
      day: r.day,
      scopeType: r.scope_type,
      scopeRef: r.scope_ref,
      adopted: num(r.adopted),
      eligible: num(r.eligible),
      exceptions: num(r.exceptions),
    }));
  }

  async setMetaOnce(key: string, value: string) {
    await this.db('pm_meta').insert({ key, value }).onConflict('key').ignore();
    return (await this.getMeta(key)) as string;
  }

  async setMeta(key: string, value: string) {
    await this.db('pm_meta').insert({ key, value }).onConflict('key').merge();
  }

  async getMeta(key: string) {
    const row = await this.db('pm_meta').where({ key }).first();
    return row?.value as string | undefined;
  }

  async upsertSurveyResponse(row: SurveyResponseRow) {
    await this.db('pm_survey_responses')
      .insert({
        survey_id: row.surveyId,
        user_ref: row.userRef,
        score: row.score,
        comment: row.comment,
        submitted_at: row.submittedAt,
        groups: JSON.stringify(row.groups),
      })
      .onConflict(['survey_id', 'user_ref'])
      .merge();
    await this.surveysChanged();
  }

  /** Precomputed summaries older than this miss survey answers. */
  private async surveysChanged() {
    await this.setMeta('surveys_changed_at', String(Date.now()));
  }

  async importSurveyResponses(
    input: ImportedSurveyResponse[],
    groupsOf: (userRef: string) => string[],
  ): Promise<IngestResult> {
    const byKey = new Map(input.map(r => [`${r.surveyId} ${r.userRef}`, r]));
    const records = [...byKey.values()];
    const result = await this.db.transaction(async tx => {
      const existing = await this.existingKeys(
        tx,
        'pm_survey_responses',
        ['survey_id', 'user_ref'],
        records.map(r => [r.surveyId, r.userRef]),
      );
      await bulkUpsert(
        tx,
        'pm_survey_responses',
        records.map(r => ({
          survey_id: r.surveyId,
          user_ref: r.userRef,
          score: r.score,
          comment: r.comment ?? null,
          submitted_at: ms(r.submittedAt),
          groups: JSON.stringify(groupsOf(r.userRef)),
        })),
        ['survey_id', 'user_ref'],
        {
          survey_id: 'text',
          user_ref: 'text',
          score: 'integer',
          comment: 'text',
          submitted_at: 'bigint',
          groups: 'text',
        },
      );
      return ingestResult(input.length, records.length, existing.size);
    });
    await this.surveysChanged();
    return result;
  }

  private toResponse(r: any): SurveyResponseRow {
    return {
      surveyId: r.survey_id,
      userRef: r.user_ref,
      score: num(r.score),
      comment: r.comment ?? null,
      submittedAt: num(r.submitted_at),
      groups: JSON.parse(r.groups),
    };
  }

  async getSurveyResponse(surveyId: string, userRef: string) {
    const row = await this.db('pm_survey_responses')
      .where({ survey_id: surveyId, user_ref: userRef })
      .first();
    return row ? this.toResponse(row) : undefined;
  }

  /** Restricts to responses whose groups (a JSON array) include `group`. */
  private ofGroup(q: Knex.QueryBuilder, group?: string) {
    if (group) {
      const pattern = `%${JSON.stringify(group).replace(/[\\%_]/g, c => `\\${c}`)}%`;
      q.whereRaw(`"groups" LIKE ? ESCAPE '\\'`, [pattern]);
    }
    return q;
  }

  async listSurveyResponses(query: {
    surveyIds?: string[];
    submittedBefore: number;
    group?: string;
  }): Promise<SurveyResponseRow[]> {
    const q = this.db('pm_survey_responses').where(
      'submitted_at',
      '<',
      query.submittedBefore,
    );
    if (query.surveyIds) q.whereIn('survey_id', query.surveyIds);
    const rows = await this.ofGroup(q, query.group).orderBy(['survey_id', 'submitted_at']);
    return rows.map((r: any) => this.toResponse(r));
  }

  async surveyScoreCounts(query: { submittedBefore: number; maxSurveyId: string; group?: string }) {
    const q = this.db('pm_survey_responses')
      .where('submitted_at', '<', query.submittedBefore)
      .andWhere('survey_id', '<=', query.maxSurveyId)
      .groupBy('survey_id', 'score')
      .orderBy(['survey_id', 'score'])
      .select('survey_id', 'score', this.db.raw('count(*) as n'));
    const rows = await this.ofGroup(q, query.group);
    return rows.map((r: any) => ({ surveyId: r.survey_id, score: num(r.score), n: num(r.n) }));
  }

  async setSnooze(surveyId: string, userRef: string, until: number) {
    await this.db('pm_survey_snoozes')
      .insert({ survey_id: surveyId, user_ref: userRef, snoozed_until: until })
      .onConflict(['survey_id', 'user_ref'])
      .merge();
  }

  async getSnooze(surveyId: string, userRef: string) {
    const row = await this.db('pm_survey_snoozes')
      .where({ survey_id: surveyId, user_ref: userRef })
      .first();
    return row ? num(row.snoozed_until) : undefined;
  }
}

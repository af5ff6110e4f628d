import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { Clock } from '../lib/time';
import {
  AdoptionSnapshot,
  CatalogStore,
  EntityAnnotation,
  EntityRow,
  EntityUpsert,
} from './CatalogStore';
import { DatabaseAdoptionStore } from './DatabaseAdoptionStore';
import { DatabaseDependencyStore } from './DatabaseDependencyStore';
import { DependencyGraph } from './DependencyStore';
import { CHUNK, MetaTable, num, numOrNull, rowsPerInsert } from './knex';

/** Meta keys owned by the catalog store. */
const INSTALLED_AT = 'installed_at';
const SYNCED_AT = 'catalog_synced_at';

const ENTITY_COLUMNS = [
  'kind',
  'type',
  'owner_ref',
  'system_ref',
  'lifecycle',
  'adoption_status',
  'adoption_reason',
  'adoption_rule',
  'source_template',
  'annotated_created_at',
  'last_seen_at',
  'in_catalog',
];

function toEntity(r: any): EntityRow {
  return {
    entityRef: r.entity_ref,
    kind: r.kind,
    type: r.type ?? null,
    ownerRef: r.owner_ref ?? null,
    systemRef: r.system_ref ?? null,
    lifecycle: r.lifecycle ?? null,
    adoptionStatus: r.adoption_status,
    adoptionReason: r.adoption_reason ?? null,
    adoptionRule: r.adoption_rule ?? null,
    sourceTemplate: r.source_template ?? null,
    annotatedCreatedAt: numOrNull(r.annotated_created_at),
    firstSeenAt: num(r.first_seen_at),
  };
}

/** knex implementation of {@link CatalogStore}, for SQLite and PostgreSQL. */
export class DatabaseCatalogStore implements CatalogStore {
  private readonly meta: MetaTable;
  private readonly snapshots: DatabaseAdoptionStore;
  private readonly dependencies: DatabaseDependencyStore;

  constructor(private readonly db: Knex, clock: Clock = Date.now) {
    this.meta = new MetaTable(db);
    this.snapshots = new DatabaseAdoptionStore(db, clock);
    this.dependencies = new DatabaseDependencyStore(db);
  }

  async replaceDependencies(graph: DependencyGraph) {
    await this.dependencies.replaceDependencies(graph);
  }

  async getDependencies() {
    return this.dependencies.getDependencies();
  }

  async membersOfGroups(groupRefs: string[]) {
    return this.dependencies.membersOfGroups(groupRefs);
  }

  async upsertEntities(entities: EntityUpsert[], seenAt: number) {
    const sorted = [...entities].sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
    await this.db.transaction(async tx => {
      for (const part of chunks(sorted, rowsPerInsert(ENTITY_COLUMNS.length + 2))) {
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
              adoption_rule: e.adoptionRule ?? null,
              source_template: e.sourceTemplate ?? null,
              annotated_created_at: e.annotatedCreatedAt,
              first_seen_at: seenAt,
              last_seen_at: seenAt,
              in_catalog: true,
            })),
          )
          .onConflict('entity_ref')
          // first_seen_at is kept from the first insert
          .merge(ENTITY_COLUMNS);
      }
    });
  }

  async markMissingEntities(seenBefore: number) {
    return this.db('pm_entities')
      .where('last_seen_at', '<', seenBefore)
      .andWhere('in_catalog', true)
      .update({ in_catalog: false });
  }

  async getEntity(entityRef: string) {
    const row = await this.db('pm_entities').where({ entity_ref: entityRef, in_catalog: true }).first();
    return row ? toEntity(row) : undefined;
  }

  async listEntities(filter: { ownerRef?: string; kind?: string } = {}) {
    const q = this.db('pm_entities').where('in_catalog', true);
    if (filter.ownerRef) q.andWhere('owner_ref', filter.ownerRef);
    if (filter.kind) q.andWhere('kind', filter.kind);
    const rows = await q.orderBy('entity_ref');
    return rows.map(toEntity);
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
    const rows = await this.db('pm_group_members').where({ user_ref: userRef }).orderBy('group_ref').select('group_ref');
    return rows.map(r => r.group_ref as string);
  }

  async replaceGroups(groups: Array<{ groupRef: string; type: string | null }>) {
    const unique = new Map(groups.map(g => [g.groupRef, g]));
    await this.db.transaction(async tx => {
      await tx('pm_groups').delete();
      for (const part of chunks([...unique.values()], rowsPerInsert(2))) {
        await tx('pm_groups').insert(part.map(g => ({ group_ref: g.groupRef, type: g.type })));
      }
    });
  }

  async replaceSystems(systems: Array<{ systemRef: string; domainRef: string | null }>) {
    const unique = new Map(systems.map(s => [s.systemRef, s]));
    await this.db.transaction(async tx => {
      await tx('pm_systems').delete();
      for (const part of chunks([...unique.values()], rowsPerInsert(2))) {
        await tx('pm_systems').insert(part.map(s => ({ system_ref: s.systemRef, domain_ref: s.domainRef })));
      }
    });
  }

  async systemsOfDomain(domainRef: string) {
    const rows = await this.db('pm_systems').where('domain_ref', domainRef).orderBy('system_ref').select('system_ref');
    return rows.map(r => r.system_ref as string);
  }

  async replaceAnnotations(rows: EntityAnnotation[]) {
    const unique = new Map(rows.map(r => [`${r.annotation}\u0000${r.value}\u0000${r.entityRef}`, r]));
    await this.db.transaction(async tx => {
      await tx('pm_entity_annotations').delete();
      for (const part of chunks([...unique.values()], rowsPerInsert(3))) {
        await tx('pm_entity_annotations').insert(
          part.map(r => ({ entity_ref: r.entityRef, annotation: r.annotation, value: r.value })),
        );
      }
    });
  }

  async entitiesByAnnotation(annotation: string, value: string) {
    const rows = await this.db('pm_entity_annotations as a')
      .join('pm_entities as e', 'e.entity_ref', 'a.entity_ref')
      .where({ 'a.annotation': annotation, 'a.value': value, 'e.in_catalog': true })
      .orderBy('a.entity_ref')
      .select('a.entity_ref');
    return rows.map(r => r.entity_ref as string);
  }

  async listGroupsOfTypes(types: string[]) {
    if (types.length === 0) return [];
    const rows = await this.db('pm_groups').whereIn('type', types).orderBy('group_ref').select('group_ref');
    return rows.map(r => r.group_ref as string);
  }

  async countMembers(groupRefs: string[]) {
    const groups = [...new Set(groupRefs)];
    const byGroup = new Map<string, number>();
    const users = new Set<string>();
    for (const part of chunks(groups, CHUNK)) {
      const counts = await this.db('pm_group_members')
        .whereIn('group_ref', part)
        .groupBy('group_ref')
        .select('group_ref', this.db.raw('count(*) as members'));
      for (const r of counts) byGroup.set(r.group_ref, num(r.members));
      const rows = await this.db('pm_group_members').whereIn('group_ref', part).distinct('user_ref');
      for (const r of rows) users.add(r.user_ref);
    }
    return { distinct: users.size, byGroup };
  }

  async groupsOfUsers(userRefs: string[]) {
    const groups = new Map<string, string[]>(userRefs.map(u => [u, []]));
    for (const part of chunks(userRefs, CHUNK)) {
      const rows = await this.db('pm_group_members')
        .whereIn('user_ref', part)
        .orderBy(['user_ref', 'group_ref'])
        .select('user_ref', 'group_ref');
      for (const r of rows) groups.get(r.user_ref)!.push(r.group_ref);
    }
    return groups;
  }

  async upsertAdoptionSnapshots(snapshots: AdoptionSnapshot[]) {
    await this.snapshots.upsertMeasured(snapshots);
  }

  async importAdoptionSnapshots(snapshots: AdoptionSnapshot[]) {
    return this.snapshots.importSnapshots(snapshots);
  }

  async getAdoptionImportedAt() {
    return this.snapshots.getImportedAt();
  }

  async listAdoptionSnapshots(query: {
    scopeType: AdoptionSnapshot['scopeType'];
    scopeRef?: string;
    fromDay: string;
    toDay: string;
  }) {
    return this.snapshots.list(query);
  }

  async getInstalledAt() {
    const v = await this.meta.get(INSTALLED_AT);
    return v === undefined ? undefined : Number(v);
  }

  async setInstalledAtOnce(at: number) {
    return Number(await this.meta.setOnce(INSTALLED_AT, String(at)));
  }

  async getSyncedAt() {
    const v = await this.meta.get(SYNCED_AT);
    return v === undefined ? undefined : Number(v);
  }

  async setSyncedAt(at: number) {
    await this.meta.set(SYNCED_AT, String(at));
  }
}

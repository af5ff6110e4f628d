import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { DependencyGraph, DependencyStore } from './DependencyStore';
import { CHUNK, rowsPerInsert } from './knex';

/** knex implementation of {@link DependencyStore}, for SQLite and PostgreSQL. */
export class DatabaseDependencyStore implements DependencyStore {
  constructor(private readonly db: Knex) {}

  async replaceDependencies(graph: DependencyGraph) {
    const resources = [...new Map(graph.resources.map(r => [r.entityRef, r])).values()];
    const edges = [...new Map(graph.edges.map(e => [`${e.entityRef}\u0000${e.dependsOnRef}`, e])).values()];
    await this.db.transaction(async tx => {
      await tx('pm_resources').delete();
      await tx('pm_entity_dependencies').delete();
      for (const part of chunks(resources, rowsPerInsert(3))) {
        await tx('pm_resources').insert(part.map(r => ({ entity_ref: r.entityRef, type: r.type, owner_ref: r.ownerRef })));
      }
      for (const part of chunks(edges, rowsPerInsert(2))) {
        await tx('pm_entity_dependencies').insert(part.map(e => ({ entity_ref: e.entityRef, depends_on_ref: e.dependsOnRef })));
      }
    });
  }

  async getDependencies(): Promise<DependencyGraph> {
    const [resources, edges] = await Promise.all([
      this.db('pm_resources').orderBy('entity_ref').select('entity_ref', 'type', 'owner_ref'),
      this.db('pm_entity_dependencies').orderBy(['entity_ref', 'depends_on_ref']).select('entity_ref', 'depends_on_ref'),
    ]);
    return {
      resources: resources.map(r => ({ entityRef: r.entity_ref, type: r.type ?? null, ownerRef: r.owner_ref ?? null })),
      edges: edges.map(e => ({ entityRef: e.entity_ref, dependsOnRef: e.depends_on_ref })),
    };
  }

  async membersOfGroups(groupRefs: string[]) {
    const unique = [...new Set(groupRefs)];
    const members = new Map<string, string[]>(unique.map(g => [g, []]));
    for (const part of chunks(unique, CHUNK)) {
      const rows = await this.db('pm_group_members')
        .whereIn('group_ref', part)
        .orderBy(['group_ref', 'user_ref'])
        .select('group_ref', 'user_ref');
      for (const r of rows) members.get(r.group_ref)!.push(r.user_ref);
    }
    return members;
  }
}

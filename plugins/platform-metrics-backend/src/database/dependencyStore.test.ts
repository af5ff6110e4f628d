import { createTestDatabases, migrateDownThrough } from '../__testUtils__/databases';
import { incidentSchema } from '../schema/validation';
import { migrationsDir, storesForKnex } from './stores';

jest.setTimeout(60_000);

const MIGRATION = '20261218000000_platform_incident_impact.js';
const ALL = { from: 0, to: Date.parse('2100-01-01') };

describe('the platform incident impact storage', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('replaces the resources and dependsOn relations as a whole, each once', async () => {
      const { catalog } = await storesForKnex(await databases.init(databaseId));
      const cluster = { entityRef: 'resource:default/cluster', type: 'kubernetes-cluster', ownerRef: 'group:default/platform' };
      const edge = (entityRef: string, dependsOnRef: string) => ({ entityRef, dependsOnRef });
      await catalog.replaceDependencies({
        resources: [cluster, { entityRef: 'resource:default/bucket', type: null, ownerRef: null }],
        edges: [
          edge('component:default/payments', 'resource:default/cluster'),
          edge('component:default/payments', 'resource:default/cluster'),
          edge('component:default/checkout', 'component:default/payments'),
        ],
      });
      expect(await catalog.getDependencies()).toEqual({
        resources: [{ entityRef: 'resource:default/bucket', type: null, ownerRef: null }, cluster],
        edges: [
          edge('component:default/checkout', 'component:default/payments'),
          edge('component:default/payments', 'resource:default/cluster'),
        ],
      });
      // the next sync's graph replaces the last one's
      await catalog.replaceDependencies({ resources: [cluster], edges: [] });
      expect(await catalog.getDependencies()).toEqual({ resources: [cluster], edges: [] });
    });

    it('reads the members of groups by group, every catalog User’s membership', async () => {
      const { catalog } = await storesForKnex(await databases.init(databaseId));
      await catalog.replaceGroupMembers([
        { userRef: 'user:default/b', groupRef: 'group:default/x' },
        { userRef: 'user:default/a', groupRef: 'group:default/x' },
        { userRef: 'user:default/a', groupRef: 'group:default/y' },
      ]);
      expect(await catalog.membersOfGroups(['group:default/x', 'group:default/y', 'group:default/none', 'group:default/x'])).toEqual(
        new Map([
          ['group:default/x', ['user:default/a', 'user:default/b']],
          ['group:default/y', ['user:default/a']],
          ['group:default/none', []],
        ]),
      );
      expect(await catalog.membersOfGroups([])).toEqual(new Map());
    });

    it('keeps an incident’s affected developers, 0 included, and a re-sent incident replaces them', async () => {
      const { events } = await storesForKnex(await databases.init(databaseId));
      const base = { id: 'i1', entityRef: 'resource:default/cluster', openedAt: '2026-03-02T10:00:00Z' };
      await events.upsertIncidents([
        incidentSchema.parse({ ...base, affectedDevelopers: 40 }),
        incidentSchema.parse({ ...base, id: 'i2', affectedDevelopers: 0 }),
        incidentSchema.parse({ ...base, id: 'i3' }),
      ]);
      const read = async () =>
        new Map((await events.listIncidents(ALL)).map(i => [i.id, i.affectedDevelopers]));
      expect(await read()).toEqual(new Map([['i1', 40], ['i2', 0], ['i3', null]]));
      expect(await events.upsertIncidents([incidentSchema.parse({ ...base, resolvedAt: '2026-03-02T12:00:00Z' })])).toEqual({
        received: 1,
        created: 0,
        updated: 1,
      });
      expect((await read()).get('i1')).toBeNull();
      await events.upsertIncidents([incidentSchema.parse({ ...base, affectedDevelopers: 12 })]);
      expect((await read()).get('i1')).toBe(12);
    });

    it('migrates the column, the tables and the index down and up again, keeping the incidents', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex('pm_incidents').insert({
        source: 'api',
        id: 'i1',
        entity_ref: 'resource:default/cluster',
        opened_at: 1,
        affected_developers: 5,
        received_at: 1,
      });
      await knex('pm_entity_dependencies').insert({ entity_ref: 'component:default/a', depends_on_ref: 'resource:default/cluster' });
      await migrateDownThrough(knex, migrationsDir, MIGRATION);
      expect(await knex.schema.hasColumn('pm_incidents', 'affected_developers')).toBe(false);
      expect(await knex.schema.hasTable('pm_entity_dependencies')).toBe(false);
      expect(await knex.schema.hasTable('pm_resources')).toBe(false);
      expect(await knex('pm_incidents').select('id')).toEqual([{ id: 'i1' }]);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex('pm_incidents').select('id', 'affected_developers')).toEqual([{ id: 'i1', affected_developers: null }]);
      expect(await knex('pm_entity_dependencies')).toEqual([]);
    });
  });
});

import { incidentSchema } from '../schema/validation';
import { createTestDatabases } from '../__testUtils__/databases';
import { paymentsDeployment as dep } from '../__testUtils__/records';
import { migrationsDir, storesForKnex } from './stores';

jest.setTimeout(60_000);

const ALL = { from: 0, to: Date.parse('2100-01-01'), productionEnvironments: ['production'] };

describe('the stores', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('migrates up and down and up again', async () => {
      const knex = await databases.init(databaseId);
      const dir = migrationsDir;
      await knex.migrate.latest({ directory: dir });
      expect(await knex.schema.hasTable('pm_deployments')).toBe(true);
      await knex.migrate.rollback({ directory: dir }, true);
      expect(await knex.schema.hasTable('pm_deployments')).toBe(false);
      expect(await knex.schema.hasTable('pm_survey_responses')).toBe(false);
      expect(await knex.schema.hasTable('pm_entity_days')).toBe(false);
      await knex.migrate.latest({ directory: dir });
      expect(await knex.schema.hasTable('pm_incidents')).toBe(true);
      expect(await knex.schema.hasTable('pm_entity_days')).toBe(true);
    });

    it('upserts on (source, id): same id from another source is another record', async () => {
      const { events } = await storesForKnex(await databases.init(databaseId));
      expect(await events.upsertDeployments([dep({ id: 'd1' }), dep({ id: 'd1', source: 'github' })])).toEqual({
        received: 2,
        created: 2,
        updated: 0,
      });
      // a batch repeating a key keeps the last one
      expect(
        await events.upsertDeployments([dep({ id: 'd1', version: 'a' }), dep({ id: 'd1', version: 'b' })]),
      ).toEqual({ received: 2, created: 0, updated: 2 });
      const rows = await events.listDeployments(ALL);
      expect(rows.map(r => [r.source, r.id, r.version])).toEqual(
        expect.arrayContaining([
          ['api', 'd1', 'b'],
          ['github', 'd1', null],
        ]),
      );
      expect(rows).toHaveLength(2);
    });

    it('replaces the changes of a re-sent deployment', async () => {
      const { events } = await storesForKnex(await databases.init(databaseId));
      const c = (id: string) => ({ id, committedAt: '2026-03-02T09:00:00Z' });
      await events.upsertDeployments([dep({ id: 'd1', changes: [c('a'), c('b')] })]);
      await events.upsertDeployments([dep({ id: 'd1', changes: [c('b'), c('c'), c('c')] })]);
      const changes = await events.listFirstChanges(ALL);
      expect(changes).toHaveLength(2);
      expect((await events.listDeployments(ALL))[0].changeCount).toBe(3);
    });

    it('updates an incident later resolved', async () => {
      const { events } = await storesForKnex(await databases.init(databaseId));
      const open = incidentSchema.parse({ id: 'i1', entityRef: 'payments', openedAt: '2026-03-02T10:00:00Z' });
      expect(await events.upsertIncidents([open])).toEqual({ received: 1, created: 1, updated: 0 });
      expect(
        await events.upsertIncidents([{ ...open, resolvedAt: '2026-03-02T11:00:00.000Z' }]),
      ).toEqual({ received: 1, created: 0, updated: 1 });
      const [row] = await events.listIncidents({ from: 0, to: ALL.to });
      expect(row.resolvedAt).toBe(Date.parse('2026-03-02T11:00:00Z'));
    });

    it('writes full batches of 1000 deployments (with changes), incidents and survey answers', async () => {
      const { events, surveys } = await storesForKnex(await databases.init(databaseId));
      const batch = Array.from({ length: 1000 }, (_, i) =>
        dep({ id: `d${i}`, changes: Array.from({ length: 5 }, (__, j) => ({ id: `c${i}-${j}`, committedAt: '2026-03-01T00:00:00Z' })) }),
      );
      expect(await events.upsertDeployments(batch)).toEqual({ received: 1000, created: 1000, updated: 0 });
      expect(await events.listFirstChanges(ALL)).toHaveLength(5000);
      // the whole batch again: all updates, nothing doubled
      expect(await events.upsertDeployments(batch)).toEqual({ received: 1000, created: 0, updated: 1000 });
      expect(await events.listDeployments(ALL)).toHaveLength(1000);

      const incidents = Array.from({ length: 1000 }, (_, i) =>
        incidentSchema.parse({ id: `i${i}`, entityRef: 'payments', openedAt: '2026-03-02T10:00:00Z' }),
      );
      expect(await events.upsertIncidents(incidents)).toEqual({ received: 1000, created: 1000, updated: 0 });

      const responses = Array.from({ length: 1000 }, (_, i) => ({
        surveyId: '2026-Q1',
        userKey: `k${i}`,
        score: i % 11,
        comment: null,
        submittedAt: Date.parse('2026-03-02T10:00:00.000Z'),
        groups: ['group:default/t'],
        origin: 'external:ci',
      }));
      expect(await surveys.importSurveyResponses(responses)).toEqual({ received: 1000, created: 1000, updated: 0, skipped: 0 });
      // insert-only: the same batch again changes nothing
      expect(await surveys.importSurveyResponses(responses)).toEqual({ received: 1000, created: 0, updated: 0, skipped: 1000 });
    });

    it('reads the groups of many users at once', async () => {
      const { catalog } = await storesForKnex(await databases.init(databaseId));
      await catalog.replaceGroupMembers([
        { userRef: 'user:default/a', groupRef: 'group:default/y' },
        { userRef: 'user:default/a', groupRef: 'group:default/x' },
        { userRef: 'user:default/b', groupRef: 'group:default/x' },
      ]);
      expect(await catalog.groupsOfUsers(['user:default/a', 'user:default/b', 'user:default/c'])).toEqual(
        new Map([
          ['user:default/a', ['group:default/x', 'group:default/y']],
          ['user:default/b', ['group:default/x']],
          ['user:default/c', []],
        ]),
      );
    });

    it('counts the members of groups, each User once over all of them', async () => {
      const { catalog } = await storesForKnex(await databases.init(databaseId));
      expect(await catalog.countMembers([])).toEqual({ distinct: 0, byGroup: new Map() });
      await catalog.replaceGroupMembers([
        { userRef: 'user:default/a', groupRef: 'group:default/x' },
        { userRef: 'user:default/a', groupRef: 'group:default/y' },
        { userRef: 'user:default/b', groupRef: 'group:default/x' },
        { userRef: 'user:default/c', groupRef: 'group:default/z' },
      ]);
      const counts = await catalog.countMembers(['group:default/x', 'group:default/y', 'group:default/y', 'group:default/none']);
      expect(counts).toEqual({ distinct: 2, byGroup: new Map([['group:default/x', 2], ['group:default/y', 1]]) });
    });

    it('keeps the first sighting of an entity and marks vanished ones', async () => {
      const { catalog } = await storesForKnex(await databases.init(databaseId));
      const e = {
        entityRef: 'component:default/a',
        kind: 'component',
        type: 'service',
        ownerRef: 'group:default/t',
        systemRef: null,
        lifecycle: null,
        adoptionStatus: 'adopted' as const,
        adoptionReason: null,
        annotatedCreatedAt: null,
      };
      await catalog.upsertEntities([e, { ...e, entityRef: 'component:default/b' }], 1000);
      await catalog.upsertEntities([{ ...e, adoptionStatus: 'not-adopted' }], 2000);
      expect(await catalog.markMissingEntities(2000)).toBe(1);
      expect(await catalog.getEntity('component:default/a')).toMatchObject({ firstSeenAt: 1000, adoptionStatus: 'not-adopted' });
      expect(await catalog.getEntity('component:default/b')).toBeUndefined();
      expect(String(await catalog.setInstalledAtOnce(1))).toBe('1');
      expect(String(await catalog.setInstalledAtOnce(2))).toBe('1');
    });
  });
});

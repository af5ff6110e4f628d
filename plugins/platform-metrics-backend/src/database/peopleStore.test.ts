import { createTestDatabases, migrateDownThrough } from '../__testUtils__/databases';
import { DeploymentInput } from '../schema/validation';
import { migrationsDir, storesForKnex } from './stores';

jest.setTimeout(60_000);

const jane = { userRef: 'user:default/jane', email: 'jane@example.com', githubLogin: 'janed', annotatedStartAt: null };
const omar = { userRef: 'user:default/omar', email: null, githubLogin: null, annotatedStartAt: 5 };

const deployment = (id: string, finishedAt: string, over: Partial<DeploymentInput> = {}): DeploymentInput => ({
  id,
  source: 'api',
  entityRef: 'component:default/payments',
  environment: 'production',
  status: 'succeeded',
  finishedAt,
  changes: [],
  type: 'standard',
  ...over,
});
const change = (id: string, author?: string) => ({ id, committedAt: '2026-03-01T00:00:00.000Z', ...(author && { author }) });

describe('the people store (metrics.md §5, §6d)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('records the Users of each sync, keeps their first sighting and marks the gone ones', async () => {
      const { people } = await storesForKnex(await databases.init(databaseId));
      expect(await people.getFirstSyncedAt()).toBeUndefined();
      // a sync without Users is no first sync of Users
      await people.syncUsers([], 50);
      expect(await people.getFirstSyncedAt()).toBeUndefined();

      await people.syncUsers([jane, jane], 100);
      await people.syncUsers([{ ...jane, email: 'jane.doe@example.com' }, omar], 200);
      expect(await people.getFirstSyncedAt()).toBe(100);
      expect(await people.listUsers()).toEqual([
        { ...jane, email: 'jane.doe@example.com', firstSeenAt: 100 },
        { ...omar, firstSeenAt: 200 },
      ]);

      // jane leaves the catalog, and comes back: her first sighting stays
      await people.syncUsers([omar], 300);
      expect((await people.listUsers()).map(u => u.userRef)).toEqual(['user:default/omar']);
      expect(await people.userByGithubLogin('janed')).toBeUndefined();
      await people.syncUsers([jane, omar], 400);
      expect((await people.listUsers())[0]).toEqual({ ...jane, firstSeenAt: 100 });
      expect(await people.getFirstSyncedAt()).toBe(100);
    });

    it('finds a User by GitHub login only when one User has it', async () => {
      const { people } = await storesForKnex(await databases.init(databaseId));
      await people.syncUsers([jane, { ...omar, githubLogin: 'shared' }, { ...jane, userRef: 'user:default/jim', githubLogin: 'shared' }], 1);
      expect(await people.userByGithubLogin('janed')).toBe('user:default/jane');
      expect(await people.userByGithubLogin('shared')).toBeUndefined();
      expect(await people.userByGithubLogin('nobody')).toBeUndefined();
    });

    it('lists the finish times of the successful production deployments of each author’s changes before `to`', async () => {
      const { people, events } = await storesForKnex(await databases.init(databaseId), { clock: () => 1 });
      await events.upsertDeployments([
        deployment('d1', '2026-03-02T10:00:00.000Z', { changes: [change('c1', 'jane@example.com'), change('c2', 'user:default/omar')] }),
        // two changes of jane in one deployment: one time
        deployment('d2', '2026-03-03T10:00:00.000Z', { changes: [change('c3', 'jane@example.com'), change('c4', 'jane@example.com')] }),
        // not production, failed, at `to`, no author: none of them
        deployment('d3', '2026-03-02T11:00:00.000Z', { environment: 'staging', changes: [change('c5', 'user:default/omar')] }),
        deployment('d4', '2026-03-02T12:00:00.000Z', { status: 'failed', changes: [change('c6', 'user:default/omar')] }),
        deployment('d5', '2026-03-10T00:00:00.000Z', { changes: [change('c7', 'user:default/omar')] }),
        deployment('d6', '2026-03-04T00:00:00.000Z', { changes: [change('c8')] }),
        // the same deployment id from another source is another deployment
        deployment('d1', '2026-03-05T00:00:00.000Z', { source: 'github', changes: [change('c9', 'user:default/omar')] }),
      ]);
      const found = await people.authoredDeployments({
        authors: ['jane@example.com', 'user:default/omar', 'user:default/nobody', 'jane@example.com'],
        to: Date.parse('2026-03-10T00:00:00Z'),
        productionEnvironments: ['production', 'prod'],
      });
      expect(Object.fromEntries(found)).toEqual({
        'jane@example.com': [Date.parse('2026-03-02T10:00:00Z'), Date.parse('2026-03-03T10:00:00Z')],
        'user:default/omar': [Date.parse('2026-03-02T10:00:00Z'), Date.parse('2026-03-05T00:00:00Z')],
      });
      // a re-sent deployment replaces its changes, and their authors
      await events.upsertDeployments([deployment('d1', '2026-03-02T10:00:00.000Z', { changes: [change('c1')] })]);
      const again = await people.authoredDeployments({ authors: ['jane@example.com'], to: Date.parse('2026-03-10T00:00:00Z'), productionEnvironments: ['production'] });
      expect(again.get('jane@example.com')).toEqual([Date.parse('2026-03-03T10:00:00Z')]);
      expect((await people.authoredDeployments({ authors: [], to: 0, productionEnvironments: [] })).size).toBe(0);
    });

    it('stores deployedBy with the deployment', async () => {
      const { events } = await storesForKnex(await databases.init(databaseId), { clock: () => 1 });
      await events.upsertDeployments([deployment('d1', '2026-03-02T10:00:00.000Z', { deployedBy: 'user:default/jane' }), deployment('d2', '2026-03-02T11:00:00.000Z')]);
      const recent = await events.listRecentDeployments('component:default/payments', Date.parse('2026-04-01T00:00:00Z'), 5);
      expect(recent.map(d => [d.id, d.deployedBy])).toEqual([
        ['d2', null],
        ['d1', 'user:default/jane'],
      ]);
    });

    it('migrates up and down: the people columns and pm_users come and go', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex('pm_deployments').insert({ source: 'api', id: 'd1', entity_ref: 'a', environment: 'production', status: 'succeeded', finished_at: 1, type: 'standard', received_at: 1, deployed_by: 'jane@example.com' });
      await knex('pm_deployment_changes').insert({ source: 'api', deployment_id: 'd1', change_id: 'c1', entity_ref: 'a', committed_at: 1, author: 'user:default/jane' });
      await knex('pm_users').insert({ user_ref: 'user:default/jane', first_seen_at: 1, last_seen_at: 1 });
      await knex('pm_meta').insert({ key: 'users_first_synced_at', value: '1' });

      await migrateDownThrough(knex, migrationsDir, '20261218000100_people.js');
      expect(await knex.schema.hasTable('pm_users')).toBe(false);
      expect(await knex.schema.hasColumn('pm_deployments', 'deployed_by')).toBe(false);
      expect(await knex.schema.hasColumn('pm_deployment_changes', 'author')).toBe(false);
      expect(await knex('pm_deployment_changes').select('change_id')).toEqual([{ change_id: 'c1' }]);
      expect(await knex('pm_meta').where('key', 'users_first_synced_at')).toEqual([]);

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex('pm_deployments').select('id', 'deployed_by')).toEqual([{ id: 'd1', deployed_by: null }]);
      expect(await knex('pm_users')).toEqual([]);
    });
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '../__testUtils__/databases';
import { readSettings } from '../config';
import { storesForKnex } from '../database/stores';
import { CatalogSync } from './CatalogSync';

jest.setTimeout(60_000);

const user = (name: string, annotations: Record<string, string> = {}, email?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default', annotations },
  spec: { profile: { displayName: name, ...(email && { email }) }, memberOf: ['team-a'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/team-a' }],
});

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
};

const DAY1 = Date.parse('2026-11-22T08:00:00Z');
const DAY2 = Date.parse('2026-11-23T08:00:00Z');

describe('CatalogSync records the Users (metrics.md §5, §6d)', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('with their email, GitHub login, start date and first sighting on %p', async databaseId => {
    const stores = await storesForKnex(await databases.init(databaseId));
    const syncAt = (now: number, entities: Entity[]) =>
      new CatalogSync({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        store: stores.catalog,
        people: stores.people,
        logger: mockServices.logger.mock(),
        settings: readSettings(new ConfigReader({ platformMetrics: { catalogSync: { pageSize: 2 } } })),
        clock: () => now,
      }).run();

    const alice = user('Alice', { 'github.com/user-login': 'Alice-GH' }, 'Alice@Example.com');
    await syncAt(DAY1, [component, alice, user('bob', { 'platform-metrics.io/start-date': 'soon' })]);
    await syncAt(DAY2, [component, alice, user('carol', { 'platform-metrics.io/start-date': '2026-11-20' }, 'carol')]);

    expect(await stores.people.listUsers()).toEqual([
      { userRef: 'user:default/alice', email: 'alice@example.com', githubLogin: 'alice-gh', annotatedStartAt: null, firstSeenAt: DAY1 },
      // first seen at the second sync; an email that is not an address is none
      { userRef: 'user:default/carol', email: null, githubLogin: null, annotatedStartAt: Date.parse('2026-11-20T00:00:00Z'), firstSeenAt: DAY2 },
    ]);
    // bob is gone from the catalog; the first sync of Users is remembered
    expect(await stores.people.getFirstSyncedAt()).toBe(DAY1);
    expect(await stores.people.userByGithubLogin('alice-gh')).toBe('user:default/alice');
  });
});

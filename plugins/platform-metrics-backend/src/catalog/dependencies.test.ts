import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '../__testUtils__/databases';
import { readSettings } from '../config';
import { storesForKnex } from '../database/stores';
import { CatalogSync } from './CatalogSync';
import { dependsOnOf, resourceOf } from './dependencies';

jest.setTimeout(60_000);

const relation = (type: string, targetRef: string) => ({ type, targetRef });
const entity = (kind: string, name: string, spec: object, relations: Array<{ type: string; targetRef: string }> = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
  relations,
});

const ENTITIES: Entity[] = [
  entity('Resource', 'Prod-Cluster', { type: 'Kubernetes-Cluster', owner: 'platform' }, [relation('ownedBy', 'group:default/platform')]),
  entity('Resource', 'registry', { type: 'artifact-registry', owner: 'platform' }, [
    relation('ownedBy', 'group:default/platform'),
    relation('dependsOn', 'resource:default/prod-cluster'),
  ]),
  entity('Component', 'ci-runner', { type: 'service', owner: 'platform' }, [
    relation('ownedBy', 'group:default/platform'),
    relation('dependsOn', 'resource:default/registry'),
    relation('dependsOn', 'resource:default/Registry'),
  ]),
  entity('Component', 'payments', { type: 'service', owner: 'team-a' }, [
    relation('ownedBy', 'group:default/team-a'),
    relation('dependsOn', 'component:default/ci-runner'),
    relation('dependsOn', 'resource:default/prod-cluster'),
    // not an entity the impact walks: an API, a System
    relation('dependsOn', 'api:default/payments-api'),
    relation('partOf', 'system:default/shop'),
  ]),
  entity('User', 'alice', {}, [relation('memberOf', 'group:default/team-a')]),
  // a User in a group that is not a reporting group, and in two groups
  entity('User', 'bob', {}, [relation('memberOf', 'group:default/team-a'), relation('memberOf', 'group:default/guild')]),
  entity('User', 'pat', {}, [relation('memberOf', 'group:default/platform')]),
  entity('Group', 'team-a', { type: 'team', children: [] }),
  entity('Group', 'platform', { type: 'team', children: [] }),
  entity('Group', 'guild', { type: 'guild', children: [] }),
];

describe('the catalog sync and the dependency graph', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('records resources with their owner, dependsOn relations and every membership on %p', async databaseId => {
    const { catalog: store } = await storesForKnex(await databases.init(databaseId));
    const sync = new CatalogSync({
      catalog: catalogServiceMock({ entities: ENTITIES }),
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      settings: readSettings(new ConfigReader({ platformMetrics: { catalogSync: { pageSize: 3 } } })),
      clock: () => Date.parse('2026-11-22T08:00:00Z'),
    });
    await sync.run();
    expect(await store.getDependencies()).toEqual({
      resources: [
        { entityRef: 'resource:default/prod-cluster', type: 'kubernetes-cluster', ownerRef: 'group:default/platform' },
        { entityRef: 'resource:default/registry', type: 'artifact-registry', ownerRef: 'group:default/platform' },
      ],
      edges: [
        { entityRef: 'component:default/ci-runner', dependsOnRef: 'resource:default/registry' },
        { entityRef: 'component:default/payments', dependsOnRef: 'component:default/ci-runner' },
        { entityRef: 'component:default/payments', dependsOnRef: 'resource:default/prod-cluster' },
        { entityRef: 'resource:default/registry', dependsOnRef: 'resource:default/prod-cluster' },
      ],
    });
    // resources are not components: the metrics' entities stay the components
    expect((await store.listEntities()).map(e => e.entityRef)).toEqual(['component:default/ci-runner', 'component:default/payments']);
    expect(await store.membersOfGroups(['group:default/team-a', 'group:default/guild', 'group:default/platform'])).toEqual(
      new Map([
        ['group:default/team-a', ['user:default/alice', 'user:default/bob']],
        ['group:default/guild', ['user:default/bob']],
        ['group:default/platform', ['user:default/pat']],
      ]),
    );

    // a resource gone from the catalog, and its relations, go at the next sync
    const next = new CatalogSync({
      catalog: catalogServiceMock({ entities: ENTITIES.filter(e => e.metadata.name !== 'registry') }),
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      settings: readSettings(new ConfigReader({})),
      clock: () => Date.parse('2026-11-22T09:00:00Z'),
    });
    await next.run();
    const after = await store.getDependencies();
    expect(after.resources.map(r => r.entityRef)).toEqual(['resource:default/prod-cluster']);
    expect(after.edges.map(e => `${e.entityRef} -> ${e.dependsOnRef}`)).toEqual([
      'component:default/ci-runner -> resource:default/registry',
      'component:default/payments -> component:default/ci-runner',
      'component:default/payments -> resource:default/prod-cluster',
    ]);
  });
});

describe('dependsOnOf and resourceOf', () => {
  it('keeps relations to components and resources, each once, never to itself', () => {
    const self = 'component:default/a';
    const e = entity('Component', 'a', {}, [
      relation('dependsOn', 'Component:default/B'),
      relation('dependsOn', 'component:default/b'),
      relation('dependsOn', 'component:default/a'),
      relation('dependsOn', 'not a ref!'),
      relation('dependencyOf', 'component:default/c'),
    ]);
    expect(dependsOnOf(self, e)).toEqual([{ entityRef: self, dependsOnRef: 'component:default/b' }]);
    expect(dependsOnOf(self, entity('Component', 'a', {}, undefined))).toEqual([]);
  });

  it('takes a group owner before a user owner, and none without', () => {
    const r = entity('Resource', 'db', {}, [relation('ownedBy', 'user:default/ann'), relation('ownedBy', 'group:default/Data')]);
    expect(resourceOf('resource:default/db', r)).toEqual({ entityRef: 'resource:default/db', type: null, ownerRef: 'group:default/data' });
    expect(resourceOf('resource:default/db', entity('Resource', 'db', { type: 'database' }))).toEqual({
      entityRef: 'resource:default/db',
      type: 'database',
      ownerRef: null,
    });
  });
});

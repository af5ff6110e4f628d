import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '../__testUtils__/databases';
import { readSettings } from '../config';
import { storesForKnex } from '../database/stores';
import { CatalogSync } from './CatalogSync';

jest.setTimeout(60_000);

function component(name: string, type: string, annotations: Record<string, string> = {}, owner = 'group:default/team-a'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type, lifecycle: 'production', owner, system: 'shop' },
    relations: [
      { type: 'ownedBy', targetRef: owner },
      { type: 'partOf', targetRef: 'system:default/shop' },
    ],
  };
}

const ENTITIES: Entity[] = [
  component('Checkout', 'service', { 'backstage.io/source-template': 'template:default/node' }),
  component('cart', 'service', { 'platform-metrics.io/golden-path-exception': 'Mainframe bridge' }),
  component('web', 'website', { 'platform-metrics.io/created-at': '2026-10-01T00:00:00Z' }),
  component('sdk', 'library', { 'github.com/project-slug': 'Acme/SDK', 'pagerduty.com/service-id': 'PSDK01' }, 'group:default/team-b'),
  component('flagged', 'service', { 'platform-metrics.io/golden-path': 'true' }, 'group:default/team-b'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: {},
    relations: [{ type: 'memberOf', targetRef: 'group:default/team-a' }],
  },
  group('team-a', 'team'),
  group('Team-B', 'Team'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'group:default/team-a', domain: 'commerce' },
    relations: [{ type: 'partOf', targetRef: 'domain:default/Commerce' }],
  },
  group('guild-frontend', 'guild'),
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'untyped' }, spec: {} },
];

function group(name: string, type: string): Entity {
  return { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name, namespace: 'default' }, spec: { type, children: [] } };
}

describe('CatalogSync', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('records entities, adoption, groups with their types, membership and a snapshot on %p', async databaseId => {
    const { catalog: store } = await storesForKnex(await databases.init(databaseId));
    const catalog = catalogServiceMock({ entities: ENTITIES });
    const queryEntities = jest.spyOn(catalog, 'queryEntities');
    const sync = new CatalogSync({
      catalog,
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      settings: readSettings(new ConfigReader({ platformMetrics: { catalogSync: { pageSize: 2 } } })),
      clock: () => Date.parse('2026-11-22T08:00:00Z'),
    });

    // a catalog still empty at start-up does not mark the installation
    const empty = new CatalogSync({
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      settings: readSettings(new ConfigReader({})),
      clock: () => Date.parse('2026-11-22T07:00:00Z'),
    });
    await empty.run();
    expect(await store.getInstalledAt()).toBeUndefined();

    expect(await sync.run()).toEqual({ entities: 5, members: 1, groups: 4 });
    expect(String(await store.getInstalledAt())).toBe(String(Date.parse('2026-11-22T08:00:00Z')));
    // paged: never the whole catalog in one request
    expect(queryEntities.mock.calls.length).toBeGreaterThanOrEqual(5);
    expect(queryEntities.mock.calls.every(([req]) => (req as { limit: number }).limit === 2)).toBe(true);

    const rows = await store.listEntities();
    expect(rows.map(r => [r.entityRef, r.adoptionStatus, r.adoptionReason])).toEqual([
      ['component:default/cart', 'exception', 'Mainframe bridge'],
      ['component:default/checkout', 'adopted', null],
      ['component:default/flagged', 'adopted', null],
      ['component:default/sdk', 'not-eligible', null],
      ['component:default/web', 'not-adopted', null],
    ]);
    expect(rows.find(r => r.entityRef === 'component:default/web')).toMatchObject({
      ownerRef: 'group:default/team-a',
      systemRef: 'system:default/shop',
      annotatedCreatedAt: Date.parse('2026-10-01T00:00:00Z'),
    });
    // the software template each was made from (TTFD per template), normalised
    expect(rows.map(r => r.sourceTemplate)).toEqual([null, 'template:default/node', null, null, null]);
    expect(await store.groupsOfUser('user:default/alice')).toEqual(['group:default/team-a']);
    // only Groups of the reporting types get NPS (metrics.md §8a); types are lower-cased
    expect(await store.listGroupsOfTypes(['team'])).toEqual(['group:default/team-a', 'group:default/team-b']);
    expect(await store.listGroupsOfTypes(['guild', 'team'])).toHaveLength(3);
    const [org] = await store.listAdoptionSnapshots({ scopeType: 'org', scopeRef: 'org', fromDay: '2026-11-22', toDay: '2026-11-22' });
    expect(org).toMatchObject({ adopted: 2, eligible: 4, exceptions: 1 });
    // Systems with their Domain (lower-cased), and the domain's adoption snapshot: its systems' components
    expect(await store.systemsOfDomain('domain:default/commerce')).toEqual(['system:default/shop']);
    const [commerce] = await store.listAdoptionSnapshots({ scopeType: 'domain', scopeRef: 'domain:default/commerce', fromDay: '2026-11-22', toDay: '2026-11-22' });
    expect(commerce).toMatchObject({ adopted: 2, eligible: 4, exceptions: 1 });
    // the annotations webhook deliveries are matched on, lower-cased
    expect(await store.entitiesByAnnotation('github.com/project-slug', 'acme/sdk')).toEqual(['component:default/sdk']);
    expect(await store.entitiesByAnnotation('pagerduty.com/service-id', 'psdk01')).toEqual(['component:default/sdk']);
    // a second run the same day replaces the snapshot rather than adding one
    await sync.run();
    expect(await store.listAdoptionSnapshots({ scopeType: 'group', scopeRef: 'group:default/team-b', fromDay: '2026-01-01', toDay: '2026-12-31' })).toHaveLength(1);
  });
});

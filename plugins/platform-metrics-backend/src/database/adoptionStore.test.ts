import { createTestDatabases } from '../__testUtils__/databases';
import { catalogComponent } from '../__testUtils__/records';
import { AdoptionSnapshot } from './CatalogStore';
import { storesForKnex } from './stores';

jest.setTimeout(60_000);

const TEAM = 'group:default/team-a';
const snap = (
  day: string,
  over: Partial<AdoptionSnapshot> = {},
): AdoptionSnapshot => ({
  day,
  scopeType: 'group',
  scopeRef: TEAM,
  adopted: 1,
  eligible: 4,
  exceptions: 0,
  ...over,
});

describe('the catalog store: templates and adoption snapshots', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      let now = Date.parse('2026-03-01T12:00:00Z');
      const stores = await storesForKnex(await databases.init(databaseId), {
        clock: () => now,
      });
      return {
        catalog: stores.catalog,
        setNow: (iso: string) => (now = Date.parse(iso)),
      };
    }
    const all = {
      scopeType: 'group' as const,
      scopeRef: TEAM,
      fromDay: '2000-01-01',
      toDay: '2100-01-01',
    };

    it('keeps the software template of each entity, and forgets it when the annotation goes', async () => {
      const { catalog } = await setup();
      const a = {
        ...catalogComponent('a', TEAM),
        sourceTemplate: 'template:default/node-service',
      };
      const b = catalogComponent('b', TEAM);
      await catalog.upsertEntities([a, b], 1000);
      expect(
        (await catalog.listEntities()).map(e => [
          e.entityRef,
          e.sourceTemplate,
        ]),
      ).toEqual([
        ['component:default/a', 'template:default/node-service'],
        ['component:default/b', null],
      ]);
      await catalog.upsertEntities(
        [
          { ...a, sourceTemplate: null },
          { ...b, sourceTemplate: 'template:default/web' },
        ],
        2000,
      );
      expect((await catalog.listEntities()).map(e => e.sourceTemplate)).toEqual(
        [null, 'template:default/web'],
      );
    });

    it('imports snapshots idempotently: created once, then updated, never doubled', async () => {
      const { catalog, setNow } = await setup();
      const batch = [
        snap('2026-01-01'),
        snap('2026-01-02'),
        snap('2026-01-01', { scopeType: 'org', scopeRef: 'org' }),
      ];
      expect(await catalog.getAdoptionImportedAt()).toBeUndefined();
      expect(await catalog.importAdoptionSnapshots(batch)).toEqual({
        received: 3,
        created: 3,
        updated: 0,
        skipped: 0,
      });
      expect(await catalog.getAdoptionImportedAt()).toBe(
        Date.parse('2026-03-01T12:00:00Z'),
      );
      // again, with new figures: a re-import counts as updated, and replaces them
      setNow('2026-03-02T12:00:00Z');
      expect(
        await catalog.importAdoptionSnapshots(
          batch.map(s => ({ ...s, adopted: 2 })),
        ),
      ).toEqual({
        received: 3,
        created: 0,
        updated: 3,
        skipped: 0,
      });
      expect(await catalog.getAdoptionImportedAt()).toBe(
        Date.parse('2026-03-02T12:00:00Z'),
      );
      expect(
        (await catalog.listAdoptionSnapshots(all)).map(s => [s.day, s.adopted]),
      ).toEqual([
        ['2026-01-01', 2],
        ['2026-01-02', 2],
      ]);
      // a repeat within a batch: the last one is kept, the first counts as an update
      expect(
        await catalog.importAdoptionSnapshots([
          snap('2026-01-03', { adopted: 1 }),
          snap('2026-01-03', { adopted: 3 }),
        ]),
      ).toEqual({
        received: 2,
        created: 1,
        updated: 1,
        skipped: 0,
      });
      expect(
        (
          await catalog.listAdoptionSnapshots({ ...all, fromDay: '2026-01-03' })
        )[0].adopted,
      ).toBe(3);
    });

    it('never replaces a measured day with an import; a measurement replaces an imported day', async () => {
      const { catalog, setNow } = await setup();
      await catalog.upsertAdoptionSnapshots([
        snap('2026-02-01', { adopted: 3 }),
      ]);
      expect(
        await catalog.importAdoptionSnapshots([
          snap('2026-02-01', { adopted: 0 }),
          snap('2026-01-31'),
        ]),
      ).toEqual({
        received: 2,
        created: 1,
        updated: 0,
        skipped: 1,
      });
      expect(
        (await catalog.listAdoptionSnapshots(all)).map(s => [s.day, s.adopted]),
      ).toEqual([
        ['2026-01-31', 1],
        ['2026-02-01', 3],
      ]);
      // a batch of measured days only writes nothing, and is no change a summary misses
      setNow('2026-03-05T00:00:00Z');
      expect(
        await catalog.importAdoptionSnapshots([snap('2026-02-01')]),
      ).toEqual({ received: 1, created: 0, updated: 0, skipped: 1 });
      expect(await catalog.getAdoptionImportedAt()).toBe(
        Date.parse('2026-03-01T12:00:00Z'),
      );
      // the suite's own measurement of an imported day replaces it, and then keeps it
      await catalog.upsertAdoptionSnapshots([
        snap('2026-01-31', { adopted: 2, eligible: 5 }),
      ]);
      expect(
        await catalog.importAdoptionSnapshots([snap('2026-01-31')]),
      ).toMatchObject({ skipped: 1 });
      expect((await catalog.listAdoptionSnapshots(all))[0]).toEqual(
        snap('2026-01-31', { adopted: 2, eligible: 5 }),
      );
    });

    it('writes a full batch of 1000 snapshots of many scopes in one go', async () => {
      const { catalog } = await setup();
      const batch = Array.from({ length: 1000 }, (_, i) =>
        snap(
          new Date(Date.parse('2024-01-01T00:00:00Z') + (i % 250) * 86_400_000)
            .toISOString()
            .slice(0, 10),
          {
            scopeRef: `group:default/team-${Math.floor(i / 250)}`,
          },
        ),
      );
      await catalog.upsertAdoptionSnapshots(batch.slice(0, 10));
      expect(await catalog.importAdoptionSnapshots(batch)).toEqual({
        received: 1000,
        created: 990,
        updated: 0,
        skipped: 10,
      });
      expect(await catalog.importAdoptionSnapshots(batch)).toEqual({
        received: 1000,
        created: 0,
        updated: 990,
        skipped: 10,
      });
      const listed = await catalog.listAdoptionSnapshots({
        scopeType: 'group',
        fromDay: '2000-01-01',
        toDay: '2100-01-01',
      });
      expect(listed).toHaveLength(1000);
    });
  });
});

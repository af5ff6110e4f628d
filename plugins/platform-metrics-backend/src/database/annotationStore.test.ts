import { createTestDatabases } from '../__testUtils__/databases';
import { storesForKnex } from './stores';

jest.setTimeout(60_000);

const annotation = (over: Record<string, unknown> = {}) => ({
  id: 'a1',
  at: Date.parse('2026-06-10T12:00:00Z'),
  title: 'Golden path v2',
  description: null,
  url: null,
  scope: 'org',
  tags: ['release'],
  createdBy: 'user:default/alice',
  ...over,
});

describe('the annotation store', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('creates once per id, replaces on a second write, and keeps createdAt', async () => {
      const { annotations } = await storesForKnex(await databases.init(databaseId));
      const first = await annotations.upsert(annotation(), 1000);
      expect(first.created).toBe(true);
      expect(first.row).toMatchObject({ id: 'a1', tags: ['release'], createdAt: 1000, updatedAt: 1000 });
      const again = await annotations.upsert(annotation({ title: 'Golden path v2.1', tags: [] }), 2000);
      expect(again.created).toBe(false);
      expect(again.row).toMatchObject({ title: 'Golden path v2.1', tags: [], createdAt: 1000, updatedAt: 2000 });
      expect(await annotations.list({ limit: 10 })).toHaveLength(1);
    });

    it('keeps one row when two writes of one id race', async () => {
      const { annotations } = await storesForKnex(await databases.init(databaseId));
      const results = await Promise.all([annotations.upsert(annotation(), 1), annotations.upsert(annotation(), 2)]);
      expect(results.filter(r => r.created)).toHaveLength(1);
      expect(await annotations.list({ limit: 10 })).toHaveLength(1);
    });

    it('lists by scope and time, ordered by at, and deletes', async () => {
      const { annotations } = await storesForKnex(await databases.init(databaseId));
      const at = (iso: string) => Date.parse(iso);
      await annotations.upsert(annotation({ id: 'late', at: at('2026-07-01T00:00:00Z') }), 1);
      await annotations.upsert(annotation({ id: 'early', at: at('2026-05-01T00:00:00Z') }), 1);
      await annotations.upsert(annotation({ id: 'team', scope: 'group:default/payments', at: at('2026-06-01T00:00:00Z') }), 1);
      const ids = async (q: object) => (await annotations.list({ limit: 10, ...q })).map(a => a.id);
      expect(await ids({})).toEqual(['early', 'team', 'late']);
      expect(await ids({ scopes: ['org'] })).toEqual(['early', 'late']);
      expect(await ids({ from: at('2026-05-02T00:00:00Z'), to: at('2026-07-01T00:00:00Z') })).toEqual(['team']);
      expect(await ids({ limit: 1 })).toEqual(['early']);
      expect(await annotations.delete('team')).toBe(true);
      expect(await annotations.delete('team')).toBe(false);
      expect(await annotations.get('team')).toBeUndefined();
      expect((await annotations.get('late'))?.at).toBe(at('2026-07-01T00:00:00Z'));
    });
  });
});

import { createTestDatabases } from '../__testUtils__/databases';
import { RequestInput } from '../schema/requestValidation';
import { storesForKnex } from './stores';

jest.setTimeout(60_000);

const FROM = Date.parse('2026-03-02T00:00:00Z');
const TO = Date.parse('2026-03-16T00:00:00Z');

const request = (id: string, openedAt: string, closedAt: string | null, over: Partial<RequestInput> = {}): RequestInput => ({
  id,
  source: 'portal',
  kind: 'database',
  entityRef: 'component:default/payments',
  openedAt,
  closedAt,
  fulfilment: 'self-service',
  ...over,
});

const ids = (rows: Array<{ source: string; id: string }>) => rows.map(r => `${r.source}/${r.id}`).sort();

describe('the request store', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('upserts on (source, id): a re-sent request replaces the stored one, another source is another request', async () => {
      const { requests } = await storesForKnex(await databases.init(databaseId), { clock: () => 1 });
      const open = request('r1', '2026-03-03T09:00:00.000Z', null, { fulfilment: 'ticket', requestedBy: 'user:default/alice' });
      expect(await requests.upsertRequests([open, request('r1', '2026-03-03T09:00:00.000Z', null, { source: 'jira' })])).toEqual({
        received: 2,
        created: 2,
        updated: 0,
      });
      // closed later; a repeat within the batch: the last one wins and counts as an update
      const closed = { ...open, closedAt: '2026-03-04T09:00:00.000Z' };
      expect(await requests.upsertRequests([closed, { ...closed, kind: 'access' }])).toEqual({ received: 2, created: 0, updated: 2 });

      const rows = await requests.listRequests({ from: FROM, to: TO });
      expect(rows.find(r => r.source === 'portal')).toEqual({
        source: 'portal',
        id: 'r1',
        kind: 'access',
        entityRef: 'component:default/payments',
        requestedBy: 'user:default/alice',
        openedAt: Date.parse('2026-03-03T09:00:00Z'),
        closedAt: Date.parse('2026-03-04T09:00:00Z'),
        fulfilment: 'ticket',
      });
      expect(rows.find(r => r.source === 'jira')).toMatchObject({ closedAt: null, requestedBy: null });
      expect(rows).toHaveLength(2);
    });

    it('reads the requests closed in [from, to) and those open at to, and no others', async () => {
      const { requests } = await storesForKnex(await databases.init(databaseId));
      await requests.upsertRequests([
        request('closed-at-from', '2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'),
        request('closed-before-from', '2026-03-01T00:00:00.000Z', '2026-03-01T23:59:59.999Z'),
        request('closed-in', '2026-03-10T00:00:00.000Z', '2026-03-15T23:59:59.999Z'),
        // open at to: closed exactly at to, closed after it, or never
        request('closed-at-to', '2026-03-10T00:00:00.000Z', '2026-03-16T00:00:00.000Z'),
        request('closed-after', '2026-01-10T00:00:00.000Z', '2026-04-01T00:00:00.000Z'),
        request('never-closed', '2025-12-01T00:00:00.000Z', null),
        // opened at or after to: not yet a request at to
        request('opened-at-to', '2026-03-16T00:00:00.000Z', null),
        request('opened-after', '2026-03-20T00:00:00.000Z', '2026-03-21T00:00:00.000Z'),
      ]);
      expect(ids(await requests.listRequests({ from: FROM, to: TO }))).toEqual(
        ['closed-after', 'closed-at-from', 'closed-at-to', 'closed-in', 'never-closed'].map(id => `portal/${id}`),
      );
    });

    it('reads the requests of given entities only; without entities, every request, with an entity or none', async () => {
      const { requests } = await storesForKnex(await databases.init(databaseId));
      await requests.upsertRequests([
        request('a', '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z'),
        request('b', '2026-03-03T00:00:00.000Z', null, { entityRef: 'component:default/search' }),
        request('c', '2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z', { entityRef: undefined }),
      ]);
      expect(ids(await requests.listRequests({ from: FROM, to: TO }))).toEqual(['portal/a', 'portal/b', 'portal/c']);
      expect(ids(await requests.listRequests({ from: FROM, to: TO, entityRefs: ['component:default/search'] }))).toEqual(['portal/b']);
      expect(await requests.listRequests({ from: FROM, to: TO, entityRefs: [] })).toEqual([]);
      // many entities: read in chunks under the bound-variable limits
      const many = Array.from({ length: 2500 }, (_, i) => `component:default/e${i}`);
      expect(ids(await requests.listRequests({ from: FROM, to: TO, entityRefs: [...many, 'component:default/payments'] }))).toEqual(['portal/a']);
    });

    it('writes a full batch of 1000 requests', async () => {
      const { requests } = await storesForKnex(await databases.init(databaseId));
      const batch = Array.from({ length: 1000 }, (_, i) =>
        request(`r${i}`, '2026-03-03T00:00:00.000Z', i % 2 ? '2026-03-05T00:00:00.000Z' : null, { fulfilment: i % 3 ? 'ticket' : 'self-service' }),
      );
      expect(await requests.upsertRequests(batch)).toEqual({ received: 1000, created: 1000, updated: 0 });
      expect(await requests.upsertRequests(batch)).toEqual({ received: 1000, created: 0, updated: 1000 });
      const rows = await requests.listRequests({ from: FROM, to: TO });
      expect(rows).toHaveLength(1000);
      expect(rows.filter(r => r.closedAt === null)).toHaveLength(500);
      expect(rows.filter(r => r.fulfilment === 'self-service')).toHaveLength(334);
    });
  });
});

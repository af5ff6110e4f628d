import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MAX_BATCH,
  platformMetricsIngestPermission,
} from '@platform-metrics/plugin-platform-metrics-common';
import express from 'express';
import fc from 'fast-check';
import {
  badBatch,
  batchWithOneBad,
  mutate,
  notAString,
} from '../__testUtils__/badInput';
import { createTestDatabases } from '../__testUtils__/databases';
import { catalogComponent } from '../__testUtils__/records';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';
import { isoDay } from '../lib/time';

jest.setTimeout(120_000);

const service = mockCredentials.service.header();
const user = mockCredentials.user.header();
const TEAM = 'group:default/team-a';
const NOW = '2026-03-31T12:00:00Z';

const snapshot = (day: string, over: Record<string, unknown> = {}) => ({
  scope: 'org',
  day,
  adopted: 1,
  eligible: 4,
  exceptions: 0,
  ...over,
});
const trendOf = (body: {
  adoption: { trend: Array<{ date: string; rate: number | null }> };
}) => body.adoption.trend.map(p => [p.date, p.rate]);

describe('POST /adoption-snapshots', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(permissions = mockServices.permissions()) {
      let now = Date.parse(NOW);
      const services = await createServices(
        await databases.init(databaseId),
        { rollups: { summaryWindows: [30] } },
        () => now,
      );
      // the router's clock is the services' one: "today" is 2026-03-31
      const withClock = { ...services, clock: () => now };
      const app = express()
        .use(await createTestRouter(withClock, permissions))
        .use(mockErrorHandler());
      return {
        services,
        app,
        setNow: (iso: string) => (now = Date.parse(iso)),
      };
    }
    const post = (app: express.Express, body: unknown, auth = service) =>
      request(app)
        .post('/adoption-snapshots')
        .set('Authorization', auth)
        .send(body as object);

    it('imports past days idempotently, keeps the measured ones, and shows them in the scope’s adoption trend', async () => {
      const { services, app } = await setup();
      const { catalog } = services.stores;
      await catalog.upsertEntities(
        [catalogComponent('payments', TEAM)],
        Date.parse('2026-01-01T00:00:00Z'),
      );
      // the suite measured 2026-03-30 itself
      await catalog.upsertAdoptionSnapshots([
        {
          day: '2026-03-30',
          scopeType: 'org',
          scopeRef: 'org',
          adopted: 1,
          eligible: 1,
          exceptions: 0,
        },
      ]);
      const snapshots = [
        snapshot('2026-03-28', { adopted: 0 }),
        snapshot('2026-03-29', { adopted: 2, exceptions: 2 }),
        snapshot('2026-03-30', { adopted: 0 }),
        snapshot('2026-03-29', { scope: 'Group:team-a', adopted: 3 }),
        snapshot('2026-03-29', { scope: 'system:shop' }),
        snapshot('2026-03-29', { scope: 'domain:default/commerce' }),
      ];
      const first = await post(app, { snapshots });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        received: 6,
        created: 5,
        updated: 0,
        skipped: 1,
      });
      // again: updated, nothing doubled, the measured day still skipped
      expect((await post(app, { snapshots })).body).toEqual({
        received: 6,
        created: 0,
        updated: 5,
        skipped: 1,
      });

      const org = await request(app)
        .get('/org/summary?windowDays=7&to=2026-04-01T00:00:00Z')
        .set('Authorization', user);
      expect(org.status).toBe(200);
      expect(trendOf(org.body)).toEqual([
        ['2026-03-28', 0],
        ['2026-03-29', 1],
        ['2026-03-30', 1],
      ]);
      const team = await request(app)
        .get(`/org/summary?windowDays=7&to=2026-04-01T00:00:00Z&group=${TEAM}`)
        .set('Authorization', user);
      expect(trendOf(team.body)).toEqual([['2026-03-29', 0.75]]);
      for (const [scope, ref] of [
        ['system', 'system:default/shop'],
        ['domain', 'domain:default/commerce'],
      ]) {
        const res = await request(app)
          .get(
            `/org/summary?windowDays=7&to=2026-04-01T00:00:00Z&${scope}=${ref}`,
          )
          .set('Authorization', user);
        expect(trendOf(res.body)).toEqual([['2026-03-29', 0.25]]);
      }
    });

    it('is a change the precomputed summaries do not miss', async () => {
      const { services, app, setNow } = await setup();
      await services.stores.catalog.upsertEntities(
        [catalogComponent('payments', TEAM)],
        Date.parse('2026-01-01T00:00:00Z'),
      );
      expect(await services.summaries.refresh(true)).toBe(2);
      const current = async () =>
        (
          await request(app)
            .get('/org/summary?windowDays=30')
            .set('Authorization', user)
        ).body;
      expect((await current()).computedAt).toBe('2026-03-31T12:00:00.000Z');
      setNow('2026-03-31T12:05:00Z');
      await post(app, {
        snapshots: [
          snapshot('2026-03-20'),
          snapshot('2026-03-20', { scope: TEAM }),
        ],
      });
      // computed on the spot until the job stores new ones, which then answer again
      const after = await current();
      expect(after.computedAt).toBe('2026-03-31T12:05:00.000Z');
      expect(trendOf(after)).toEqual([['2026-03-20', 0.25]]);
      setNow('2026-03-31T12:05:30Z');
      expect(await services.summaries.refresh(false)).toBe(2);
      setNow('2026-03-31T12:06:00Z');
      // the stored summary and the computed one agree (but for when they were computed)
      const stored = await current();
      expect(stored.computedAt).toBe('2026-03-31T12:05:30.000Z');
      expect(stored).toEqual({ ...after, computedAt: stored.computedAt });
    });

    it('rejects a bad batch whole, naming the item and the field; takes ingestion credentials only', async () => {
      const { services, app } = await setup();
      const stored = () =>
        services.stores.catalog.listAdoptionSnapshots({
          scopeType: 'org',
          fromDay: '2000-01-01',
          toDay: '2100-01-01',
        });
      const ok = snapshot('2026-03-01');
      const cases: Array<[unknown, string]> = [
        [
          { snapshots: [ok, { ...ok, scope: 'component:default/payments' }] },
          'snapshots[1].scope: expected org or the entity ref of a group, system or domain',
        ],
        [
          { snapshots: [ok, { ...ok, scope: 'team-a' }] },
          'snapshots[1].scope: expected org or the entity ref',
        ],
        [
          { snapshots: [ok, ok, { ...ok, adopted: 4, exceptions: 1 }] },
          'snapshots[2].eligible: must be at least adopted + exceptions (4 + 1)',
        ],
        // today by the router's clock is 2026-03-31
        [
          { snapshots: [{ ...ok, day: '2026-04-01' }] },
          'snapshots[0].day: must be between 2000-01-01 and 2026-03-31 (today, UTC)',
        ],
        [
          { snapshots: [{ ...ok, day: '1999-12-31' }] },
          'snapshots[0].day: must be between 2000-01-01',
        ],
        [
          { snapshots: [{ ...ok, day: '2026-02-29' }] },
          'snapshots[0].day: 2026-02-29 is not a day of the calendar',
        ],
        [
          { snapshots: [{ ...ok, adopted: -1 }] },
          'snapshots[0].adopted: expected a whole number from 0 to 1000000000',
        ],
        [
          { snapshots: [{ ...ok, eligible: 2.5 }] },
          'snapshots[0].eligible: expected a whole number',
        ],
        [{ snapshots: [] }, 'snapshots: at least 1 item'],
      ];
      for (const [body, message] of cases) {
        const res = await post(app, body);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toContain(message);
      }
      expect(await stored()).toEqual([]);

      // a user's token, and a service without the ingest permission: 403; no credentials: 401
      expect((await post(app, { snapshots: [ok] }, user)).status).toBe(403);
      expect(
        (await post(app, { snapshots: [ok] }, mockCredentials.none.header()))
          .status,
      ).toBe(401);
      const denied = await setup(
        mockServices.permissions({ result: AuthorizeResult.DENY }),
      );
      const refused = await post(denied.app, { snapshots: [ok] });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        `Missing permission ${platformMetricsIngestPermission.name}`,
      );
      expect(await stored()).toEqual([]);

      // a full batch is within the ingestion body limit (not the 16 kB one)
      const days = Array.from({ length: MAX_BATCH }, (_, i) =>
        isoDay(Date.parse('2023-01-01T00:00:00Z') + i * 86_400_000),
      );
      const full = await post(app, {
        snapshots: days.map(day =>
          snapshot(day, { scope: 'group:default/a-team-with-a-long-name' }),
        ),
      });
      expect(full.status).toBe(200);
      expect(full.body).toEqual({
        received: 1000,
        created: 1000,
        updated: 0,
        skipped: 0,
      });
    });

    it('answers 400, never 5xx, to generated bad batches, and writes nothing', async () => {
      const { services, app } = await setup();
      const valid = (i: number) =>
        snapshot(isoDay(Date.parse('2026-01-01T00:00:00Z') + i * 86_400_000));
      const count = fc.oneof(
        notAString.filter(v => typeof v !== 'number'),
        fc.constantFrom(-1, 0.5, 1e10),
      );
      const bad = mutate(
        valid(0),
        {
          scope: fc.oneof(
            notAString,
            fc.constantFrom(
              '',
              'ORG',
              'team-a',
              'user:default/a',
              'component:x',
              'group:',
              'group:a b',
            ),
          ),
          day: fc.oneof(
            notAString,
            fc.constantFrom(
              '',
              '2026-1-01',
              '2026-02-30',
              '2999-01-01',
              '1999-12-31',
              '2026-03-01T00:00:00Z',
            ),
          ),
          adopted: count,
          eligible: fc.oneof(count, fc.constant(0)),
          exceptions: count,
        },
        ['scope', 'day', 'adopted', 'eligible', 'exceptions'],
      );
      const cases = fc.oneof(
        { weight: 9, arbitrary: batchWithOneBad('snapshots', valid, bad) },
        { weight: 1, arbitrary: badBatch('snapshots', valid, MAX_BATCH) },
      );
      await fc.assert(
        fc.asyncProperty(cases, async c => {
          const res = await post(app, c.body);
          // the message names the bad item (of a batch bad as a whole, nothing to name)
          const named = c.index === undefined ? '' : `snapshots[${c.index}]`;
          expect({
            what: c.what,
            status: res.status,
            named: String(res.body.error?.message).includes(named),
          }).toEqual({
            what: c.what,
            status: 400,
            named: true,
          });
        }),
        { numRuns: 150 },
      );
      expect(
        await services.stores.catalog.listAdoptionSnapshots({
          scopeType: 'org',
          fromDay: '2000-01-01',
          toDay: '2100-01-01',
        }),
      ).toEqual([]);
    });
  });
});

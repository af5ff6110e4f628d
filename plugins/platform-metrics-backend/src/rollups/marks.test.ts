import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { paymentsDeployment as dep } from '../__testUtils__/records';
import { createServices } from '../__testUtils__/services';
import { incidentSchema } from '../schema/validation';
import { JobSettings } from '../tasks/JobSettings';

jest.setTimeout(60_000);

const PAYMENTS = 'component:default/payments';
const SEARCH = 'component:default/search';
const ALL = { from: 0, to: Date.parse('2100-01-01') };

/**
 * The dirty-mark protocol (docs/metrics.md, "Rollups"), step by step: a
 * recompute reads the mark's version, then the events, and writes only if
 * it wins the compare-and-set of the clean version.
 */
describe('rollup marks', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup(config: object = {}, clock = Date.now) {
      const knex = await databases.init(databaseId);
      const services = await createServices(knex, config, clock);
      const { stores, rollups } = services;
      const deployments = async (ref = PAYMENTS) =>
        (await stores.rollups.listEntityDays({ entityRefs: [ref], ...ALL })).get(ref)?.reduce((n, d) => n + d.deployments, 0) ?? 0;
      /** One recompute's first two steps: the marks, then the events. */
      const read = async () => {
        const marks = await stores.rollups.listDirty({ limit: 10 });
        return { marks, rollups: await rollups.compute(marks.map(m => m.entityRef)) };
      };
      return { knex, services, stores, rollups, deployments, read };
    }

    it('lets a stale recompute lose to a newer one that wrote first', async () => {
      const { stores, rollups, deployments, read } = await setup();
      await stores.events.upsertDeployments([dep({ id: 'd1' })]);
      const stale = await read(); // version 1, sees d1
      await stores.events.upsertDeployments([dep({ id: 'd2' })]);
      const fresh = await read(); // version 2, sees d1 and d2
      expect(stale.marks).toEqual([{ entityRef: PAYMENTS, version: 1 }]);
      expect(fresh.marks).toEqual([{ entityRef: PAYMENTS, version: 2 }]);

      expect(await rollups.write(fresh.rollups, fresh.marks)).toEqual({ written: [PAYMENTS], stale: [], superseded: false });
      expect(await deployments()).toBe(2);
      // the stale one arrives last: it must not overwrite the newer rollup
      expect(await rollups.write(stale.rollups, stale.marks)).toEqual({ written: [], stale: [PAYMENTS], superseded: false });
      expect(await deployments()).toBe(2);
      expect(await stores.rollups.listDirty({ limit: 10 })).toEqual([]);
    });

    it('never clears a mark bumped again after it was cleaned (no ABA)', async () => {
      const { stores, rollups, deployments, read } = await setup();
      await stores.events.upsertDeployments([dep({ id: 'd1' })]);
      const slow = await read(); // version 1
      const quick = await read(); // version 1 too
      expect(await rollups.write(quick.rollups, quick.marks)).toMatchObject({ written: [PAYMENTS] });
      // cleaned; a new event now bumps the mark (a deleted mark would have restarted at 1)
      await stores.events.upsertDeployments([dep({ id: 'd2' })]);
      expect(await stores.rollups.listDirty({ limit: 10 })).toEqual([{ entityRef: PAYMENTS, version: 2 }]);
      // the slow recompute of version 1 must neither write nor clean version 2
      expect(await rollups.write(slow.rollups, slow.marks)).toMatchObject({ written: [], stale: [PAYMENTS] });
      expect(await stores.rollups.listDirty({ limit: 10 })).toEqual([{ entityRef: PAYMENTS, version: 2 }]);
      expect(await deployments()).toBe(1);
      await rollups.refreshDirty();
      expect(await deployments()).toBe(2);
    });

    it('recomputes both entities when a record is re-sent under another one', async () => {
      const { stores, rollups, deployments } = await setup();
      await stores.events.upsertDeployments([dep({ id: 'd1' }), dep({ id: 'd2' })]);
      await stores.events.upsertIncidents([
        incidentSchema.parse({ id: 'i1', entityRef: 'payments', openedAt: '2026-03-02T11:00:00Z', causedBy: 'd1' }),
      ]);
      await rollups.refreshDirty();
      expect(await deployments()).toBe(2);
      // d1 belonged to search all along
      await stores.events.upsertDeployments([dep({ id: 'd1', entityRef: 'search' })]);
      expect((await stores.rollups.listDirty({ limit: 10 })).map(m => m.entityRef)).toEqual([PAYMENTS, SEARCH]);
      await rollups.refreshDirty();
      expect(await deployments(PAYMENTS)).toBe(1);
      expect(await deployments(SEARCH)).toBe(1);
      const days = await stores.rollups.listEntityDays({ entityRefs: [PAYMENTS], ...ALL });
      // the incident (still of payments) names a deployment payments no longer has
      expect(days.get(PAYMENTS)?.[0].failed).toBe(0);
    });

    it('rewrites only the rows that changed, and removes those that are gone', async () => {
      const { knex, stores, rollups } = await setup();
      await stores.events.upsertDeployments([
        dep({ id: 'd1', finishedAt: '2026-03-01T10:00:00Z' }),
        dep({ id: 'd2', finishedAt: '2026-03-02T10:00:00Z' }),
        dep({ id: 'd3', finishedAt: '2026-03-03T10:00:00Z', remediates: 'd2' }),
      ]);
      await rollups.refreshDirty();
      const days = async () =>
        (await stores.rollups.listEntityDays({ entityRefs: [PAYMENTS], ...ALL })).get(PAYMENTS)!.sort((a, b) => a.day - b.day);
      expect((await days()).map(d => [new Date(d.day).toISOString().slice(0, 10), d.deployments, d.failed])).toEqual([
        ['2026-03-01', 1, 0],
        ['2026-03-02', 1, 1],
        ['2026-03-03', 1, 0],
      ]);
      // watch what the next recompute writes to the day rows
      const written: string[] = [];
      const watch = (q: { sql: string; bindings?: unknown[] }) => {
        if (/^insert into [`"]?pm_entity_days/i.test(q.sql)) {
          written.push(JSON.stringify(q.bindings));
        }
      };
      knex.on('query', watch);
      // d2 moves to 03-04 and d3 no longer remediates it
      await stores.events.upsertDeployments([
        dep({ id: 'd2', finishedAt: '2026-03-04T10:00:00Z' }),
        dep({ id: 'd3', finishedAt: '2026-03-03T10:00:00Z' }),
      ]);
      await rollups.refreshDirty();
      knex.removeListener('query', watch);
      expect((await days()).map(d => [new Date(d.day).toISOString().slice(0, 10), d.deployments, d.failed])).toEqual([
        ['2026-03-01', 1, 0],
        ['2026-03-03', 1, 0],
        ['2026-03-04', 1, 0],
      ]);
      const dayNumber = (iso: string) => String(Date.parse(iso) / 86_400_000);
      expect(written).toHaveLength(1);
      // 03-03 changed (no longer rework), 03-04 is new; 03-01 did not change and is not written
      expect(written[0]).toContain(dayNumber('2026-03-04'));
      expect(written[0]).toContain(dayNumber('2026-03-03'));
      expect(written[0]).not.toContain(dayNumber('2026-03-01'));
      expect(await knex('pm_failed_deployments')).toEqual([]);
    });

    it('writes nothing under rollup settings that are no longer in force, and takes over when they are gone', async () => {
      let now = Date.parse('2026-03-31T12:00:00Z');
      const { knex, services, stores, deployments } = await setup({}, () => now);
      const old = services; // started first, under the defaults
      const next = await createServices(knex, { productionEnvironments: ['production', 'live'] }, () => now);
      await stores.events.upsertDeployments([dep({ id: 'd1' })]);

      // the older replica's job does nothing while the newer one confirms its settings
      const logger = mockServices.logger.mock();
      const oldJob = new JobSettings({ ...old, store: stores.rollups, logger, staleAfterMs: 60_000, clock: () => now });
      expect(await oldJob.mayRun()).toBe(false);
      expect(await oldJob.confirm()).toBe(false);
      expect(await old.runRollupJob()).toEqual({ entities: 0, summaries: 0 });
      // and the database refuses its writes even if it tried
      expect(await old.rollups.refreshDirty()).toEqual({ written: 0, stale: 0, superseded: true });
      expect(await deployments()).toBe(0);
      expect(await next.runRollupJob()).toMatchObject({ entities: 1 });
      expect(await deployments()).toBe(1);

      // the newer replicas are gone: after staleAfterMs without confirmation, the older one takes over
      expect(await next.jobSettings.confirm()).toBe(true);
      now += 59_000;
      expect(await oldJob.mayRun()).toBe(false);
      now += 2_000;
      expect(await oldJob.mayRun()).toBe(true);
      expect(await stores.rollups.listDirty({ limit: 10 })).toHaveLength(1);
      expect(await next.rollups.settingsInForce()).toBe(false);
      expect(await old.rollups.refreshDirty()).toMatchObject({ written: 1, superseded: false });
    });

    it('honours an abort between batches', async () => {
      const { stores, services } = await setup({ rollups: { batchSize: 1 } });
      await stores.events.upsertDeployments([dep({ id: 'd1' }), dep({ id: 'd2', entityRef: 'search' })]);
      const controller = new AbortController();
      const write = services.rollups.write.bind(services.rollups);
      jest.spyOn(services.rollups, 'write').mockImplementation(async (r, m) => {
        const result = await write(r, m);
        controller.abort();
        return result;
      });
      await expect(services.runRollupJob(controller.signal)).rejects.toThrow(/abort/i);
      expect(await stores.rollups.listDirty({ limit: 10 })).toEqual([{ entityRef: SEARCH, version: 1 }]);
    });
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '../__testUtils__/databases';
import { paymentsDeployment as dep } from '../__testUtils__/records';
import { components, testScheduler } from '../__testUtils__/replicas';
import { createServices } from '../__testUtils__/services';
import { CatalogSync } from '../catalog/CatalogSync';
import { RollupTrigger } from './RollupTrigger';
import { ROLLUP_TASK_ID, scheduleTasks } from './scheduleTasks';

jest.setTimeout(60_000);

const SYNC_TASK_ID = 'platform-metrics:catalog-sync';

describe('the scheduled tasks', () => {
  const databases = createTestDatabases();

  /** The plugin's tasks on a scheduler the test drives; `cancelTask` aborts a run's signal. */
  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const services = await createServices(await databases.init(databaseId), {
      rollups: { batchSize: 1 },
      catalogSync: { pageSize: 1 },
    });
    const scheduler = testScheduler();
    const catalog = catalogServiceMock({ entities: components(4) });
    const logger = mockServices.logger.mock();
    await scheduleTasks({
      scheduler,
      logger,
      settings: services.settings,
      catalogSync: new CatalogSync({
        catalog,
        auth: mockServices.auth(),
        store: services.stores.catalog,
        logger,
        settings: services.settings,
      }),
      rollups: services.rollups,
      summaries: services.summaries,
      jobSettings: services.jobSettings,
      store: services.stores.rollups,
    });
    return { ...services, scheduler, catalog };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stop the rollup job between batches when cancelled', async () => {
      const { stores, rollups, scheduler } = await setup(databaseId);
      await stores.events.upsertDeployments(['a', 'b', 'c'].map(e => dep({ id: e, entityRef: e })));
      const write = rollups.write.bind(rollups);
      jest.spyOn(rollups, 'write').mockImplementationOnce(async (r, m) => {
        const result = await write(r, m);
        await scheduler.cancelTask(ROLLUP_TASK_ID);
        return result;
      });
      await scheduler.triggerTask(ROLLUP_TASK_ID);
      // one batch (of 1) written, the other two left for the next run
      expect((await stores.rollups.listDirty({ limit: 10 })).map(m => m.entityRef)).toEqual([
        'component:default/b',
        'component:default/c',
      ]);
      expect(await stores.summaries.get('org', 90)).toBeUndefined();
      await scheduler.triggerTask(ROLLUP_TASK_ID);
      expect(await stores.rollups.listDirty({ limit: 10 })).toEqual([]);
      expect(await stores.summaries.get('org', 90)).toBeDefined();
    });

    it('stop the summary refresh before it writes when cancelled', async () => {
      const { stores, summaries, scheduler } = await setup(databaseId);
      await stores.events.upsertDeployments([dep({ id: 'd1' })]);
      const refresh = summaries.refresh.bind(summaries);
      jest.spyOn(summaries, 'refresh').mockImplementationOnce(async (force, signal) => {
        await scheduler.cancelTask(ROLLUP_TASK_ID);
        return refresh(force, signal);
      });
      await scheduler.triggerTask(ROLLUP_TASK_ID);
      expect(await stores.rollups.listDirty({ limit: 10 })).toEqual([]);
      expect(await stores.summaries.get('org', 90)).toBeUndefined();
    });

    it('recompute rollups on every run, the precomputed summaries at most once per job interval', async () => {
      let now = Date.parse('2026-03-31T12:00:00Z');
      const { stores, runRollupJob } = await createServices(await databases.init(databaseId), { rollups: { frequencySeconds: 60 } }, () => now);
      await stores.catalog.upsertEntities(
        [{ entityRef: 'component:default/payments', kind: 'component', type: 'service', ownerRef: null, systemRef: null, lifecycle: null, adoptionStatus: 'adopted', adoptionReason: null, annotatedCreatedAt: null }],
        Date.parse('2026-01-01T00:00:00Z'),
      );
      await stores.events.upsertDeployments([dep({ id: 'd1', finishedAt: '2026-03-30T10:00:00Z' })]);
      expect(await runRollupJob()).toEqual({ entities: 1, summaries: 4 });
      expect(JSON.parse((await stores.summaries.get('org', 30))!.body).dora.deploymentFrequency.count).toBe(1);
      const computedAt = (await stores.summaries.get('org', 30))!.computedAt;
      // a triggered run 10 s later: the rollups follow, the summaries wait for the interval
      now += 10_000;
      await stores.events.upsertDeployments([dep({ id: 'd2', finishedAt: '2026-03-30T11:00:00Z' })]);
      expect(await runRollupJob()).toEqual({ entities: 1, summaries: 0 });
      expect((await stores.summaries.get('org', 30))!.computedAt).toBe(computedAt);
      // the next scheduled run, a job interval on: the summaries catch up with the rollups
      now += 60_000;
      expect(await runRollupJob()).toEqual({ entities: 0, summaries: 4 });
      expect(JSON.parse((await stores.summaries.get('org', 30))!.body).dora.deploymentFrequency.count).toBe(2);
      // nothing new: nothing recomputed
      now += 60_000;
      expect(await runRollupJob()).toEqual({ entities: 0, summaries: 0 });
    });

    it('stop the catalog sync between pages, before it writes, when cancelled', async () => {
      const { stores, scheduler, catalog } = await setup(databaseId);
      const query = catalog.queryEntities.bind(catalog);
      jest.spyOn(catalog, 'queryEntities').mockImplementationOnce(async (req, opts) => {
        await scheduler.cancelTask(SYNC_TASK_ID);
        return query(req, opts);
      });
      await scheduler.triggerTask(SYNC_TASK_ID);
      expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
      expect(await stores.catalog.listEntities()).toEqual([]);
      expect(await stores.catalog.getSyncedAt()).toBeUndefined();
      await scheduler.triggerTask(SYNC_TASK_ID);
      expect(await stores.catalog.listEntities()).toHaveLength(4);
    });
  });
});

describe('RollupTrigger', () => {
  const wait = (ms: number) => new Promise(r => setTimeout(r, ms));

  it('collapses pokes into one trigger, and retries while the job runs', async () => {
    const scheduler = mockServices.scheduler.mock();
    scheduler.triggerTask
      .mockRejectedValueOnce(new ConflictError(`Task ${ROLLUP_TASK_ID} is currently running`))
      .mockResolvedValue(undefined);
    const trigger = new RollupTrigger({
      scheduler,
      logger: mockServices.logger.mock(),
      taskId: ROLLUP_TASK_ID,
      debounceMs: 20,
      retryMs: 20,
    });
    for (let i = 0; i < 10; i++) trigger.poke();
    await wait(10);
    expect(scheduler.triggerTask).not.toHaveBeenCalled();
    await wait(100);
    // refused once (running), accepted on the retry; the ten pokes made one request
    expect(scheduler.triggerTask).toHaveBeenCalledTimes(2);
    expect(scheduler.triggerTask).toHaveBeenCalledWith(ROLLUP_TASK_ID);
    trigger.stop();
    trigger.poke();
    await wait(60);
    expect(scheduler.triggerTask).toHaveBeenCalledTimes(2);
  });
});

import { SchedulerService, ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { platformMetricsPlugin } from '../plugin';

/** Components `c0`..`c{n-1}`, owned alternately by team-a and team-b. */
export function components(n: number): Entity[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `c${i}`, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: `group:default/team-${i % 2 ? 'b' : 'a'}` },
    relations: [{ type: 'ownedBy', targetRef: `group:default/team-${i % 2 ? 'b' : 'a'}` }],
  }));
}

/**
 * The scheduler of `mockServices.scheduler()` as it is at run time (its
 * class is not exported): installable in a test backend, tasks run when
 * triggered (`triggerTask` resolves when the run ends), `waitForTask`
 * resolves at the end of the task's next run.
 */
export type TestScheduler = SchedulerService & {
  factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
  waitForTask(id: string): Promise<void>;
};

export const testScheduler = () => mockServices.scheduler() as TestScheduler;

/**
 * One backend replica with the plugin on the database of `knex` (give each
 * replica its own pool), an in-memory catalog, and a scheduler the test can
 * drive (`triggerTask`). Replicas do not coordinate their tasks through it:
 * two of them may run the rollup job at the same time.
 */
export async function startReplica(knex: Knex, options: { entities?: Entity[]; config?: object } = {}) {
  const scheduler = testScheduler();
  // the owners too: a read scoped to a group needs the caller to see the group in the catalog
  const entities = options.entities ?? [];
  const owners = [...new Set(entities.map(e => String(e.spec?.owner ?? '')).filter(o => o.startsWith('group:')))];
  const groups: Entity[] = owners.map(ref => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: ref.slice(ref.indexOf('/') + 1), namespace: 'default' },
    spec: { type: 'team', children: [] },
  }));
  const backend = await startTestBackend({
    features: [
      platformMetricsPlugin,
      scheduler.factory(),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [...entities, ...groups] }),
      mockServices.rootConfig.factory({ data: { platformMetrics: options.config ?? {} } }),
    ],
  });
  return { server: backend.server, scheduler, stop: () => backend.stop() };
}

import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { anotherPool, createTestDatabases, postgresIds } from '../__testUtils__/databases';
import { startReplica } from '../__testUtils__/replicas';
import { ROLLUP_TASK_ID } from '../tasks/scheduleTasks';

jest.setTimeout(60_000);

const API = '/api/platform-metrics';
const deployment = (id: string, entityRef: string) => ({
  id,
  entityRef,
  environment: 'production',
  status: 'succeeded',
  finishedAt: '2026-03-02T10:00:00Z',
  changes: [{ id: `c-${id}`, committedAt: '2026-03-02T09:00:00Z' }],
});

/**
 * A PostgreSQL connection killed while a request's transaction runs: the
 * answer is 503 with Retry-After, and the batch is all or nothing.
 */
describe('a database connection lost mid-request', () => {
  const databases = createTestDatabases();

  it.each(postgresIds(databases))('answers 503 with Retry-After and writes nothing of the batch, on %p', async id => {
    const knex = await databases.init(id);
    const other = anotherPool(knex);
    const blocker = await other.transaction();
    try {
      const replica = await startReplica(knex);
      const post = (deployments: object[]) =>
        request(replica.server)
          .post(`${API}/deployments`)
          .set('Authorization', mockCredentials.service.header())
          .send({ deployments });
      expect((await post([deployment('d0', 'payments')])).status).toBe(200);
      await replica.scheduler.waitForTask(ROLLUP_TASK_ID);

      // Hold payments' mark: the next batch writes its deployments and changes,
      // then waits for the mark, inside its transaction.
      await blocker('pm_rollup_marks').where({ entity_ref: 'component:default/payments' }).forUpdate().select();
      const batch = [deployment('d1', 'aardvark'), deployment('d2', 'payments'), deployment('d3', 'zebra')];
      const answer = post(batch).then(res => res);
      let pid: number | undefined;
      for (let i = 0; i < 200 && pid === undefined; i++) {
        await new Promise(r => setTimeout(r, 25));
        const waiting = await other.raw(
          `SELECT pid FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%pm_rollup_marks%'`,
        );
        pid = waiting.rows[0]?.pid;
      }
      expect(pid).toBeDefined();
      const killed = await other.raw('SELECT pg_terminate_backend(?) AS ok', [pid!]);
      expect(killed.rows[0].ok).toBe(true);

      const res = await answer;
      expect(res.status).toBe(503);
      expect(res.body.error.name).toBe('ServiceUnavailableError');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await blocker.rollback();

      // all or nothing: none of the batch, not its changes, not its marks
      expect((await knex('pm_deployments').select('id').orderBy('id')).map(r => r.id)).toEqual(['d0']);
      expect(await knex('pm_deployment_changes').whereIn('deployment_id', ['d1', 'd2', 'd3'])).toEqual([]);
      expect((await knex('pm_rollup_marks').select('entity_ref')).map(r => r.entity_ref)).toEqual([
        'component:default/payments',
      ]);
      // the pool recovers: the retry the answer asks for succeeds
      const retry = await post(batch);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ received: 3, created: 3, updated: 0 });
      await replica.stop();
    } finally {
      if (!blocker.isCompleted()) await blocker.rollback();
      await other.destroy();
    }
  });
});

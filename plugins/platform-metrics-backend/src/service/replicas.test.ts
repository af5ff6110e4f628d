import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { anotherPool, createTestDatabases, postgresIds } from '../__testUtils__/databases';
import { components, startReplica } from '../__testUtils__/replicas';
import { Random } from '../__testUtils__/random';
import { ROLLUP_TASK_ID } from '../tasks/scheduleTasks';

jest.setTimeout(120_000);

const API = '/api/platform-metrics';
const ENTITIES = components(6);
const REFS = ENTITIES.map(e => `component:default/${e.metadata.name}`);
const WRITERS = 8;
const BATCHES_PER_WRITER = 40;
const READERS = 8;
const HOUR = 3_600_000;

/**
 * Two replicas of the plugin on one PostgreSQL database, each with its own
 * connection pool: concurrent writers post small batches to both while
 * readers read scorecards and summaries from both, and each replica's
 * ingestion triggers its own rollup job (so recomputes overlap ingestion and
 * each other). No answer may be a 5xx, and once the job has run every
 * deployment is counted exactly once.
 */
describe('two replicas on one database', () => {
  const databases = createTestDatabases();

  it.each(postgresIds(databases))('ingest and read concurrently without a 5xx, counting every deployment once, on %p', async id => {
    const knexA = await databases.init(id);
    const knexB = anotherPool(knexA);
    try {
      const a = await startReplica(knexA, { entities: ENTITIES });
      const b = await startReplica(knexB, { entities: ENTITIES });
      await a.scheduler.triggerTask('platform-metrics:catalog-sync');
      const servers = [a.server, b.server];

      const now = Date.now();
      const expected = new Map<string, number>(REFS.map(r => [r, 0]));
      const statuses: number[] = [];
      const failures: string[] = [];
      const record = (res: request.Response, what: string) => {
        statuses.push(res.status);
        if (res.status !== 200) failures.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      };

      let writing = true;
      let resent = 0;
      const writer = async (w: number) => {
        const rng = new Random(`writer-${w}`);
        let previous: object[] | undefined;
        for (let i = 0; i < BATCHES_PER_WRITER; i++) {
          // now and then a batch is re-sent as is (a retrying pipeline): it must not count twice
          const resend = previous && rng.next() < 0.1;
          const batch = resend
            ? previous!
            : Array.from({ length: 3 }, (_, j) => {
                const entityRef = rng.pick(REFS);
                expected.set(entityRef, expected.get(entityRef)! + 1);
                const finishedAt = now - rng.int(1, 20 * 24) * HOUR;
                return {
                  id: `w${w}-${i}-${j}`,
                  entityRef,
                  environment: 'production',
                  status: 'succeeded',
                  finishedAt: new Date(finishedAt).toISOString(),
                  changes: [{ id: `c${w}-${i}-${j}`, committedAt: new Date(finishedAt - HOUR).toISOString() }],
                };
              });
          previous = batch;
          if (resend) resent++;
          const res = await request(servers[(w + i) % 2])
            .post(`${API}/deployments`)
            .set('Authorization', mockCredentials.service.header())
            .send({ deployments: batch });
          record(res, `POST /deployments (writer ${w}, batch ${i})`);
        }
      };
      const reader = async (r: number) => {
        const rng = new Random(`reader-${r}`);
        for (let i = 0; writing; i++) {
          const name = rng.pick(ENTITIES).metadata.name;
          const path = rng.pick([
            `/entities/component/default/${name}/scorecard`,
            '/org/summary',
            '/org/summary?group=group:default/team-a',
            `/org/summary?to=${new Date(now + 24 * HOUR).toISOString()}`,
          ]);
          const res = await request(servers[(r + i) % 2])
            .get(`${API}${path}`)
            .set('Authorization', mockCredentials.user.header());
          record(res, `GET ${path}`);
        }
      };
      const readers = Array.from({ length: READERS }, (_, r) => reader(r));
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      writing = false;
      await Promise.all(readers);

      expect(failures).toEqual([]);
      expect(statuses.filter(s => s >= 500)).toEqual([]);
      expect(statuses.length).toBeGreaterThan(WRITERS * BATCHES_PER_WRITER);

      // the triggered jobs settle; one more run finds every mark clean
      const dirty = async () =>
        Number((await knexA('pm_rollup_marks').whereRaw('dirty_version > clean_version').count({ n: '*' }))[0].n);
      const deadline = Date.now() + 30_000;
      do {
        await a.scheduler.triggerTask(ROLLUP_TASK_ID);
      } while ((await dirty()) > 0 && Date.now() < deadline);
      expect(await dirty()).toBe(0);

      const sent = [...expected.values()].reduce((x, y) => x + y, 0);
      expect(sent).toBe((WRITERS * BATCHES_PER_WRITER - resent) * 3);
      for (const [ref, count] of expected) {
        const name = ref.split('/')[1];
        const card = await request(servers[count % 2])
          .get(`${API}/entities/component/default/${name}/scorecard`)
          .set('Authorization', mockCredentials.user.header());
        expect([ref, card.body.dora.deploymentFrequency.count]).toEqual([ref, count]);
      }
      const org = await request(b.server)
        .get(`${API}/org/summary?to=${new Date(now + 24 * HOUR).toISOString()}`)
        .set('Authorization', mockCredentials.user.header());
      expect(org.body.dora.deploymentFrequency.count).toBe(sent);
      expect(Number((await knexA('pm_deployments').count({ n: '*' }))[0].n)).toBe(sent);
      await a.stop();
      await b.stop();
    } finally {
      await knexB.destroy();
    }
  });
});

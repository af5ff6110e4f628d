import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createTestDatabases,
  run,
  startBackend,
  startProxy,
  TestBackend,
} from '../__testUtils__/backend';

jest.setTimeout(180_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-import-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

const deployment = (id: string, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    source: 'history',
    entityRef: 'payments-api',
    environment: 'production',
    status: 'succeeded',
    finishedAt: '2025-06-01T12:00:00Z',
    changes: [{ id: `${id}-c1`, committedAt: '2025-06-01T09:00:00Z' }],
    ...over,
  });

/** NDJSON deployments: lines 4, 5 and 7 are bad (a bad timestamp, not JSON, finished before started). */
const NDJSON = [
  deployment('h1'),
  deployment('h2', { type: 'hotfix', remediates: 'h1' }),
  '',
  deployment('h3', { finishedAt: 'yesterday' }),
  '{ "id": "h4", oops',
  deployment('h5'),
  deployment('h6', { startedAt: '2025-06-01T13:00:00Z' }),
].join('\n');

describe('platform-metrics import', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await startBackend(databases, databaseId);
    });
    afterAll(() => backend.stop());

    const ids = async (table: string) =>
      (await backend.rows(table)).map(r => r.id ?? r.user_ref).sort();

    it('NDJSON with bad lines: the good ones are written, the bad ones named by line; a second import creates nothing', async () => {
      const f = file('history.ndjson', NDJSON);
      const first = await run(['import', f], { url: backend.url });
      expect(first.code).toBe(3);
      expect(first.stdout).toMatch(
        /deployments from .*history\.ndjson \(ndjson\): 6 records, 3 sent/,
      );
      expect(first.stdout).toMatch(/created +3\n/);
      expect(first.stdout).toMatch(/rejected +3\n/);
      expect(first.stdout).toMatch(
        /line 4: finishedAt: expected an ISO-8601 timestamp/,
      );
      expect(first.stdout).toMatch(/line 5: not JSON/);
      expect(first.stdout).toMatch(
        /line 7: finishedAt: finishedAt is before startedAt/,
      );
      expect(await ids('pm_deployments')).toEqual(['h1', 'h2', 'h5']);

      const second = await run(['import', f, '--json'], { url: backend.url });
      expect(second.code).toBe(3);
      const summary = JSON.parse(second.stdout);
      expect(summary).toMatchObject({
        kind: 'deployments',
        records: 6,
        sent: 3,
        created: 0,
        updated: 3,
        skipped: 0,
      });
      expect(summary.rejected.map((r: { line: number }) => r.line)).toEqual([
        4, 5, 7,
      ]);
      expect(await ids('pm_deployments')).toEqual(['h1', 'h2', 'h5']);
      expect((await backend.rows('pm_deployment_changes')).length).toBe(3);
    });

    it('CSV with a bad line: --strict writes nothing, without it the rest is written', async () => {
      const csv = file(
        'incidents.csv',
        [
          'id,source,entity_ref,opened_at,resolved_at,severity,caused_by',
          'INC-1,pagerduty,payments-api,2025-06-02T10:00:00Z,2025-06-02T11:00:00Z,SEV2,h1',
          // a quoted field over two lines: the next record starts on line 5
          'INC-2,pagerduty,payments-api,2025-06-03T10:00:00Z,,"SEV',
          '3",',
          'INC-3,pagerduty,payments-api,2025-06-04T10:00:00Z,2025-06-04T09:00:00Z,,',
          'INC-4,pagerduty,payments-api,2025-06-05T10:00:00Z,,,',
        ].join('\r\n'),
      );
      const strict = await run(['import', csv, '--strict'], {
        url: backend.url,
      });
      expect(strict.code).toBe(1);
      expect(strict.stdout).toMatch(
        /line 5: resolvedAt: resolvedAt is before openedAt/,
      );
      expect(strict.stdout).toMatch(/nothing written \(--strict\)/);
      expect(await ids('pm_incidents')).toEqual([]);

      const lenient = await run(['import', csv], { url: backend.url });
      expect(lenient.code).toBe(3);
      expect(lenient.stdout).toMatch(/incidents from .*: 4 records, 3 sent/);
      expect(lenient.stdout).toMatch(/line 5: resolvedAt/);
      expect(await ids('pm_incidents')).toEqual(['INC-1', 'INC-2', 'INC-4']);
      const inc2 = (await backend.rows('pm_incidents')).find(
        r => r.id === 'INC-2',
      );
      expect(inc2).toMatchObject({
        severity: 'SEV\r\n3',
        resolved_at: null,
        caused_by: null,
      });

      const again = await run(['import', csv, '--json'], { url: backend.url });
      expect(JSON.parse(again.stdout)).toMatchObject({
        created: 0,
        updated: 3,
      });
    });

    it('CSV deployments with changes as sha@time;sha@time', async () => {
      const csv = file(
        'baseline.csv',
        [
          'id,source,entityRef,environment,status,finishedAt,type,changes',
          'b1,baseline,checkout,production,succeeded,2024-01-10T12:00:00Z,,aaa1@2024-01-09T10:00:00Z;aaa2@2024-01-10T08:00:00+01:00',
          'b2,baseline,checkout,production,failed,2024-01-11T12:00:00Z,rollback,',
        ].join('\n'),
      );
      const result = await run(['import', csv, '--kind', 'deployments'], {
        url: backend.url,
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/created +2\n/);
      const changes = (await backend.rows('pm_deployment_changes'))
        .filter(r => r.deployment_id === 'b1')
        .map(r => [r.change_id, Number(r.committed_at)])
        .sort();
      expect(changes).toEqual([
        ['aaa1', Date.parse('2024-01-09T10:00:00Z')],
        ['aaa2', Date.parse('2024-01-10T07:00:00Z')],
      ]);
      expect(
        (await backend.rows('pm_deployments')).find(r => r.id === 'b2'),
      ).toMatchObject({
        type: 'rollback',
        status: 'failed',
      });
    });

    it('CSV adoption snapshots: the bad lines named, the rest written; a second import updates them', async () => {
      const csv = file(
        'adoption-history.csv',
        [
          'scope,day,adopted,eligible,exceptions',
          'org,2025-01-06,3,20,1',
          'group:default/payments-team,2025-01-06,2,5,0',
          // more adopted and exceptions than eligible
          'org,2025-01-13,19,20,2',
          'system:default/payments,2025-02-30,1,2,0',
          'component:default/payments-api,2025-01-13,1,1,0',
          'Domain:Commerce,2025-01-13,4,9,1',
        ].join('\n'),
      );
      const first = await run(['import', csv, '--json'], { url: backend.url });
      expect(first.code).toBe(3);
      const summary = JSON.parse(first.stdout);
      expect(summary).toMatchObject({
        kind: 'adoption-snapshots',
        records: 6,
        sent: 3,
        created: 3,
        updated: 0,
      });
      expect(summary.rejected).toEqual([
        {
          line: 4,
          message: 'eligible: must be at least adopted + exceptions (19 + 2)',
        },
        { line: 5, message: 'day: 2025-02-30 is not a day of the calendar' },
        { line: 6, message: expect.stringMatching(/^scope: /) },
      ]);
      const rows = async () =>
        (await backend.rows('pm_adoption_snapshots'))
          .map(r => [
            r.scope_type,
            r.scope_ref,
            r.day,
            Number(r.adopted),
            r.source,
          ])
          .sort();
      expect(await rows()).toEqual([
        ['domain', 'domain:default/commerce', '2025-01-13', 4, 'import'],
        ['group', 'group:default/payments-team', '2025-01-06', 2, 'import'],
        ['org', 'org', '2025-01-06', 3, 'import'],
      ]);
      const again = await run(['import', csv, '--json'], { url: backend.url });
      expect(JSON.parse(again.stdout)).toMatchObject({
        created: 0,
        updated: 3,
        skipped: 0,
      });
      expect(await rows()).toHaveLength(3);
      // snapshots have no source to fill in
      const usage = await run(['import', csv, '--source', 'x'], {
        url: backend.url,
      });
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/adoption snapshots have no source/);
    });

    it('survey answers: a second import writes nothing new, whether the backend answers skipped or updated', async () => {
      const lines = Array.from({ length: 12 }, (_, i) =>
        JSON.stringify({
          surveyId: '2025-Q3',
          userRef: `user:default/dev-${i}`,
          score: i % 11,
          comment: i === 3 ? 'slow pipelines' : undefined,
          submittedAt: '2025-08-01T10:00:00Z',
        }),
      );
      const f = file('answers.jsonl', lines.join('\n'));
      const first = await run(['import', f, '--json'], { url: backend.url });
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({
        kind: 'survey-responses',
        created: 12,
      });
      const second = JSON.parse(
        (await run(['import', f, '--json'], { url: backend.url })).stdout,
      );
      expect(second.created).toBe(0);
      expect(second.updated + second.skipped).toBe(12);
      expect((await backend.rows('pm_survey_responses')).length).toBe(12);
    });
  });

  describe('batches', () => {
    let backend: TestBackend;
    beforeAll(async () => {
      backend = await startBackend(databases);
    });
    afterAll(() => backend.stop());

    it('sends 1000 records per request (--batch), with a progress bar on a terminal', async () => {
      const lines = Array.from({ length: 2500 }, (_, i) =>
        deployment(`bulk-${i}`, {
          finishedAt: new Date(
            Date.parse('2025-01-01T00:00:00Z') + i * 60_000,
          ).toISOString(),
        }),
      );
      const f = file('bulk-deployments.ndjson', `${lines.join('\n')}\n`);
      const proxy = await startProxy(backend.url);
      try {
        const result = await run(['import', f], { url: proxy.url, tty: true });
        expect(result.code).toBe(0);
        expect(proxy.requests.map(r => r.items)).toEqual([1000, 1000, 500]);
        expect(result.stderr).toMatch(
          /\rimport deployments \[#+-*\] +\d+% 1000 sent/,
        );
        // the last redraw, then a newline (ESC [K clears the rest of the line)
        expect(result.stderr).toMatch(
          new RegExp(String.raw`\[#{30}\] 100% 2500 sent\u001b\[K\n$`),
        );

        proxy.requests.length = 0;
        const small = await run(['import', f, '--batch', '700', '--quiet'], {
          url: proxy.url,
        });
        expect(small.code).toBe(0);
        expect(small.stderr).toBe('');
        expect(small.stdout).toMatch(/created +0\n {2}updated +2500\n/);
        expect(proxy.requests.map(r => r.items)).toEqual([700, 700, 700, 400]);
      } finally {
        await proxy.close();
      }
    });

    it('--no-validate: the backend judges; rejected records are named by line and the rest of their batch is written', async () => {
      const f = file(
        'unchecked.ndjson',
        [
          deployment('u1'),
          deployment('u2', { status: 'done' }),
          deployment('u3'),
          deployment('u4'),
          deployment('u5', {
            finishedAt: '2025-06-01T12:00:00Z',
            startedAt: '2025-06-02T12:00:00Z',
          }),
        ].join('\n'),
      );
      const proxy = await startProxy(backend.url);
      try {
        const result = await run(
          ['import', f, '--no-validate', '--batch', '2', '--json'],
          { url: proxy.url },
        );
        expect(result.code).toBe(3);
        const summary = JSON.parse(result.stdout);
        expect(summary.rejected).toEqual([
          { line: 2, message: expect.stringMatching(/^status: /) },
          {
            line: 5,
            message: expect.stringMatching(
              /^finishedAt: finishedAt is before startedAt/,
            ),
          },
        ]);
        expect(summary).toMatchObject({ records: 5, sent: 3, created: 3 });
        // the rejected batches were sent again without the named record
        expect(proxy.requests.map(r => r.items)).toEqual([2, 1, 2, 1]);
        const stored = (await backend.rows('pm_deployments')).map(r => r.id);
        expect(stored).toEqual(expect.arrayContaining(['u1', 'u3', 'u4']));
        expect(stored).not.toContain('u2');
        expect(stored).not.toContain('u5');
      } finally {
        await proxy.close();
      }
    });

    it('stops with exit 2 on a CSV header it does not know, before sending', async () => {
      const f = file(
        'typo-incidents.csv',
        'id,entityRef,opend_at\nI-1,payments-api,2025-01-01T00:00:00Z\n',
      );
      const result = await run(['import', f], { url: backend.url });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/unknown incidents CSV column "opend_at"/);
    });
  });
});

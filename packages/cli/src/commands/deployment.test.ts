import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createRepo,
  createTestDatabases,
  run,
  startBackend,
  TestBackend,
  TestRepo,
} from '../__testUtils__/backend';

jest.setTimeout(120_000);

const ms = (iso: string) => Date.parse(iso);

/** The stored changes of a deployment, oldest commit first. */
async function storedChanges(backend: TestBackend, deploymentId: string) {
  const rows = await backend.rows('pm_deployment_changes');
  return rows
    .filter(r => r.deployment_id === deploymentId)
    .map(r => ({ id: r.change_id, committedAt: Number(r.committed_at) }))
    .sort((a, b) => a.committedAt - b.committedAt);
}

async function storedDeployment(backend: TestBackend, id: string) {
  const rows = await backend.rows('pm_deployments');
  return rows.find(r => r.id === id);
}

describe('platform-metrics deployment', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let backend: TestBackend;
    let repo: TestRepo;
    const sha: Record<string, string> = {};

    beforeAll(async () => {
      backend = await startBackend(databases, databaseId);
      repo = createRepo();
      sha.c1 = repo.commit('c1', '2026-03-01T08:00:00Z');
      // an offset: stored as 09:00 UTC
      sha.c2 = repo.commit('c2', '2026-03-01T11:00:00+02:00');
      sha.c3 = repo.commit('c3', '2026-03-01T10:00:00Z');
    });
    afterAll(() => backend.stop());

    it('--since REV sends REV..HEAD with their committer dates and HEAD as commitSha', async () => {
      const result = await run(
        [
          'deployment',
          '--entity',
          'payments-api',
          '--environment',
          'production',
          '--status',
          'succeeded',
          '--since',
          sha.c1,
          '--id',
          'since-1',
          '--finished-at',
          '2026-03-01T12:00:00Z',
          '--version',
          '1.4.0',
        ],
        { url: backend.url, cwd: repo.dir },
      );
      expect(result).toMatchObject({ code: 0, stdout: 'since-1\n' });
      expect(result.stderr).toMatch(/2 changes since commit/);
      expect(await storedChanges(backend, 'since-1')).toEqual([
        { id: sha.c2, committedAt: ms('2026-03-01T09:00:00Z') },
        { id: sha.c3, committedAt: ms('2026-03-01T10:00:00Z') },
      ]);
      expect(await storedDeployment(backend, 'since-1')).toMatchObject({
        source: 'cli',
        entity_ref: 'component:default/payments-api',
        environment: 'production',
        status: 'succeeded',
        commit_sha: sha.c3,
        version: '1.4.0',
      });
    });

    it('--since-last sends the commits since the latest deployment the backend knows, and a re-run sends nothing again', async () => {
      const deploy = (...args: string[]) =>
        run(
          [
            'deployment',
            '--entity',
            'component:default/checkout',
            '--status',
            'succeeded',
            ...args,
          ],
          { url: backend.url, cwd: repo.dir },
        );
      // nothing deployed yet: no changes (--initial-changes defaults to 0)
      const first = await deploy(
        '--environment',
        'production',
        '--since-last',
        '--id',
        'last-1',
        '--finished-at',
        '2026-03-01T12:00:00Z',
      );
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(
        /0 changes \(no earlier deployment of component:default\/checkout to production/,
      );
      expect(await storedChanges(backend, 'last-1')).toEqual([]);

      sha.c4 = repo.commit('c4', '2026-03-02T10:00:00Z');
      sha.c5 = repo.commit('c5', '2026-03-02T11:00:00Z');
      // --since-last is the default
      const second = await deploy(
        '--environment',
        'production',
        '--id',
        'last-2',
        '--finished-at',
        '2026-03-02T12:00:00Z',
      );
      expect(second).toMatchObject({ code: 0, stdout: 'last-2\n' });
      expect(await storedChanges(backend, 'last-2')).toEqual([
        { id: sha.c4, committedAt: ms('2026-03-02T10:00:00Z') },
        { id: sha.c5, committedAt: ms('2026-03-02T11:00:00Z') },
      ]);
      expect((await storedDeployment(backend, 'last-2'))?.commit_sha).toBe(
        sha.c5,
      );

      // another environment has its own latest deployment: none yet, so the
      // first-parent history up to --initial-changes
      const staging = await deploy(
        '--environment',
        'staging',
        '--id',
        'staging-1',
        '--initial-changes',
        '2',
      );
      expect(staging.code).toBe(0);
      expect(
        (await storedChanges(backend, 'staging-1')).map(c => c.id),
      ).toEqual([sha.c4, sha.c5]);

      // a retried CI step: the latest deployment is this one; re-sending it
      // would replace its changes by none
      const again = await deploy(
        '--environment',
        'production',
        '--id',
        'last-2',
      );
      expect(again).toMatchObject({ code: 0, stdout: 'last-2\n' });
      expect(again.stderr).toMatch(/already the latest/);
      expect(await storedChanges(backend, 'last-2')).toHaveLength(2);
    });
  });
});

describe('platform-metrics deployment in CI checkouts', () => {
  const databases = createTestDatabases();
  let backend: TestBackend;
  let repo: TestRepo;

  beforeAll(async () => {
    backend = await startBackend(databases);
    repo = createRepo();
    repo.commit('c1', '2026-04-01T08:00:00Z');
    repo.commit('c2', '2026-04-01T09:00:00Z');
  });
  afterAll(() => backend.stop());

  it('takes the default id from the CI run, else from the commit', async () => {
    const args = [
      'deployment',
      '--entity',
      'Orders',
      '--environment',
      'Production',
      '--status',
      'succeeded',
      '--no-changes',
    ];
    const github = await run(args, {
      url: backend.url,
      cwd: repo.dir,
      env: { GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '777' },
    });
    expect(github).toMatchObject({
      code: 0,
      stdout: 'github-777:orders:production\n',
    });
    const jenkins = await run(args, {
      url: backend.url,
      cwd: repo.dir,
      env: {
        JENKINS_URL: 'https://ci/',
        BUILD_TAG: 'jenkins-orders-deploy-12',
      },
    });
    expect(jenkins.stdout).toBe('jenkins-orders-deploy-12:orders:production\n');
    const local = await run(args, { url: backend.url, cwd: repo.dir });
    expect(local.stdout).toBe(
      `${repo.git('rev-parse', 'HEAD')}:orders:production\n`,
    );
    const stored = (await backend.rows('pm_deployments'))
      .filter(r => r.entity_ref === 'component:default/orders')
      .map(r => r.id)
      .sort();
    expect(stored).toHaveLength(3);
  });

  it('--dry-run prints the request body and sends nothing', async () => {
    const result = await run(
      [
        'deployment',
        '--entity',
        'billing',
        '--environment',
        'production',
        '--status',
        'failed',
        '--since',
        'HEAD~1',
        '--id',
        'dry-1',
        '--finished-at',
        '2026-04-01T10:00:00Z',
        '--started-at',
        '2026-04-01T09:50:00Z',
        '--type',
        'rollback',
        '--remediates',
        'd0',
        '--dry-run',
      ],
      // no URL or token needed for a dry run of --since
      { cwd: repo.dir, env: { PLATFORM_METRICS_TOKEN: '' } },
    );
    expect(result.code).toBe(0);
    const head = repo.git('rev-parse', 'HEAD');
    expect(JSON.parse(result.stdout)).toEqual({
      deployments: [
        {
          id: 'dry-1',
          source: 'cli',
          entityRef: 'billing',
          environment: 'production',
          status: 'failed',
          finishedAt: '2026-04-01T10:00:00.000Z',
          startedAt: '2026-04-01T09:50:00.000Z',
          commitSha: head,
          changes: [{ id: head, committedAt: '2026-04-01T09:00:00.000Z' }],
          type: 'rollback',
          remediates: 'd0',
        },
      ],
    });
    expect((await backend.rows('pm_deployments')).map(r => r.id)).not.toContain(
      'dry-1',
    );
  });

  it('--commit-time author takes the author dates: a rebased commit keeps the time it was written', async () => {
    const rebased = createRepo();
    const base = rebased.commit('base', '2026-04-01T08:00:00Z');
    const head = rebased.commit('rebased', '2026-04-03T12:00:00Z', '2026-03-30T15:00:00+02:00');
    const dates = async (...extra: string[]) => {
      const result = await run(
        ['deployment', '--entity', 'billing', '--environment', 'production', '--status', 'succeeded', '--since', base, '--id', 'dates-1', '--dry-run', ...extra],
        { cwd: rebased.dir, env: { PLATFORM_METRICS_TOKEN: '' } },
      );
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout).deployments[0].changes;
    };
    expect(await dates()).toEqual([{ id: head, committedAt: '2026-04-03T12:00:00.000Z' }]);
    expect(await dates('--commit-time', 'author')).toEqual([{ id: head, committedAt: '2026-03-30T13:00:00.000Z' }]);
    const bad = await run(['deployment', '--entity', 'billing', '--environment', 'production', '--status', 'succeeded', '--commit-time', 'push', '--dry-run'], {
      cwd: rebased.dir,
    });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--commit-time/);
  });

  it('--since-last in a shallow clone without the previous commit exits 1 and says how to fetch it', async () => {
    const first = await run(
      [
        'deployment',
        '--entity',
        'search',
        '--environment',
        'production',
        '--status',
        'succeeded',
        '--id',
        'search-1',
      ],
      { url: backend.url, cwd: repo.dir },
    );
    expect(first.code).toBe(0);
    repo.commit('c3', '2026-04-02T08:00:00Z');
    const clone = createRepo();
    clone.git('fetch', '-q', '--depth', '1', `file://${repo.dir}`, 'main');
    clone.git('checkout', '-q', 'FETCH_HEAD');
    const result = await run(
      [
        'deployment',
        '--entity',
        'search',
        '--environment',
        'production',
        '--status',
        'succeeded',
        '--id',
        'search-2',
      ],
      { url: backend.url, cwd: clone.dir },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /commit [0-9a-f]{40} \(deployment search-1\) is not in/,
    );
    expect(result.stderr).toMatch(/shallow clone.*fetch-depth: 0/);
    expect((await backend.rows('pm_deployments')).map(r => r.id)).not.toContain(
      'search-2',
    );
  });

  it('outside a git repository, asks for --repo or --no-changes', async () => {
    const result = await run(
      [
        'deployment',
        '--entity',
        'x',
        '--environment',
        'production',
        '--status',
        'succeeded',
        '--since',
        'HEAD',
      ],
      {
        url: backend.url,
        cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-nogit-')),
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a git repository.*--no-changes/);
  });
});

import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  createRepo,
  createTestDatabases,
  freePort,
  run,
  startBackend,
  startProxy,
  TestBackend,
  TestRepo,
  TOKEN,
} from './__testUtils__/backend';
import { resolvePluginUrl, retryAfterMs } from './http';

jest.setTimeout(120_000);

const incident = (id: string, ...more: string[]) => [
  'incident',
  'open',
  '--entity',
  'payments-api',
  '--id',
  id,
  '--at',
  '2026-03-01T10:00:00Z',
  ...more,
];

describe('resolvePluginUrl', () => {
  it('takes the Backstage base URL, a backend /api URL or the plugin URL', () => {
    expect(resolvePluginUrl('https://backstage.example.com')).toBe(
      'https://backstage.example.com/api/platform-metrics',
    );
    expect(resolvePluginUrl('https://example.com/backstage/')).toBe(
      'https://example.com/backstage/api/platform-metrics',
    );
    expect(resolvePluginUrl('http://localhost:7007/api')).toBe(
      'http://localhost:7007/api/platform-metrics',
    );
    expect(
      resolvePluginUrl('http://localhost:7007/api/platform-metrics/'),
    ).toBe('http://localhost:7007/api/platform-metrics');
    expect(() => resolvePluginUrl('localhost:7007')).toThrow(/http/);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(retryAfterMs('Sun, 01 Mar 2026 10:00:05 GMT', now)).toBe(5000);
  });
});

describe('talking to the backend', () => {
  const databases = createTestDatabases();
  let backend: TestBackend;
  let repo: TestRepo;

  beforeAll(async () => {
    backend = await startBackend(databases);
    repo = createRepo();
    repo.commit('c1', '2026-03-01T08:00:00Z');
  });
  afterAll(() => backend.stop());

  it('retries a 503, waiting as long as Retry-After says', async () => {
    const proxy = await startProxy(backend.url, {
      failFirst: 2,
      status: 503,
      retryAfter: '1',
    });
    try {
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
          'HEAD',
          '--id',
          'retried-1',
          '--retry-delay',
          '10',
        ],
        { url: proxy.url, cwd: repo.dir },
      );
      expect(result).toMatchObject({ code: 0, stdout: 'retried-1\n' });
      expect(result.stderr).toMatch(/HTTP 503; retry 1 in 1\.0s/);
      const posts = proxy.requests.filter(r => r.method === 'POST');
      expect(posts.map(r => r.failed)).toEqual([true, true, false]);
      // Retry-After (1s) wins over the 10 ms backoff
      expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(950);
      expect(posts[2].at - posts[1].at).toBeGreaterThanOrEqual(950);
      expect((await backend.rows('pm_deployments')).map(r => r.id)).toContain(
        'retried-1',
      );
    } finally {
      await proxy.close();
    }
  });

  it('gives up after --retries and exits 1 with the last status', async () => {
    const proxy = await startProxy(backend.url, { failFirst: 10 });
    try {
      const result = await run(
        [...incident('given-up'), '--retries', '2', '--retry-delay', '10'],
        { url: proxy.url },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/POST \/incidents answered 503: try again/);
      expect(proxy.requests).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  });

  it('retries a refused connection until the backend answers', async () => {
    const port = await freePort();
    let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
    // nothing listens for the first attempts
    const opening = new Promise<void>(resolve =>
      setTimeout(async () => {
        proxy = await startProxy(backend.url, { port });
        resolve();
      }, 700),
    );
    try {
      const result = await run(
        [...incident('refused-1'), '--retries', '8', '--retry-delay', '100'],
        { url: `http://127.0.0.1:${port}` },
      );
      await opening;
      expect(result).toMatchObject({ code: 0, stdout: 'refused-1\n' });
      expect(result.stderr).toMatch(/ECONNREFUSED 127\.0\.0\.1:\d+; retry 1/);
      expect((await backend.rows('pm_incidents')).map(r => r.id)).toContain(
        'refused-1',
      );
    } finally {
      await opening;
      await proxy?.close();
    }
  });

  it('exits 1 when the connection stays refused', async () => {
    const port = await freePort();
    const result = await run(
      [...incident('refused-2'), '--retries', '2', '--retry-delay', '10'],
      { url: `http://127.0.0.1:${port}` },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/after 3 attempts: ECONNREFUSED/);
  });

  it('exits 1 on a 400 with the server message naming the field, without retrying', async () => {
    const proxy = await startProxy(backend.url);
    try {
      const result = await run(
        [
          'deployment',
          '--entity',
          'payments api!',
          '--environment',
          'production',
          '--status',
          'succeeded',
          '--no-changes',
          '--id',
          'bad-ref',
        ],
        { url: proxy.url, cwd: repo.dir },
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /POST \/deployments answered 400: .*deployments\[0\]\.entityRef/,
      );
      expect(proxy.requests).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('exits 1 on a 401 with a hint about the token', async () => {
    const result = await run(incident('bad-token'), {
      url: backend.url,
      env: { PLATFORM_METRICS_TOKEN: 'not-the-token' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/answered 401: .*PLATFORM_METRICS_TOKEN/);
  });

  it('exits 2 without PLATFORM_METRICS_URL or the token', async () => {
    const noUrl = await run(incident('no-url'));
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/PLATFORM_METRICS_URL/);
    const noToken = await run(incident('no-token'), {
      url: backend.url,
      env: { PLATFORM_METRICS_TOKEN: '' },
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/PLATFORM_METRICS_TOKEN/);
  });

  it('runs as the bin script: the exit code and message reach the shell', async () => {
    const bin = path.resolve(__dirname, '../bin/platform-metrics');
    const child = spawn(
      process.execPath,
      [bin, ...incident('bin-1', '--caused-by', ' ')],
      {
        env: {
          PATH: process.env.PATH,
          PLATFORM_METRICS_URL: `${backend.url}/api/platform-metrics`,
          PLATFORM_METRICS_TOKEN: TOKEN,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    const code = await new Promise(resolve => child.on('close', resolve));
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'bin-1\n' });
    expect(stderr).toMatch(/incident bin-1 of payments-api open since/);

    const bad = spawn(process.execPath, [bin, ...incident('x'.repeat(300))], {
      env: {
        PATH: process.env.PATH,
        PLATFORM_METRICS_URL: backend.url,
        PLATFORM_METRICS_TOKEN: TOKEN,
      },
    });
    let badErr = '';
    bad.stderr.on('data', d => (badErr += d));
    const badCode = await new Promise(resolve => bad.on('close', resolve));
    expect(badCode).toBe(1);
    expect(badErr).toMatch(/answered 400: .*incidents\[0\]\.id/);
  });
});

/**
 * What the CLI's tests run against: the real platform-metrics backend plugin
 * in a test backend on a real HTTP port, with Backstage's real auth services
 * and a static external-access token (as a CI pipeline is configured), on
 * SQLite or PostgreSQL; a proxy in front that can fail the first requests;
 * and a real git repository with commits at set times.
 */
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import platformMetricsPlugin from '@platform-metrics/plugin-platform-metrics-backend';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { main } from '../cli';

export const TOKEN = 'ci-test-token-0123456789';

const POSTGRES: TestDatabaseId = 'POSTGRES_15';

/**
 * SQLite and PostgreSQL. PostgreSQL is never skipped silently: without
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING the tests fail, unless
 * PLATFORM_METRICS_SKIP_POSTGRES=1 is set on purpose (as in the backend's tests).
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', POSTGRES],
    disableDocker: true,
  });
  if (
    !databases.supports(POSTGRES) &&
    process.env.PLATFORM_METRICS_SKIP_POSTGRES !== '1'
  ) {
    throw new Error(
      'PostgreSQL tests need BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ' +
        '(e.g. postgresql://postgres@127.0.0.1:5432); set PLATFORM_METRICS_SKIP_POSTGRES=1 to run on SQLite only.',
    );
  }
  return databases;
}

export interface TestBackend {
  /** The backend's base URL, `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Rows of one of the plugin's tables, for asserting what was stored. */
  rows(table: string): Promise<Array<Record<string, any>>>;
  stop(): Promise<void>;
}

export async function startBackend(
  databases: TestDatabases,
  id: TestDatabaseId = 'SQLITE_3',
): Promise<TestBackend> {
  const knex = await databases.init(id);
  const backend = await startTestBackend({
    features: [
      platformMetricsPlugin,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: TOKEN, subject: 'ci-pipelines' },
                },
              ],
            },
          },
        },
      }),
      authServiceFactory,
      httpAuthServiceFactory,
    ],
  });
  const port = backend.server.port();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    rows: table => knex(table).select(),
    stop: () => backend.stop(),
  };
}

export interface TestProxy {
  url: string;
  port: number;
  /** Every request that reached the proxy, failed or forwarded. */
  requests: Array<{
    method: string;
    path: string;
    at: number;
    failed: boolean;
    /** Records in the request body's array (a batch's size). */
    items?: number;
  }>;
  close(): Promise<void>;
}

/**
 * An HTTP proxy to `target` that answers the first `failFirst` requests
 * itself with `status` (and `Retry-After`, when given). Listens on `port`
 * (default any free one).
 */
export async function startProxy(
  target: string,
  opts: {
    failFirst?: number;
    status?: number;
    retryAfter?: string;
    port?: number;
  } = {},
): Promise<TestProxy> {
  let failures = opts.failFirst ?? 0;
  const requests: TestProxy['requests'] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    let items: number | undefined;
    try {
      const parsed = JSON.parse(body.toString('utf8'));
      const list = Object.values(parsed ?? {}).find(Array.isArray);
      items = list?.length;
    } catch {
      // not JSON
    }
    const failed = failures > 0;
    requests.push({
      method: req.method!,
      path: req.url!,
      at: Date.now(),
      failed,
      items,
    });
    if (failed) {
      failures--;
      res.writeHead(opts.status ?? 503, {
        'content-type': 'application/json',
        ...(opts.retryAfter ? { 'retry-after': opts.retryAfter } : {}),
      });
      res.end(
        JSON.stringify({
          error: { name: 'ServiceUnavailableError', message: 'try again' },
        }),
      );
      return;
    }
    const upstream = http.request(
      `${target}${req.url}`,
      { method: req.method, headers: req.headers },
      up => {
        res.writeHead(up.statusCode!, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', e => res.destroy(e));
    upstream.end(body);
  });
  await new Promise<void>(resolve =>
    server.listen(opts.port ?? 0, '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

export interface TestRepo {
  dir: string;
  /** Commits (empty) with this committer date (and author date, default the same); answers the sha. */
  commit(message: string, committerDate: string, authorDate?: string): string;
  git(...args: string[]): string;
}

/** A fresh git repository in a temporary directory. */
export function createRepo(): TestRepo {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-repo-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: dir,
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
      },
    }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    commit(message, committerDate, authorDate = committerDate) {
      execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
        cwd: dir,
        env: {
          ...process.env,
          GIT_CONFIG_NOSYSTEM: '1',
          HOME: dir,
          GIT_AUTHOR_NAME: 'Test',
          GIT_AUTHOR_EMAIL: 'test@example.com',
          GIT_AUTHOR_DATE: authorDate,
          GIT_COMMITTER_NAME: 'Test',
          GIT_COMMITTER_EMAIL: 'test@example.com',
          GIT_COMMITTER_DATE: committerDate,
        },
      });
      return git('rev-parse', 'HEAD');
    },
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process, with its own environment (nothing of the test
 * process's PLATFORM_METRICS_* or CI variables leaks in).
 */
export async function run(
  argv: string[],
  opts: {
    url?: string;
    cwd?: string;
    env?: Record<string, string>;
    /** Whether stderr is a terminal (for the progress bar). */
    tty?: boolean;
  } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    env: {
      PATH: process.env.PATH,
      ...(opts.url ? { PLATFORM_METRICS_URL: opts.url } : {}),
      PLATFORM_METRICS_TOKEN: TOKEN,
      ...opts.env,
    },
    cwd: opts.cwd ?? process.cwd(),
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: opts.tty },
  });
  return { code, stdout, stderr };
}

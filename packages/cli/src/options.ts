/**
 * What every command shares: its input and output, the connection options
 * (`--url`, `PLATFORM_METRICS_URL`, `PLATFORM_METRICS_TOKEN`, retries) and
 * option parsing.
 */
import { parseArgs, ParseArgsConfig } from 'node:util';
import { Env } from './ci';
import { Connection, DEFAULT_RETRY, resolvePluginUrl } from './http';
import { UsageError } from './errors';

/** Where a command reads and writes; `main` uses the process's, tests their own. */
export interface CliIo {
  env: Env;
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** The fetch under the retries (default the global one). */
  fetch?: typeof fetch;
}

type Options = NonNullable<ParseArgsConfig['options']>;

export const CONNECTION_OPTIONS = {
  url: { type: 'string' },
  retries: { type: 'string' },
  'retry-delay': { type: 'string' },
  timeout: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} satisfies Options;

export const CONNECTION_USAGE = `Connection (all commands):
  --url URL            Backstage base URL or the plugin's API URL
                       (default env PLATFORM_METRICS_URL)
  env PLATFORM_METRICS_TOKEN   Bearer token (a static external-access token)
  --retries N          Retries on connection errors, timeouts, 429 and 5xx (default 5)
  --retry-delay MS     First backoff; doubles per retry, Retry-After wins (default 1000)
  --timeout MS         Per-request timeout (default 60000)
  --quiet, -q          Only errors on stderr`;

export type Values = Record<string, string | boolean | undefined>;

/** Parses one command's arguments; unknown options are a usage error. */
export function parseCommand(
  argv: string[],
  options: Options,
): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...CONNECTION_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Values, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  if (typeof v !== 'string') return undefined;
  const trimmed = v.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function required(values: Values, name: string): string {
  const v = str(values, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

export function int(
  values: Values,
  name: string,
  fallback: number,
  limits: { min?: number; max?: number } = {},
): number {
  const raw = str(values, name);
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = limits;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} expects a whole number from ${min} to ${max}, got ${raw}`,
    );
  }
  return n;
}

/** An ISO-8601 timestamp with a time zone (`2026-11-22T10:15:00Z`) or `now`, as UTC. */
export function timestamp(values: Values, name: string): string | undefined {
  const raw = str(values, name);
  if (raw === undefined) return undefined;
  if (raw === 'now') return new Date().toISOString();
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(
      raw,
    ) ||
    Number.isNaN(Date.parse(raw))
  ) {
    throw new UsageError(
      `--${name} expects an ISO-8601 timestamp with a time zone, e.g. 2026-11-22T10:15:00Z; got ${raw}`,
    );
  }
  return new Date(raw).toISOString();
}

export function oneOf<T extends string>(
  values: Values,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = str(values, name);
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw as T)) {
    throw new UsageError(
      `--${name} must be one of ${allowed.join(', ')}; got ${raw}`,
    );
  }
  return raw as T;
}

/** Writes progress and notes to stderr unless `--quiet`. */
export function logger(io: CliIo, values: Values) {
  return (line: string) => {
    if (!values.quiet) io.stderr.write(`${line}\n`);
  };
}

/** The connection from `--url` / `PLATFORM_METRICS_URL`, `PLATFORM_METRICS_TOKEN` and the retry options. */
export function connectionFrom(io: CliIo, values: Values): Connection {
  const url = str(values, 'url') ?? io.env.PLATFORM_METRICS_URL?.trim();
  if (!url) {
    throw new UsageError(
      'set PLATFORM_METRICS_URL (or --url) to the Backstage base URL',
    );
  }
  const token = io.env.PLATFORM_METRICS_TOKEN?.trim();
  if (!token) {
    throw new UsageError(
      'set PLATFORM_METRICS_TOKEN to the token the backend accepts for ingestion',
    );
  }
  const log = logger(io, values);
  return {
    pluginUrl: resolvePluginUrl(url),
    token,
    fetch: io.fetch,
    retry: {
      retries: int(values, 'retries', DEFAULT_RETRY.retries, { max: 100 }),
      retryDelayMs: int(values, 'retry-delay', DEFAULT_RETRY.retryDelayMs),
      maxDelayMs: DEFAULT_RETRY.maxDelayMs,
      timeoutMs: int(values, 'timeout', DEFAULT_RETRY.timeoutMs, { min: 1 }),
      onRetry: ({ attempt, reason, delayMs }) =>
        log(
          `platform-metrics: ${reason}; retry ${attempt} in ${(
            delayMs / 1000
          ).toFixed(1)}s`,
        ),
    },
  };
}

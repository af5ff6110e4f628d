/**
 * HTTP to the platform-metrics backend: the generated `DefaultApiClient`
 * over a fetch that retries with backoff. Retried: connection errors,
 * timeouts, 429 and 5xx (honouring `Retry-After`). Every request the CLI
 * makes is safe to repeat: ingestion is idempotent on `(source, id)`.
 */
import { DefaultApiClient } from '@platform-metrics/plugin-platform-metrics-common';
import { ApiError, UsageError } from './errors';

const PLUGIN_PATH = '/api/platform-metrics';

/**
 * The plugin's API URL from a Backstage base URL (`https://backstage.example.com`,
 * with or without a path prefix), a backend's `.../api` or the plugin URL itself.
 */
export function resolvePluginUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`not a URL: ${url}`);
  }
  if (!/^https?:$/.test(parsed.protocol)) {
    throw new UsageError(`expected an http(s) URL, got ${url}`);
  }
  const base = `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
  if (base.endsWith(PLUGIN_PATH)) return base;
  if (base.endsWith('/api')) return `${base}/platform-metrics`;
  return `${base}${PLUGIN_PATH}`;
}

export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  retries: number;
  /** Backoff of the first retry in ms; doubled per retry, with jitter (default 1000). */
  retryDelayMs: number;
  /** Longest wait between attempts in ms, `Retry-After` included (default 120 000). */
  maxDelayMs: number;
  /** Per-attempt timeout in ms (default 60 000). */
  timeoutMs: number;
  /** Told before each wait, e.g. to print `retrying in 2s (HTTP 503)`. */
  onRetry?: (info: {
    attempt: number;
    reason: string;
    delayMs: number;
  }) => void;
}

export const DEFAULT_RETRY: RetryOptions = {
  retries: 5,
  retryDelayMs: 1000,
  maxDelayMs: 120_000,
  timeoutMs: 60_000,
};

/** `Retry-After` in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(
  header: string | null,
  now = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function describeNetworkError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: any };
  if (err?.name === 'TimeoutError') return 'timed out';
  const cause = err?.cause;
  if (cause?.code) {
    return `${cause.code}${cause.address ? ` ${cause.address}` : ''}${
      cause.port ? `:${cause.port}` : ''
    }`;
  }
  return err?.message ?? String(e);
}

/** A fetch that retries connection errors, timeouts, 429 and 5xx. */
export function retryingFetch(
  options: RetryOptions,
  fetchImpl: typeof fetch = fetch,
): typeof fetch {
  const backoff = (attempt: number) =>
    Math.min(
      options.maxDelayMs,
      options.retryDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2),
    );
  return async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      let reason: string;
      let delayMs: number;
      try {
        const res = await fetchImpl(input, {
          ...init,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (res.status < 500 && res.status !== 429) return res;
        if (attempt > options.retries) return res;
        reason = `HTTP ${res.status}`;
        const after = retryAfterMs(res.headers.get('retry-after'));
        delayMs = Math.min(options.maxDelayMs, after ?? backoff(attempt));
        await res.arrayBuffer().catch(() => undefined);
      } catch (e) {
        reason = describeNetworkError(e);
        if (attempt > options.retries) {
          throw new Error(
            `no answer from ${String(
              input instanceof Request ? input.url : input,
            )} after ${attempt} attempts: ${reason}`,
          );
        }
        delayMs = backoff(attempt);
      }
      options.onRetry?.({ attempt, reason, delayMs });
      await sleep(delayMs);
    }
  };
}

export interface Connection {
  /** The plugin's API URL, e.g. `https://backstage.example.com/api/platform-metrics`. */
  pluginUrl: string;
  token: string;
  retry: RetryOptions;
  fetch?: typeof fetch;
}

/** The generated API client on the plugin URL, with retries. */
export function createClient(connection: Connection): DefaultApiClient {
  const retrying = retryingFetch(connection.retry, connection.fetch);
  return new DefaultApiClient({
    discoveryApi: { getBaseUrl: async () => connection.pluginUrl },
    fetchApi: { fetch: retrying },
  });
}

/** The answer's JSON, or an {@link ApiError} with the server's message. */
export async function readJson<T>(
  what: string,
  res: { ok: boolean; status: number; text(): Promise<string> },
): Promise<T> {
  const text = await res.text();
  if (res.ok) {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(
        `${what}: the backend answered ${res.status} with no JSON`,
      );
    }
  }
  let message = text.trim().slice(0, 2000);
  try {
    const body = JSON.parse(text);
    message = body?.error?.message ?? message;
  } catch {
    // not Backstage's error body (e.g. a proxy's page): keep the text
  }
  let hint = '';
  if (res.status === 401) {
    hint = ' (is PLATFORM_METRICS_TOKEN set to an external-access token?)';
  } else if (res.status === 404 && !message) {
    hint = ' (is PLATFORM_METRICS_URL the Backstage backend?)';
  }
  throw new ApiError(
    `${what} answered ${res.status}: ${message || '(no message)'}${hint}`,
    res.status,
    message,
  );
}

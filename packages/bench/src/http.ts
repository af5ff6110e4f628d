/**
 * A small keep-alive HTTP client (node:http, lower overhead than fetch for
 * latency measurement), the ingestion loop, and percentiles.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

export interface HttpAnswer {
  status: number;
  body: string;
  headers?: http.IncomingHttpHeaders;
}

export function request(
  url: string,
  opts: { method?: string; token?: string; body?: Buffer; agent?: http.Agent } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = opts.body.length;
    }
    const req = http.request(
      url,
      { method: opts.method ?? 'GET', headers, agent: opts.agent ?? agent },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(600_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (opts.body) req.end(opts.body);
    else req.end();
  });
}

/**
 * A GET, retried once on a connection error: an idle keep-alive socket may
 * have been closed by the server (its keep-alive timeout) just as it is reused.
 */
export async function getOnce(url: string, token: string): Promise<HttpAnswer> {
  try {
    return await request(url, { token });
  } catch {
    return request(url, { token });
  }
}

/** GETs a URL and fails on anything but 200. */
export async function getJson(url: string, token: string): Promise<any> {
  const res = await getOnce(url, token);
  if (res.status !== 200) {
    throw new Error(
      `GET ${url} answered ${res.status}: ${res.body.slice(0, 500)}`,
    );
  }
  return JSON.parse(res.body);
}

export interface IngestResult {
  records: number;
  requests: number;
  ms: number;
  perSecond: number;
}

/**
 * Posts pre-serialised batches with `concurrency` clients, each taking the
 * next batch as soon as its previous one is answered. Any non-2xx stops the run.
 */
export async function ingest(
  url: string,
  token: string,
  bodies: Buffer[],
  records: number,
  concurrency: number,
  onProgress?: (done: number) => void,
): Promise<IngestResult> {
  let next = 0;
  let done = 0;
  const start = performance.now();
  const client = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await request(url, { method: 'POST', token, body });
      if (res.status < 200 || res.status >= 300) {
        throw new Error(
          `POST ${url} answered ${res.status}: ${res.body.slice(0, 500)}`,
        );
      }
      done++;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const ms = performance.now() - start;
  return {
    records,
    requests: bodies.length,
    ms,
    perSecond: records / (ms / 1000),
  };
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of durations (ms). */
export function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] : NaN;
  return {
    n: s.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: s.length ? s[s.length - 1] : NaN,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN,
  };
}

/**
 * Runs `fn` sequentially: `warmup` untimed runs, then up to `count` timed ones,
 * stopping early (but never below `minCount`) once `budgetMs` is spent.
 */
export async function timeSeries(
  fn: (i: number) => Promise<unknown>,
  opts: { count: number; warmup: number; budgetMs: number; minCount: number },
): Promise<Percentiles & { budgetHit: boolean }> {
  for (let i = 0; i < opts.warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  const started = performance.now();
  let budgetHit = false;
  for (let i = 0; i < opts.count; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
    if (
      performance.now() - started > opts.budgetMs &&
      samples.length >= opts.minCount
    ) {
      budgetHit = samples.length < opts.count;
      break;
    }
  }
  return { ...percentiles(samples), budgetHit };
}

/** Answers and latencies of a load, per kind of request, with the retries a pipeline would make. */
import { performance } from 'node:perf_hooks';
import { HttpAnswer, percentiles, Percentiles } from './http';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export type Traffic = {
  requests: number;
  perSecond: number;
  latency: Percentiles;
  /** Answers by HTTP status (every attempt); `0`: no answer (connection error). */
  statuses: Record<string, number>;
  fiveXx: number;
  /** Attempts without an answer (the client's socket failed), retried. */
  noAnswer: number;
};

/**
 * Counters of answers by status (0: no answer) and latencies, per kind of
 * request. A request without an answer is retried; so is a write answered
 * 5xx (after its Retry-After, if any), as a pipeline would: ingestion is
 * idempotent on the records' keys. Every attempt is counted.
 */
export class Recorder {
  readonly samples = new Map<string, number[]>();
  readonly statuses = new Map<string, Record<string, number>>();
  readonly errors: string[] = [];
  fiveXx = 0;

  private count(kind: string, status: string) {
    const counts = this.statuses.get(kind) ?? {};
    counts[status] = (counts[status] ?? 0) + 1;
    this.statuses.set(kind, counts);
  }

  async time(
    kind: string,
    f: () => Promise<HttpAnswer>,
    opts: { attempts: number; retry5xx: boolean } = { attempts: 5, retry5xx: false },
  ): Promise<HttpAnswer | undefined> {
    for (let attempt = 1; ; attempt++) {
      const t0 = performance.now();
      let res: HttpAnswer | undefined;
      try {
        res = await f();
      } catch (e) {
        if (this.errors.length < 10) this.errors.push(`${kind}: no answer (${(e as Error).message})`);
      }
      const list = this.samples.get(kind) ?? [];
      list.push(performance.now() - t0);
      this.samples.set(kind, list);
      this.count(kind, String(res?.status ?? 0));
      if (res && res.status >= 500) {
        this.fiveXx++;
        if (this.errors.length < 10) this.errors.push(`${kind}: ${res.status} ${res.body.slice(0, 200)}`);
      }
      const retry = !res || (opts.retry5xx && res.status >= 500);
      if (!retry || attempt >= opts.attempts) return res;
      await sleep(res ? Number(res.headers?.['retry-after'] ?? 1) * 1000 : 100);
    }
  }

  traffic(kinds: string[], ms: number): Traffic {
    const all = kinds.flatMap(k => this.samples.get(k) ?? []);
    const statuses: Record<string, number> = {};
    for (const k of kinds) {
      for (const [status, n] of Object.entries(this.statuses.get(k) ?? {})) statuses[status] = (statuses[status] ?? 0) + n;
    }
    const sum = (keep: (status: number) => boolean) =>
      Object.entries(statuses)
        .filter(([status]) => keep(Number(status)))
        .reduce((n, [, c]) => n + c, 0);
    return {
      requests: all.length,
      perSecond: all.length / (ms / 1000),
      latency: percentiles(all),
      statuses,
      fiveXx: sum(status => status >= 500),
      noAnswer: sum(status => status === 0),
    };
  }
}

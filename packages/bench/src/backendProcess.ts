/**
 * Runs the benchmark's backend (bin/backend) as a child process: config file,
 * readiness, log lines with their arrival time, peak RSS from /proc.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** This package's directory (a CLI package run from its sources). */
const PACKAGE_DIR = path.dirname(
  require.resolve('@platform-metrics/bench/package.json'),
);

export const SYNC_START_MARKER = 'PM_BENCH catalog-sync-start';
const SYNC_DONE = 'Catalog sync recorded';

export interface BackendOptions {
  workDir: string;
  port: number;
  database:
    | { client: 'pg'; prefix: string }
    | { client: 'better-sqlite3'; directory: string };
  ingestToken: string;
  readToken: string;
  entitiesFile: string;
  /** The backend's V8 heap limit in MiB (`--max-old-space-size`), as a container would set it. */
  heapMiB?: number;
  /** `platformMetrics` config replacing the benchmark's (jobs only when triggered). */
  platformMetrics?: object;
  log: (msg: string) => void;
}

export interface SyncRun {
  startedAt: number;
  endedAt: number;
  ms: number;
  line: string;
}

export class BackendProcess {
  private child?: ChildProcess;
  private readonly lines: Array<{ at: number; text: string }> = [];
  private readonly listeners = new Set<(at: number, text: string) => void>();
  private rssSamples = 0;
  private maxRssKb = 0;
  private sampler?: NodeJS.Timeout;
  readonly baseUrl: string;
  readonly apiUrl: string;

  constructor(private readonly opts: BackendOptions) {
    this.baseUrl = `http://127.0.0.1:${opts.port}`;
    this.apiUrl = `${this.baseUrl}/api/platform-metrics`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private writeConfig(): string {
    const { opts } = this;
    const database =
      opts.database.client === 'pg'
        ? {
            client: 'pg',
            prefix: opts.database.prefix,
            connection: { host: '127.0.0.1', port: 5432, user: 'postgres' },
          }
        : {
            client: 'better-sqlite3',
            connection: { directory: opts.database.directory },
          };
    const config = {
      backend: {
        baseUrl: this.baseUrl,
        listen: { port: opts.port, host: '127.0.0.1' },
        database,
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: opts.ingestToken, subject: 'bench-ingest' },
            },
            {
              type: 'static',
              options: { token: opts.readToken, subject: 'bench-read' },
            },
          ],
        },
      },
      platformMetrics: {
        // the backend runs with NODE_ENV=production, where the plugin refuses
        // to start without a pseudonym secret
        survey: { pseudonymSecret: 'bench-pseudonym-secret-0123456789' },
        ...(opts.platformMetrics ?? {
          // the benchmark triggers the sync and the rollup job itself after
          // loading, so that neither runs on schedule during the timed ingestion
          catalogSync: { frequencyMinutes: 525_600 },
          rollups: { frequencySeconds: 31_536_000 },
        }),
      },
    };
    const file = path.join(opts.workDir, `bench-config-${opts.port}.yaml`);
    // JSON is YAML
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
  }

  async start(timeoutMs = 180_000): Promise<void> {
    const configFile = this.writeConfig();
    const bin = path.join(PACKAGE_DIR, 'bin', 'backend');
    // The backend writes straight to its log file, which is tailed here: through
    // a pipe, a busy benchmark process would drain it late, and the backend
    // blocks on a full pipe (stdout to a pipe is synchronous on Linux).
    const logPath = path.join(this.opts.workDir, `backend-${this.opts.port}.log`);
    const out = fs.openSync(logPath, 'a');
    const nodeArgs = this.opts.heapMiB ? [`--max-old-space-size=${this.opts.heapMiB}`] : [];
    // PM_BENCH_CPU_PROF=<dir>: a V8 CPU profile of each backend, written when it stops
    if (process.env.PM_BENCH_CPU_PROF) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${process.env.PM_BENCH_CPU_PROF}`);
    this.child = spawn(process.execPath, [...nodeArgs, bin, '--config', configFile], {
      cwd: PACKAGE_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PM_BENCH_ENTITIES: this.opts.entitiesFile,
      },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    this.tailer = this.tailFile(logPath);
    this.sampler = setInterval(() => this.sampleRss(), 500);

    const started = Date.now();
    for (;;) {
      if (this.child.exitCode !== null) {
        throw new Error(
          `backend exited with ${this.child.exitCode}:\n${this.tail(30)}`,
        );
      }
      try {
        const res = await fetch(
          `${this.baseUrl}/.backstage/health/v1/readiness`,
        );
        await res.text();
        if (res.ok) return;
      } catch {
        // not up yet
      }
      if (Date.now() - started > timeoutMs) {
        throw new Error(
          `backend not ready in ${timeoutMs} ms:\n${this.tail(30)}`,
        );
      }
      await new Promise(r => setTimeout(r, 250));
    }
  }

  tail(n: number): string {
    return this.lines
      .slice(-n)
      .map(l => l.text)
      .join('\n');
  }

  private sampleRss() {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      this.maxRssKb = Math.max(this.maxRssKb, rss);
      this.rssSamples++;
    } catch {
      // exited
    }
  }

  private phases: Array<{ phase: string; vmHwmKb: number }> = [];
  private tailer?: NodeJS.Timeout;

  /** Reads the lines the backend appended to its log every 50 ms (a line's time is when it was read). */
  private tailFile(file: string): NodeJS.Timeout {
    let position = 0;
    let partial = '';
    const fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder('utf8');
    const timer = setInterval(() => {
      for (;;) {
        const n = fs.readSync(fd, buffer, 0, buffer.length, position);
        if (n <= 0) break;
        position += n;
        const parts = (partial + decoder.write(buffer.subarray(0, n))).split('\n');
        partial = parts.pop() ?? '';
        const at = Date.now();
        for (const text of parts) {
          this.lines.push({ at, text });
          if (this.lines.length > 5000) this.lines.splice(0, 1000);
          for (const l of this.listeners) l(at, text);
        }
      }
    }, 50);
    timer.unref();
    this.closeTail = () => fs.closeSync(fd);
    return timer;
  }

  private closeTail?: () => void;

  /** Records the peak RSS so far at the end of a phase of the run. */
  markPhase(phase: string) {
    this.phases.push({ phase, vmHwmKb: this.peakRss().vmHwmKb });
  }

  /** The peak RSS at the end of each marked phase (it only grows). */
  rssPhases() {
    return [...this.phases];
  }

  /** Peak RSS (VmHWM, kB) as the kernel counts it, and the highest sampled VmRSS. */
  peakRss(): { vmHwmKb: number; sampledMaxRssKb: number } {
    const pid = this.child?.pid;
    let vmHwmKb = 0;
    if (pid) {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      vmHwmKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    }
    return { vmHwmKb, sampledMaxRssKb: this.maxRssKb };
  }

  /**
   * Resolves with the next catalog sync run: from the catalog's marker (the
   * sync's first catalog query) to the plugin's "Catalog sync recorded" line.
   * Looks at lines that arrived since `since`.
   */
  nextSync(since: number, timeoutMs = 600_000): Promise<SyncRun> {
    return new Promise((resolve, reject) => {
      let startedAt: number | undefined;
      const check = (at: number, text: string) => {
        if (at < since) return false;
        if (text.startsWith(SYNC_START_MARKER)) {
          startedAt = Number(text.slice(SYNC_START_MARKER.length).trim());
        } else if (text.includes(SYNC_DONE) && startedAt !== undefined) {
          resolve({ startedAt, endedAt: at, ms: at - startedAt, line: text });
          return true;
        }
        return false;
      };
      for (const l of this.lines) if (check(l.at, l.text)) return;
      let timer: NodeJS.Timeout | undefined = undefined;
      const listener = (at: number, text: string) => {
        if (check(at, text)) {
          clearTimeout(timer);
          this.listeners.delete(listener);
        }
      };
      timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no catalog sync within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    if (this.tailer) clearInterval(this.tailer);
    this.closeTail?.();
    this.closeTail = undefined;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>(r => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Loads generated events through the public ingestion API, the way a CI
 * pipeline would: `POST /deployments`, `POST /pipeline-runs`, `POST /requests`, `POST /costs`,
 * `POST /adoption-snapshots`, `POST /incidents`, `POST /survey-responses` and `POST /pulses`, in batches, a few
 * requests at a time, retrying connection errors and 5xx/429 answers. Records carry stable ids (a
 * snapshot its scope and day), so loading twice updates instead of doubling (survey answers,
 * imported insert-only, are skipped the second time, and so is a snapshot of a day the backend
 * measured itself).
 */
import type {
  EventPlan,
  GeneratedDeployment,
  GeneratedEvents,
  GeneratedIncident,
  GeneratedSurveyResponse,
} from './events';
import { adoptionHistoryOfPlan, GeneratedAdoptionSnapshot } from './adoptionHistory';
import { GeneratedPipelineRun, pipelineRunsOf } from './pipelines';
import { GeneratedRequest, requestsOfPlan } from './requests';
import { GeneratedCost, costsOfPlan } from './costs';
import { GeneratedPulse, pulsesOfPlan } from './pulses';

/** Default base URL of the plugin's API in the demo backend. */
export const DEFAULT_BASE_URL = 'http://localhost:7007/api/platform-metrics';
/** The demo backend's static external-access token. */
export const DEFAULT_TOKEN = 'demo-seeder-token-0123456789';

export type RecordKind =
  | 'deployments'
  | 'pipelineRuns'
  | 'requests'
  | 'costs'
  | 'adoptionSnapshots'
  | 'incidents'
  | 'surveyResponses'
  | 'pulses';

/** What to load; each list may be a lazy iterable, with `totals` for progress. */
export interface LoadableEvents {
  deployments: Iterable<GeneratedDeployment>;
  incidents: Iterable<GeneratedIncident>;
  surveyResponses: Iterable<GeneratedSurveyResponse>;
  /** CI pipeline runs; none are sent when absent. */
  pipelineRuns?: Iterable<GeneratedPipelineRun>;
  /** Platform requests (the self-service ratio); none are sent when absent. */
  requests?: Iterable<GeneratedRequest>;
  /** Past daily adoption snapshots; none are sent when absent. */
  adoptionSnapshots?: Iterable<GeneratedAdoptionSnapshot>;
  /** Monthly costs per service; none are sent when absent. */
  costs?: Iterable<GeneratedCost>;
  /** Pulse questions, answered ones imported (the survey import permission); none are sent when absent. */
  pulses?: Iterable<GeneratedPulse>;
  totals?: Partial<Record<RecordKind, number>>;
}

export interface LoadProgress {
  kind: RecordKind;
  sent: number;
  total?: number;
}

export interface LoadOptions {
  /** The plugin's API, e.g. `http://localhost:7007/api/platform-metrics`. */
  baseUrl?: string;
  token?: string;
  events: LoadableEvents | GeneratedEvents;
  /** Records per request (at most 1000, the API's limit). */
  batchSize?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Attempts per request on connection errors, 429 and 5xx. */
  attempts?: number;
  onProgress?: (progress: LoadProgress) => void;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  /** Delay before retry n (ms); injectable for tests. */
  retryDelayMs?: (attempt: number) => number;
  /**
   * Awaited before the survey answers are sent (e.g. {@link waitForCatalogSync}:
   * the backend records each answer with the user's groups as it knows them).
   */
  beforeSurveyResponses?: () => Promise<void>;
}

export interface LoadCounts {
  received: number;
  created: number;
  updated: number;
  /**
   * Records the backend kept as they were: survey imports are insert-only,
   * an answer already stored for that person and survey is skipped, and so
   * is a snapshot of a day the backend measured itself (0 for deployments
   * and incidents, which are upserted).
   */
  skipped: number;
}

export type LoadResult = Record<Exclude<RecordKind, 'pipelineRuns' | 'requests' | 'adoptionSnapshots' | 'costs' | 'pulses'>, LoadCounts> & {
  /** Present when pipeline runs were sent. */
  pipelineRuns?: LoadCounts;
  /** Present when platform requests were sent. */
  requests?: LoadCounts;
  /** Present when adoption snapshots were sent. */
  adoptionSnapshots?: LoadCounts;
  /** Present when costs were sent. */
  costs?: LoadCounts;
  /** Present when pulses were sent. */
  pulses?: LoadCounts;
};

const ENDPOINTS: Record<RecordKind, { path: string; field: string }> = {
  deployments: { path: 'deployments', field: 'deployments' },
  pipelineRuns: { path: 'pipeline-runs', field: 'runs' },
  requests: { path: 'requests', field: 'requests' },
  costs: { path: 'costs', field: 'costs' },
  adoptionSnapshots: { path: 'adoption-snapshots', field: 'snapshots' },
  incidents: { path: 'incidents', field: 'incidents' },
  surveyResponses: { path: 'survey-responses', field: 'responses' },
  pulses: { path: 'pulses', field: 'pulses' },
};

/** An error the API answered with (4xx other than 429): retrying will not help. */
export class IngestionError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'IngestionError';
  }
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Normalises a base URL: a backend root gets `/api/platform-metrics` appended. */
export function resolveBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/api\/[^/]+$/.test(trimmed)
    ? trimmed
    : `${trimmed}/api/platform-metrics`;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Lazy, low-memory events of a plan (two passes over the generator). */
export function loadableFromPlan(plan: EventPlan): LoadableEvents {
  let deployments = 0;
  let incidents = 0;
  let pipelineRuns = 0;
  const components = new Map(plan.org.components.map(c => [`component:default/${c.name}`, c]));
  const runsOf = (e: { entityRef: string; deployments: GeneratedDeployment[] }) =>
    e.deployments.flatMap(d => pipelineRunsOf(d, components.get(e.entityRef) ?? {}));
  for (const e of plan.entities()) {
    deployments += e.deployments.length;
    incidents += e.incidents.length;
    pipelineRuns += runsOf(e).length;
  }
  const requests = requestsOfPlan(plan);
  const adoptionSnapshots = adoptionHistoryOfPlan(plan);
  const costs = costsOfPlan(plan);
  const pulses = pulsesOfPlan(plan);
  return {
    deployments: {
      *[Symbol.iterator]() {
        for (const e of plan.entities()) yield* e.deployments;
      },
    },
    incidents: {
      *[Symbol.iterator]() {
        for (const e of plan.entities()) yield* e.incidents;
      },
    },
    pipelineRuns: {
      *[Symbol.iterator]() {
        for (const e of plan.entities()) yield* runsOf(e);
      },
    },
    requests,
    costs,
    adoptionSnapshots,
    surveyResponses: plan.surveyResponses,
    pulses,
    totals: {
      deployments,
      pipelineRuns,
      requests: requests.length,
      costs: costs.length,
      adoptionSnapshots: adoptionSnapshots.length,
      incidents,
      surveyResponses: plan.surveyResponses.length,
      pulses: pulses.length,
    },
  };
}

/** Posts all events; deployments first (then pipeline runs, requests and adoption snapshots), then incidents, then survey answers and pulses. */
export async function loadViaApi(opts: LoadOptions): Promise<LoadResult> {
  const baseUrl = resolveBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL);
  const token = opts.token ?? DEFAULT_TOKEN;
  const batchSize = Math.min(1000, Math.max(1, opts.batchSize ?? 1000));
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const attempts = Math.max(1, opts.attempts ?? 6);
  const doFetch = opts.fetch ?? fetch;
  const delay =
    opts.retryDelayMs ?? ((n: number) => Math.min(10_000, 250 * 2 ** n));
  const events: LoadableEvents = opts.events;
  const totals: Partial<Record<RecordKind, number>> =
    'totals' in events && events.totals
      ? events.totals
      : {
          deployments: Array.isArray(events.deployments) ? events.deployments.length : undefined,
          incidents: Array.isArray(events.incidents) ? events.incidents.length : undefined,
          surveyResponses: Array.isArray(events.surveyResponses) ? events.surveyResponses.length : undefined,
        };

  const post = async (
    kind: RecordKind,
    batch: unknown[],
  ): Promise<LoadCounts> => {
    const { path, field } = ENDPOINTS[kind];
    const body = JSON.stringify({ [field]: batch });
    for (let attempt = 1; ; attempt++) {
      let retryable: string;
      try {
        const res = await doFetch(`${baseUrl}/${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
          },
          body,
        });
        const text = await res.text();
        if (res.ok) {
          const json = text ? JSON.parse(text) : {};
          return {
            received: Number(json.received ?? batch.length),
            created: Number(json.created ?? 0),
            updated: Number(json.updated ?? 0),
            skipped: Number(json.skipped ?? 0),
          };
        }
        if (res.status !== 429 && res.status < 500) {
          let message = text;
          try {
            message = JSON.parse(text)?.error?.message ?? text;
          } catch {
            // not JSON
          }
          throw new IngestionError(
            `POST ${path} answered ${res.status}: ${message}`,
            res.status,
          );
        }
        retryable = `HTTP ${res.status}`;
      } catch (e) {
        if (e instanceof IngestionError) throw e;
        retryable = (e as Error).message;
      }
      if (attempt >= attempts) {
        throw new Error(
          `POST ${path} failed after ${attempt} attempts: ${retryable}`,
        );
      }
      await sleep(delay(attempt));
    }
  };

  const send = async (kind: RecordKind): Promise<LoadCounts> => {
    const state = {
      counts: { received: 0, created: 0, updated: 0, skipped: 0 } as LoadCounts,
      sent: 0,
      failure: undefined as unknown,
    };
    const inFlight = new Set<Promise<void>>();
    const start = (batch: unknown[]) => {
      const tracked: Promise<void> = post(kind, batch)
        .then(
          c => {
            state.counts.received += c.received;
            state.counts.created += c.created;
            state.counts.updated += c.updated;
            state.counts.skipped += c.skipped;
            state.sent += batch.length;
            opts.onProgress?.({ kind, sent: state.sent, total: totals[kind] });
          },
          e => {
            state.failure ??= e;
          },
        )
        .finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    };
    for (const batch of batches<unknown>(events[kind] ?? [], batchSize)) {
      if (state.failure) break;
      start(batch);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (state.failure) throw state.failure;
    return state.counts;
  };

  // deployments first, so that incidents and remediations find what they name
  const deployments = await send('deployments');
  const pipelineRuns = events.pipelineRuns ? await send('pipelineRuns') : undefined;
  const requests = events.requests ? await send('requests') : undefined;
  const costs = events.costs ? await send('costs') : undefined;
  const adoptionSnapshots = events.adoptionSnapshots ? await send('adoptionSnapshots') : undefined;
  const incidents = await send('incidents');
  await opts.beforeSurveyResponses?.();
  const surveyResponses = await send('surveyResponses');
  const pulses = events.pulses ? await send('pulses') : undefined;
  return {
    deployments,
    ...(pipelineRuns && { pipelineRuns }),
    ...(requests && { requests }),
    ...(costs && { costs }),
    ...(adoptionSnapshots && { adoptionSnapshots }),
    incidents,
    surveyResponses,
    ...(pulses && { pulses }),
  };
}

/**
 * Waits until the backend answers: its readiness endpoint says ready, or the
 * plugin's API answers at all. Throws after `timeoutMs`.
 */
export async function waitForBackend(opts: {
  baseUrl?: string;
  timeoutMs?: number;
  intervalMs?: number;
  fetch?: typeof fetch;
  onWait?: (elapsedMs: number) => void;
}): Promise<void> {
  const baseUrl = resolveBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL);
  const origin = new URL(baseUrl).origin;
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const intervalMs = opts.intervalMs ?? 1_000;
  const started = Date.now();
  let last = 'no answer';
  for (;;) {
    try {
      const ready = await doFetch(`${origin}/.backstage/health/v1/readiness`);
      await ready.text();
      if (ready.ok) {
        // the backend is up; make sure the plugin is mounted too
        const probe = await doFetch(`${baseUrl}/deployments`, {
          method: 'POST',
        });
        await probe.text();
        if (probe.status !== 404 && probe.status < 500) return;
        last = `plugin answered ${probe.status}`;
      } else {
        last = `readiness answered ${ready.status}`;
      }
    } catch (e) {
      last = (e as Error).message;
    }
    const elapsed = Date.now() - started;
    if (elapsed >= timeoutMs) {
      throw new Error(
        `backend at ${origin} not ready after ${Math.round(
          elapsed / 1000,
        )}s (${last})`,
      );
    }
    opts.onWait?.(elapsed);
    await sleep(intervalMs);
  }
}

/**
 * Waits until the plugin has read the catalog (its org summary lists teams),
 * so that imported survey answers are recorded with their users' groups.
 * Resolves `false` (instead of throwing) after `timeoutMs`.
 */
export async function waitForCatalogSync(opts: {
  baseUrl?: string;
  token?: string;
  timeoutMs?: number;
  intervalMs?: number;
  minTeams?: number;
  fetch?: typeof fetch;
}): Promise<boolean> {
  const baseUrl = resolveBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL);
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 150_000;
  const started = Date.now();
  for (;;) {
    try {
      const res = await doFetch(`${baseUrl}/org/summary`, {
        headers: { authorization: `Bearer ${opts.token ?? DEFAULT_TOKEN}` },
      });
      const text = await res.text();
      if (res.ok) {
        const teams = JSON.parse(text)?.teams;
        if (Array.isArray(teams) && teams.length >= (opts.minTeams ?? 1))
          return true;
      }
    } catch {
      // not ready yet
    }
    if (Date.now() - started >= timeoutMs) return false;
    await sleep(opts.intervalMs ?? 2_000);
  }
}

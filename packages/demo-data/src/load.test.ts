import { contractViolation } from './__testUtils__/apiContract';
import { generateEvents, planEvents } from './events';
import {
  loadableFromPlan,
  loadViaApi,
  resolveBaseUrl,
  waitForBackend,
  waitForCatalogSync,
} from './load';

// whole demo histories go through the fake API: seconds, more on a loaded machine
jest.setTimeout(60_000);

const NOW = '2026-11-22T00:00:00.000Z';

/** A fake ingestion API: validates against the API spec and upserts on (source, id). */
function fakeApi(opts: { failFirst?: number; status?: number } = {}) {
  const tables = {
    deployments: new Map<string, unknown>(),
    pipelineRuns: new Map<string, unknown>(),
    requests: new Map<string, unknown>(),
    costs: new Map<string, unknown>(),
    snapshots: new Map<string, unknown>(),
    incidents: new Map<string, unknown>(),
    responses: new Map<string, unknown>(),
    pulses: new Map<string, unknown>(),
  };
  const calls: { path: string; size: number; auth: string | null }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failures = opts.failFirst ?? 0;
  const fetchImpl = (async (url: string, init: RequestInit) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise(r => setTimeout(r, 1));
      if (failures > 0) {
        failures--;
        throw new TypeError('fetch failed: ECONNREFUSED');
      }
      if (opts.status)
        return new Response(
          JSON.stringify({
            error: {
              name: 'InputError',
              message: 'deployments[0].id: must not be empty',
            },
          }),
          { status: opts.status },
        );
      const path = new URL(url).pathname.replace(
        '/api/platform-metrics/',
        '',
      ) as 'deployments' | 'pipeline-runs' | 'requests' | 'costs' | 'adoption-snapshots' | 'incidents' | 'survey-responses' | 'pulses';
      const parsed = JSON.parse(String(init.body));
      const violation = contractViolation(path, parsed);
      if (violation) throw new Error(`${path}: ${violation}`);
      const items: any[] =
        parsed.deployments ?? parsed.runs ?? parsed.requests ?? parsed.costs ?? parsed.snapshots ?? parsed.incidents ?? parsed.responses ?? parsed.pulses;
      calls.push({
        path,
        size: items.length,
        auth: new Headers(init.headers).get('authorization'),
      });
      const table = {
        deployments: tables.deployments,
        'pipeline-runs': tables.pipelineRuns,
        requests: tables.requests,
        costs: tables.costs,
        'adoption-snapshots': tables.snapshots,
        incidents: tables.incidents,
        'survey-responses': tables.responses,
        pulses: tables.pulses,
      }[path];
      let created = 0;
      let updated = 0;
      let skipped = 0;
      for (const item of items) {
        let key = `${item.source} ${item.id}`;
        if (path === 'survey-responses') key = `${item.surveyId} ${item.userRef}`;
        if (path === 'adoption-snapshots') key = `${item.scope} ${item.day}`;
        // as the backend does: events are upserted, survey imports insert-only
        // (and, as the backend does, a pulse with an imported answer is insert-only too)
        const insertOnly = path === 'survey-responses' || (path === 'pulses' && item.answer !== undefined);
        if (insertOnly && table.has(key)) skipped++;
        else if (table.has(key)) updated++;
        else created++;
        if (!(insertOnly && table.has(key))) table.set(key, item);
      }
      return new Response(
        JSON.stringify({
          received: items.length,
          created,
          updated,
          ...((path === 'survey-responses' || path === 'pulses') && { skipped }),
        }),
        { status: 200 },
      );
    } finally {
      inFlight--;
    }
  }) as unknown as typeof fetch;
  return { fetchImpl, tables, calls, maxInFlight: () => maxInFlight };
}

describe('loadViaApi', () => {
  const events = generateEvents({ seed: 1, now: NOW });

  it('posts everything in batches of at most 1000, a few at a time, and a second load changes nothing', async () => {
    const api = fakeApi();
    const progress: number[] = [];
    const first = await loadViaApi({
      baseUrl: 'http://backend:7007',
      token: 'secret',
      events,
      concurrency: 3,
      fetch: api.fetchImpl,
      onProgress: p => p.kind === 'deployments' && progress.push(p.sent),
    });
    expect(first.deployments).toEqual({
      received: events.deployments.length,
      created: events.deployments.length,
      updated: 0,
      skipped: 0,
    });
    expect(first.incidents.created).toBe(events.incidents.length);
    expect(first.surveyResponses.created).toBe(events.surveyResponses.length);
    expect(
      api.calls.every(c => c.size <= 1000 && c.auth === 'Bearer secret'),
    ).toBe(true);
    expect(api.maxInFlight()).toBeGreaterThan(1);
    expect(api.maxInFlight()).toBeLessThanOrEqual(3);
    expect(progress[progress.length - 1]).toBe(events.deployments.length);
    // deployments go first, then incidents, then survey answers
    const order = api.calls.map(c => c.path);
    expect(order.lastIndexOf('deployments')).toBeLessThan(
      order.indexOf('incidents'),
    );
    expect(order.lastIndexOf('incidents')).toBeLessThan(
      order.indexOf('survey-responses'),
    );

    const second = await loadViaApi({
      baseUrl: 'http://backend:7007',
      token: 'secret',
      events,
      fetch: api.fetchImpl,
    });
    expect(
      second.deployments.created +
        second.incidents.created +
        second.surveyResponses.created,
    ).toBe(0);
    // survey answers are imported insert-only: the second load keeps them
    expect(second.surveyResponses).toEqual({
      received: events.surveyResponses.length,
      created: 0,
      updated: 0,
      skipped: events.surveyResponses.length,
    });
    expect(api.tables.deployments.size).toBe(events.deployments.length);
    expect(api.tables.incidents.size).toBe(events.incidents.length);
  });

  it('streams a plan lazily with totals, giving the same records', async () => {
    const api = fakeApi();
    const loadable = loadableFromPlan(planEvents({ seed: 1, now: NOW }));
    const runs = [...loadable.pipelineRuns!];
    const requests = [...loadable.requests!];
    const snapshots = [...loadable.adoptionSnapshots!];
    const costs = [...loadable.costs!];
    const pulses = [...loadable.pulses!];
    expect(loadable.totals).toEqual({
      deployments: events.deployments.length,
      pipelineRuns: runs.length,
      requests: requests.length,
      costs: costs.length,
      adoptionSnapshots: snapshots.length,
      incidents: events.incidents.length,
      surveyResponses: events.surveyResponses.length,
      pulses: pulses.length,
    });
    // a run for every production deployment, a failed first attempt for some
    const production = events.deployments.filter(d => d.environment === 'production');
    const passed = runs.filter(r => r.status === 'succeeded');
    expect(passed.map(r => r.id).sort()).toEqual(production.map(d => `${d.id}-ci-1`).sort());
    expect(runs.length - passed.length).toBeGreaterThan(production.length / 20);
    expect(runs.length - passed.length).toBeLessThan(production.length / 6);
    for (const r of runs.slice(0, 200)) {
      expect(r.finishedAt > r.startedAt).toBe(true);
      expect(r.commit).toMatch(/^[0-9a-f]{40}$/);
    }
    const result = await loadViaApi({ events: loadable, fetch: api.fetchImpl });
    expect(api.tables.deployments.size).toBe(events.deployments.length);
    expect(api.tables.pipelineRuns.size).toBe(runs.length);
    expect(result.pipelineRuns).toEqual({ received: runs.length, created: runs.length, updated: 0, skipped: 0 });
    expect(result.requests).toEqual({ received: requests.length, created: requests.length, updated: 0, skipped: 0 });
    // twelve months of costs per service
    expect(result.costs).toEqual({ received: costs.length, created: costs.length, updated: 0, skipped: 0 });
    expect(api.tables.costs.size).toBe(costs.length);
    // the pulses after first production deployments, answered ones imported, and the guest's open one
    expect(result.pulses).toEqual({ received: pulses.length, created: pulses.length, updated: 0, skipped: 0 });
    expect(api.tables.pulses.size).toBe(pulses.length);
    expect(api.calls.map(c => c.path).lastIndexOf('survey-responses')).toBeLessThan(api.calls.map(c => c.path).indexOf('pulses'));
    // loaded again: the answered pulses are kept, the open ones updated
    const answered = pulses.filter(x => x.answer).length;
    const pulsesAgain = await loadViaApi({ events: { deployments: [], incidents: [], surveyResponses: [], pulses }, fetch: api.fetchImpl });
    expect(pulsesAgain.pulses).toEqual({ received: pulses.length, created: 0, updated: pulses.length - answered, skipped: answered });
    // twelve months of daily snapshots, of the org and each team, system and domain
    expect(result.adoptionSnapshots).toEqual({ received: snapshots.length, created: snapshots.length, updated: 0, skipped: 0 });
    expect(api.tables.snapshots.size).toBe(snapshots.length);
    expect(new Set(snapshots.map(x => x.day)).size).toBe(365);
    const posts = api.calls.filter(c => c.path === 'adoption-snapshots');
    expect(posts.length).toBe(Math.ceil(snapshots.length / 1000));
    expect(posts.every(c => c.size <= 1000)).toBe(true);
    // a second load updates them, nothing doubled
    const again = await loadViaApi({ events: { deployments: [], incidents: [], surveyResponses: [], adoptionSnapshots: snapshots }, fetch: api.fetchImpl });
    expect(again.adoptionSnapshots).toEqual({ received: snapshots.length, created: 0, updated: snapshots.length, skipped: 0 });
    expect(api.tables.snapshots.size).toBe(snapshots.length);
  });

  it('posts the platform requests of a plan in batches of at most 1000 with the token, upserting on a second load', async () => {
    const api = fakeApi();
    const loadable = loadableFromPlan(planEvents({ seed: 1, now: NOW }));
    const requests = [...loadable.requests!];
    expect(requests.length).toBeGreaterThan(1000);
    const progress: number[] = [];
    const small = { deployments: [], incidents: [], surveyResponses: [], requests, totals: loadable.totals };
    const first = await loadViaApi({
      token: 'seeder',
      events: small,
      batchSize: 600,
      fetch: api.fetchImpl,
      onProgress: p => p.kind === 'requests' && progress.push(p.sent),
    });
    const posts = api.calls.filter(c => c.path === 'requests');
    expect(posts.map(c => c.size).sort((a, b) => b - a)).toEqual([600, 600, requests.length - 1200]);
    expect(posts.every(c => c.auth === 'Bearer seeder')).toBe(true);
    expect(progress.sort((a, b) => a - b)[progress.length - 1]).toBe(requests.length);
    expect(first.requests).toEqual({ received: requests.length, created: requests.length, updated: 0, skipped: 0 });
    expect(api.tables.requests.size).toBe(requests.length);
    const second = await loadViaApi({ events: small, fetch: api.fetchImpl });
    expect(second.requests).toEqual({ received: requests.length, created: 0, updated: requests.length, skipped: 0 });
    // without requests, none are posted and the result has none
    const none = await loadViaApi({ events: { deployments: [], incidents: [], surveyResponses: [] }, fetch: api.fetchImpl });
    expect(none.requests).toBeUndefined();
  });

  it('retries connection errors', async () => {
    const api = fakeApi({ failFirst: 3 });
    const small = {
      deployments: events.deployments.slice(0, 10),
      incidents: [],
      surveyResponses: [],
    };
    const result = await loadViaApi({
      events: small,
      fetch: api.fetchImpl,
      retryDelayMs: () => 1,
    });
    expect(result.deployments.created).toBe(10);
  });

  it('gives up after the attempts, and fails fast on bad input', async () => {
    const small = {
      deployments: events.deployments.slice(0, 10),
      incidents: [],
      surveyResponses: [],
    };
    await expect(
      loadViaApi({
        events: small,
        fetch: fakeApi({ failFirst: 100 }).fetchImpl,
        attempts: 3,
        retryDelayMs: () => 1,
      }),
    ).rejects.toThrow(/failed after 3 attempts: fetch failed/);
    const bad = fakeApi({ status: 400 });
    await expect(
      loadViaApi({
        events: small,
        fetch: bad.fetchImpl,
        retryDelayMs: () => 1,
      }),
    ).rejects.toThrow(/answered 400: deployments\[0\]\.id: must not be empty/);
  });

  it('resolves base URLs', () => {
    expect(resolveBaseUrl('http://localhost:7007')).toBe(
      'http://localhost:7007/api/platform-metrics',
    );
    expect(resolveBaseUrl('http://localhost:7007/api/platform-metrics/')).toBe(
      'http://localhost:7007/api/platform-metrics',
    );
  });
});

describe('waitForBackend', () => {
  it('waits until the backend is ready and the plugin answers', async () => {
    let n = 0;
    const seen: string[] = [];
    const fetchImpl = (async (url: string) => {
      seen.push(url);
      n++;
      if (n <= 2) throw new TypeError('fetch failed');
      if (url.endsWith('/readiness'))
        return new Response('{}', { status: 200 });
      return new Response('{}', { status: n < 6 ? 404 : 401 });
    }) as unknown as typeof fetch;
    await waitForBackend({
      baseUrl: 'http://localhost:7007',
      fetch: fetchImpl,
      intervalMs: 1,
    });
    expect(seen[0]).toBe(
      'http://localhost:7007/.backstage/health/v1/readiness',
    );
    expect(seen[seen.length - 1]).toBe(
      'http://localhost:7007/api/platform-metrics/deployments',
    );
  });

  it('times out', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(
      waitForBackend({ fetch: fetchImpl, timeoutMs: 20, intervalMs: 5 }),
    ).rejects.toThrow(/not ready after/);
  });
});

describe('waitForCatalogSync', () => {
  it('waits until the org summary lists enough teams', async () => {
    let n = 0;
    const fetchImpl = (async (url: string, init: RequestInit) => {
      expect(url).toBe(
        'http://localhost:7007/api/platform-metrics/org/summary',
      );
      expect(new Headers(init.headers).get('authorization')).toBe('Bearer t');
      n++;
      const teams =
        n < 3
          ? []
          : [{ groupRef: 'group:default/a' }, { groupRef: 'group:default/b' }];
      return new Response(JSON.stringify({ teams }), { status: 200 });
    }) as unknown as typeof fetch;
    await expect(
      waitForCatalogSync({
        baseUrl: 'http://localhost:7007',
        token: 't',
        minTeams: 2,
        fetch: fetchImpl,
        intervalMs: 1,
      }),
    ).resolves.toBe(true);
    expect(n).toBe(3);
  });

  it('gives up with false after the timeout', async () => {
    const fetchImpl = (async () =>
      new Response('{"teams":[]}', { status: 200 })) as unknown as typeof fetch;
    await expect(
      waitForCatalogSync({ fetch: fetchImpl, timeoutMs: 10, intervalMs: 2 }),
    ).resolves.toBe(false);
  });
});

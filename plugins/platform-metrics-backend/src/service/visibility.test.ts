import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { HIDDEN_LABEL, hidesLabelledEntitiesFrom, startWithRealCatalog } from '../__testUtils__/realCatalog';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(120_000);

const hidden = { labels: { [HIDDEN_LABEL]: 'true' } };
const group = (name: string, extra = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, ...extra },
  spec: { type: 'team', children: [] },
});
const system = (name: string, owner: string, extra = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, ...extra },
  spec: { owner },
});
const component = (name: string, owner: string, sys: string, extra = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations: { 'platform-metrics.io/golden-path': 'true' }, ...extra },
  spec: { type: 'service', lifecycle: 'production', owner, system: sys },
});

const user = (name: string, extra = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, ...extra },
  spec: { memberOf: [] },
});

const ENTITIES = [
  user('carol', hidden),
  user('dave'),
  // owned by people rather than teams: their rows in teams[] follow the User's visibility
  component('side-project', 'user:default/carol', 'sys-open'),
  component('tool', 'user:default/dave', 'sys-open'),
  group('team-open'),
  group('team-secret', hidden),
  system('sys-open', 'team-open'),
  system('sys-secret', 'team-secret', hidden),
  component('payments', 'team-open', 'sys-open'),
  component('vault', 'team-secret', 'sys-secret', hidden),
];

const ALICE = 'user:default/alice'; // may not see what is labelled hidden
const BOB = 'user:default/bob';
const API = '/api/platform-metrics';
const TO = '2026-03-03T00:00:00Z';

describe('catalog-aware reads (real catalog and permission backends)', () => {
  let backend: Awaited<ReturnType<typeof startWithRealCatalog>>;
  const as = (userRef: string) => mockCredentials.user.header(userRef);
  const get = (path: string, auth: string) => request(backend.server).get(`${API}${path}`).set('Authorization', auth);

  beforeAll(async () => {
    backend = await startWithRealCatalog({ entities: ENTITIES, policy: hidesLabelledEntitiesFrom([ALICE]) });
    const deployments = ['payments', 'vault'].map(name => ({
      id: `d-${name}`,
      entityRef: `component:default/${name}`,
      environment: 'production',
      status: 'succeeded',
      finishedAt: '2026-03-02T10:00:00Z',
      changes: [{ id: `c-${name}`, committedAt: '2026-03-02T08:00:00Z' }],
    }));
    // a service principal ingests whatever the catalog holds (or does not hold yet)
    const ingest = await request(backend.server)
      .post(`${API}/deployments`)
      .set('Authorization', mockCredentials.service.header())
      .send({ deployments: [...deployments, { ...deployments[0], id: 'd-new', entityRef: 'component:default/not-in-catalog' }] });
    if (ingest.status !== 200) throw new Error(`ingestion failed: ${ingest.status} ${JSON.stringify(ingest.body)}`);
    const service = mockCredentials.service.header();
    const runs = ['payments', 'vault'].map(name => ({
      id: `r-${name}`,
      entityRef: name,
      startedAt: '2026-03-02T09:00:00Z',
      finishedAt: '2026-03-02T09:10:00Z',
      status: 'succeeded',
    }));
    const costs = ['payments', 'vault'].map(name => ({ id: `c-${name}`, entityRef: name, period: '2026-03', amount: 100, currency: 'USD' }));
    const notes = [
      { id: 'a-org', at: '2026-03-01T12:00:00Z', title: 'Golden path v2', scope: 'org', tags: [] },
      { id: 'a-vault', at: '2026-03-01T12:00:00Z', title: 'Vault migrated', scope: 'component:default/vault', tags: [] },
    ];
    for (const note of notes) {
      const res = await request(backend.server).post(`${API}/annotations`).set('Authorization', service).send(note);
      if (res.status !== 201) throw new Error(`annotation failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const [path, body] of [['pipeline-runs', { runs }], ['costs', { costs }]] as const) {
      const res = await request(backend.server).post(`${API}/${path}`).set('Authorization', service).send(body);
      if (res.status !== 200) throw new Error(`${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // a run that starts after the last write: a run triggered by the ingestion
    // may have ended (or still be running) before the later writes
    for (let i = 0; i < 2; i++) {
      const done = backend.scheduler.waitForTask('platform-metrics:rollups');
      await backend.scheduler.triggerTask('platform-metrics:rollups');
      await done;
    }
  });

  afterAll(() => backend?.stop());

  it('answers 404 for the scorecard of an entity the caller may not see, 200 for one they may', async () => {
    expect((await get(`/entities/component/default/vault/scorecard?to=${TO}`, as(ALICE))).status).toBe(404);
    const open = await get(`/entities/component/default/payments/scorecard?to=${TO}`, as(ALICE));
    expect(open.status).toBe(200);
    expect(open.body.dora.deploymentFrequency.count).toBe(1);
    const bob = await get(`/entities/component/default/vault/scorecard?to=${TO}`, as(BOB));
    expect(bob.status).toBe(200);
    expect(bob.body.dora.deploymentFrequency.count).toBe(1);
    // the 404 is the catalog's own answer: no hint that the entity exists
    const missing = await get(`/entities/component/default/vault/scorecard?to=${TO}`, as(ALICE));
    expect(missing.body.error).toMatchObject({ name: 'NotFoundError' });
  });

  it('answers 404 for the latest deployment of a hidden entity', async () => {
    expect((await get('/entities/component/default/vault/deployments/latest', as(ALICE))).status).toBe(404);
    const bob = await get('/entities/component/default/vault/deployments/latest', as(BOB));
    expect(bob.status).toBe(200);
    expect(bob.body).toMatchObject({ id: 'd-vault' });
  });

  it('answers 404 for the pipelines and costs of a hidden entity, and leaves hidden teams and services out of the KPI lists', async () => {
    for (const path of [`/entities/component/default/vault/pipelines?to=${TO}`, `/entities/component/default/vault/costs?to=${TO}`]) {
      expect((await get(path, as(ALICE))).status).toBe(404);
      expect((await get(path, as(BOB))).status).toBe(200);
    }
    expect((await get(`/org/pipelines?to=${TO}&group=team-secret`, as(ALICE))).status).toBe(404);
    expect((await get(`/org/costs?to=${TO}&group=team-secret`, as(ALICE))).status).toBe(404);
    const refs = (rows: Array<{ groupRef?: string; entityRef?: string }>) => rows.map(r => r.groupRef ?? r.entityRef).sort();
    const alicePipelines = await get(`/org/pipelines?to=${TO}`, as(ALICE));
    const bobPipelines = await get(`/org/pipelines?to=${TO}`, as(BOB));
    expect(refs(bobPipelines.body.teams)).toContain('group:default/team-secret');
    expect(refs(alicePipelines.body.teams)).not.toContain('group:default/team-secret');
    expect(refs(alicePipelines.body.teams)).toContain('group:default/team-open');
    const aliceCosts = await get(`/org/costs?to=${TO}&months=1`, as(ALICE));
    const bobCosts = await get(`/org/costs?to=${TO}&months=1`, as(BOB));
    expect(refs(bobCosts.body.costliest)).toEqual(['component:default/payments', 'component:default/vault']);
    expect(refs(aliceCosts.body.costliest)).toEqual(['component:default/payments']);
    expect(refs(aliceCosts.body.teams)).not.toContain('group:default/team-secret');
  });

  it('lists only the annotations of what the caller may see, and answers 404 for the impact of a hidden one', async () => {
    const ids = (r: { body: { annotations: Array<{ id: string }> } }) => r.body.annotations.map(a => a.id).sort();
    expect(ids(await get('/annotations', as(ALICE)))).toEqual(['a-org']);
    expect(ids(await get('/annotations', as(BOB)))).toEqual(['a-org', 'a-vault']);
    expect((await get('/annotations?scope=component:default/vault', as(ALICE))).status).toBe(404);
    expect((await get('/annotations/a-vault/impact', as(ALICE))).status).toBe(404);
    expect((await get('/annotations/a-vault/impact', as(BOB))).status).toBe(200);
    // an org annotation, compared on a hidden entity
    expect((await get('/annotations/a-org/impact?scope=component:default/vault', as(ALICE))).status).toBe(404);
    expect((await get('/annotations/a-org/impact', as(ALICE))).status).toBe(200);
  });

  it('keeps service principals working: they are not narrowed to what a user may see', async () => {
    const service = mockCredentials.service.header();
    expect((await get(`/entities/component/default/vault/scorecard?to=${TO}`, service)).status).toBe(200);
    // a CI pipeline's --since-last for an entity the catalog does not hold yet
    const latest = await get('/entities/component/default/not-in-catalog/deployments/latest', service);
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ id: 'd-new' });
  });

  it('answers 404 for ?group= of a Group the caller may not see', async () => {
    expect((await get(`/org/summary?to=${TO}&group=team-secret`, as(ALICE))).status).toBe(404);
    expect((await get(`/org/summary?to=${TO}&group=team-open`, as(ALICE))).status).toBe(200);
    expect((await get(`/org/summary?to=${TO}&group=team-secret`, as(BOB))).status).toBe(200);
    expect((await get('/surveys/2026-Q1/comments?group=team-secret', as(ALICE))).status).toBe(404);
  });

  it('lists in teams[] and adoption.bySystem only the groups and systems the caller may see', async () => {
    for (const query of [`?to=${TO}`, '']) {
      const alice = await get(`/org/summary${query}`, as(ALICE));
      const bob = await get(`/org/summary${query}`, as(BOB));
      expect(alice.status).toBe(200);
      expect(bob.status).toBe(200);
      const teams = (r: typeof alice) => r.body.teams.map((t: { groupRef: string }) => t.groupRef).sort();
      const systems = (r: typeof alice) => r.body.adoption.bySystem.map((s: { systemRef: string }) => s.systemRef).sort();
      expect(teams(bob)).toEqual([
        'group:default/team-open',
        'group:default/team-secret',
        'user:default/carol',
        'user:default/dave',
      ]);
      expect(teams(alice)).toEqual(['group:default/team-open', 'user:default/dave']);
      expect(systems(bob)).toEqual(['system:default/sys-open', 'system:default/sys-secret']);
      expect(systems(alice)).toEqual(['system:default/sys-open']);
    }
  });
});

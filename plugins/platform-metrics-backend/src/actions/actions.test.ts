import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthenticationError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import supertest from 'supertest';
import { HIDDEN_LABEL, hidesLabelledEntitiesFrom, startWithRealCatalog } from '../__testUtils__/realCatalog';
import { createCredentialsAuth } from '../service/auth';
import { createMetricsOperations } from './operations';

jest.setTimeout(120_000);

const hidden = { labels: { [HIDDEN_LABEL]: 'true' } };
const group = (name: string, extra = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, ...extra },
  spec: { type: 'team', children: [] },
});
const component = (name: string, owner: string, extra = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, ...extra },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const ENTITIES = [
  group('team-open'),
  group('team-secret', hidden),
  component('payments', 'team-open'),
  component('vault', 'team-secret', hidden),
];

const ALICE = 'user:default/alice'; // may not see what is labelled hidden, nor write annotations
const BOB = 'user:default/bob';
const WRITE = 'platform-metrics.annotations.write';
const API = '/api/platform-metrics';
const TO = '2026-03-03T00:00:00Z';
const ACTIONS = `${API}/.backstage/actions/v1/actions`;

/** The catalog policy of the visibility tests, and no annotation writes for ALICE. */
const policy: PermissionPolicy = {
  async handle(request, user) {
    if (request.permission.name === WRITE && user?.info.userEntityRef === ALICE) return { result: AuthorizeResult.DENY };
    return hidesLabelledEntitiesFrom([ALICE]).handle(request, user);
  },
};

describe('the AI assistant actions (real actions registry, catalog and permission backends)', () => {
  let backend: Awaited<ReturnType<typeof startWithRealCatalog>>;
  const as = (userRef: string) => mockCredentials.user.header(userRef);
  /** Invokes an action as the MCP actions backend does: over the plugin's actions registry endpoint. */
  const invoke = (id: string, input: object, auth: string) =>
    supertest(backend.server).post(`${ACTIONS}/${encodeURIComponent(id)}/invoke`).set('Authorization', auth).send(input);
  const get = (path: string, auth: string) => supertest(backend.server).get(`${API}${path}`).set('Authorization', auth);

  beforeAll(async () => {
    backend = await startWithRealCatalog({ entities: ENTITIES, policy });
    const deployments = ['payments', 'vault'].map(name => ({
      id: `d-${name}`,
      entityRef: `component:default/${name}`,
      environment: 'production',
      status: 'succeeded',
      finishedAt: '2026-03-02T10:00:00Z',
      changes: [{ id: `c-${name}`, committedAt: '2026-03-02T08:00:00Z' }],
    }));
    const rolledUp = backend.scheduler.waitForTask('platform-metrics:rollups');
    const ingest = await supertest(backend.server)
      .post(`${API}/deployments`)
      .set('Authorization', mockCredentials.service.header())
      .send({ deployments });
    if (ingest.status !== 200) throw new Error(`ingestion failed: ${ingest.status} ${JSON.stringify(ingest.body)}`);
    await rolledUp;
  });

  afterAll(() => backend?.stop());

  it('registers the four actions under the plugin id', async () => {
    const res = await supertest(backend.server).get(ACTIONS).set('Authorization', as(BOB));
    expect(res.status).toBe(200);
    const actions: Array<{ id: string; attributes: { readOnly: boolean } }> = res.body.actions;
    expect(actions.map(a => a.id).sort()).toEqual([
      'platform-metrics:create-annotation',
      'platform-metrics:get-scorecard',
      'platform-metrics:get-summary',
      'platform-metrics:list-annotations',
    ]);
    expect(actions.filter(a => a.attributes.readOnly).map(a => a.id)).not.toContain('platform-metrics:create-annotation');
    expect(actions.filter(a => a.attributes.readOnly)).toHaveLength(3);
  });

  it('answers the scorecard of a seeded entity, as the HTTP route does', async () => {
    const res = await invoke('platform-metrics:get-scorecard', { entityRef: 'Component:default/Payments', windowDays: 7, to: TO }, as(BOB));
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      entityRef: 'component:default/payments',
      window: { days: 7, to: TO.replace('Z', '.000Z') },
      dora: { deploymentFrequency: { count: 1 }, leadTime: { median: 7200, n: 1 } },
    });
    const http = await get(`/entities/component/default/payments/scorecard?windowDays=7&to=${TO}`, as(BOB));
    expect(res.body.output).toEqual(http.body);
    // the kind defaults to component, as in ingestion
    const short = await invoke('platform-metrics:get-scorecard', { entityRef: 'payments', windowDays: 7, to: TO }, as(ALICE));
    expect(short.body.output).toEqual(http.body);
  });

  it('does not find an entity the caller may not see in the catalog', async () => {
    const alice = await invoke('platform-metrics:get-scorecard', { entityRef: 'component:default/vault', to: TO }, as(ALICE));
    expect(alice.status).toBe(404);
    expect(alice.body.error).toMatchObject({ name: 'NotFoundError' });
    const bob = await invoke('platform-metrics:get-scorecard', { entityRef: 'component:default/vault', to: TO }, as(BOB));
    expect(bob.status).toBe(200);
    expect(bob.body.output.dora.deploymentFrequency.count).toBe(1);
  });

  it('validates with the HTTP API schemas', async () => {
    const bad = await invoke('platform-metrics:get-scorecard', { entityRef: 'payments', to: 'yesterday' }, as(BOB));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ name: 'InputError', message: expect.stringMatching(/^Invalid request: to:/) });
    const twoScopes = await invoke('platform-metrics:get-summary', { group: 'team-open', system: 'sys' }, as(BOB));
    expect(twoScopes.status).toBe(400);
    expect(twoScopes.body.error.message).toMatch(/at most one of group, system and domain/);
  });

  it('summarises with the hidden teams left out and a hidden scope not found', async () => {
    const teams = (r: supertest.Response) => r.body.output.teams.map((t: { groupRef: string }) => t.groupRef).sort();
    const alice = await invoke('platform-metrics:get-summary', { to: TO }, as(ALICE));
    const bob = await invoke('platform-metrics:get-summary', { to: TO }, as(BOB));
    expect(alice.status).toBe(200);
    expect(teams(bob)).toEqual(['group:default/team-open', 'group:default/team-secret']);
    expect(teams(alice)).toEqual(['group:default/team-open']);
    const http = await get(`/org/summary?to=${TO}`, as(ALICE));
    expect({ ...alice.body.output, computedAt: null }).toEqual({ ...http.body, computedAt: null });
    expect((await invoke('platform-metrics:get-summary', { to: TO, group: 'team-secret' }, as(ALICE))).status).toBe(404);
    const team = await invoke('platform-metrics:get-summary', { to: TO, group: 'team-secret' }, as(BOB));
    expect(team.status).toBe(200);
    expect(team.body.output.dora.deploymentFrequency.count).toBe(1);
  });

  it('creates annotations only with the write permission, and lists what the caller may see', async () => {
    const note = { at: '2026-03-01T12:00:00Z', title: ' Vault migrated ', scope: 'component:default/vault', tags: ['Migration'] };
    const refused = await invoke('platform-metrics:create-annotation', { ...note, scope: 'org' }, as(ALICE));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ name: 'NotAllowedError', message: `Missing permission ${WRITE}` });

    const created = await invoke('platform-metrics:create-annotation', note, as(BOB));
    expect(created.status).toBe(200);
    expect(created.body.output).toEqual({
      created: true,
      annotation: expect.objectContaining({ title: 'Vault migrated', tags: ['migration'], createdBy: BOB, scope: 'component:default/vault' }),
    });
    const org = await invoke('platform-metrics:create-annotation', { ...note, id: 'launch', scope: 'ORG' }, as(BOB));
    expect(org.body.output).toMatchObject({ created: true, annotation: { id: 'launch', scope: 'org' } });
    const again = await invoke('platform-metrics:create-annotation', { ...note, id: 'launch', scope: 'org', title: 'Launch' }, as(BOB));
    expect(again.body.output).toMatchObject({ created: false, annotation: { id: 'launch', title: 'Launch' } });

    const ids = (r: supertest.Response) => r.body.output.annotations.map((a: { id: string }) => a.id).sort();
    const bobList = await invoke('platform-metrics:list-annotations', {}, as(BOB));
    expect(bobList.status).toBe(200);
    expect(ids(bobList)).toEqual([created.body.output.annotation.id, 'launch'].sort());
    expect(bobList.body.output).toEqual((await get('/annotations', as(BOB))).body);
    // the annotation of the hidden entity is left out of ALICE's list; its scope is not found
    expect(ids(await invoke('platform-metrics:list-annotations', {}, as(ALICE)))).toEqual(['launch']);
    expect((await invoke('platform-metrics:list-annotations', { scope: 'vault' }, as(ALICE))).status).toBe(404);
    // an entity's list: its own and the org's, `at` in [from, to)
    const scoped = await invoke('platform-metrics:list-annotations', { scope: 'vault', from: note.at }, as(BOB));
    expect(ids(scoped)).toEqual(ids(bobList));
    expect(ids(await invoke('platform-metrics:list-annotations', { scope: 'vault', to: note.at }, as(BOB)))).toEqual([]);
  });

  it('refuses callers without credentials', async () => {
    const res = await invoke('platform-metrics:get-summary', {}, mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ name: 'AuthenticationError' });
  });
});

describe('the operations behind the actions', () => {
  it('refuse credentials without a principal, as httpAuth does, before reading anything', async () => {
    const unused = () => {
      throw new Error('not to be called');
    };
    const operations = createMetricsOperations({
      auth: createCredentialsAuth(mockServices.permissions()),
      visibility: { assertVisible: unused, filterSummary: unused, filterRows: unused },
      scorecards: { getScorecard: unused },
      summaries: { scopeOf: unused, getOrgSummary: unused },
      annotations: { list: unused, put: unused },
    });
    const none = mockCredentials.none();
    await expect(operations.getScorecard(none, { entityRef: 'payments' })).rejects.toThrow(AuthenticationError);
    await expect(operations.getSummary(none, {})).rejects.toThrow(AuthenticationError);
    await expect(operations.listAnnotations(none, {})).rejects.toThrow(AuthenticationError);
    await expect(operations.createAnnotation(none, { at: TO, title: 't', scope: 'org' })).rejects.toThrow(AuthenticationError);
    // a signed-in user passes the same checks
    await expect(operations.getSummary(mockCredentials.user(), { group: 'a', domain: 'b' })).rejects.toThrow(/at most one/);
  });
});

import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { HIDDEN_LABEL, hidesLabelledEntitiesFrom, startWithRealCatalog } from '../__testUtils__/realCatalog';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(120_000);

const hidden = { labels: { [HIDDEN_LABEL]: 'true' } };
const entity = (kind: string, name: string, spec: object, extra = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, ...extra },
  spec,
});
const user = (name: string, group: string) => entity('User', name, { memberOf: [group] });

/*
 * The platform owns a cluster (a Resource) and its CI runners (hidden from
 * alice), which run on it; payments (team-open) depends on the runners, and
 * vault (team-secret, hidden) on the cluster. Everything the impact needs
 * comes from the real catalog through the plugin's catalog sync.
 */
const ENTITIES = [
  entity('Group', 'platform', { type: 'team', children: [] }),
  entity('Group', 'team-open', { type: 'team', children: [] }),
  entity('Group', 'team-secret', { type: 'team', children: [] }, hidden),
  user('alice', 'team-open'),
  user('bob', 'team-secret'),
  user('pat', 'platform'),
  entity('Resource', 'cluster', { type: 'kubernetes-cluster', owner: 'platform' }),
  entity('Component', 'ci-runner', { type: 'service', lifecycle: 'production', owner: 'platform', dependsOn: ['resource:cluster'] }, hidden),
  entity('Component', 'payments', { type: 'service', lifecycle: 'production', owner: 'team-open', dependsOn: ['component:ci-runner'] }),
  entity('Component', 'vault', { type: 'service', lifecycle: 'production', owner: 'team-secret', dependsOn: ['resource:cluster'] }, hidden),
];

const ALICE = 'user:default/alice'; // may not see what is labelled hidden
const BOB = 'user:default/bob';
const API = '/api/platform-metrics';
const HOUR = 3_600_000;

describe('GET /org/platform-incidents and the catalog (real catalog and permission backends)', () => {
  let backend: Awaited<ReturnType<typeof startWithRealCatalog>>;
  const read = async (auth: string) => {
    const res = await request(backend.server).get(`${API}/org/platform-incidents`).set('Authorization', auth);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    backend = await startWithRealCatalog({
      entities: ENTITIES,
      policy: hidesLabelledEntitiesFrom([ALICE]),
      config: { platformOwners: ['group:default/platform'] },
    });
    const day = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 3 * 86_400_000;
    const incident = (id: string, entityRef: string, hours: number) => ({
      id,
      entityRef,
      openedAt: new Date(day).toISOString(),
      resolvedAt: new Date(day + hours * HOUR).toISOString(),
    });
    const posted = await request(backend.server)
      .post(`${API}/incidents`)
      .set('Authorization', mockCredentials.service.header())
      .send({ incidents: [incident('cluster-down', 'resource:default/cluster', 2), incident('runners-down', 'ci-runner', 1)] });
    if (posted.status !== 200) throw new Error(`POST /incidents answered ${posted.status}`);
  });

  afterAll(() => backend?.stop());

  it('counts the developers of the dependent teams from the synced catalog, and lists only the incidents the user may see', async () => {
    // the cluster: vault (bob) and, two hops away, payments (alice); pat runs the platform
    const figures = { incidents: 2, affectedFromIncident: 0, totalDeveloperHours: 2 * 2 + 1 * 1, open: 0 };
    const asBob = await read(mockCredentials.user.header(BOB));
    expect(asBob).toMatchObject(figures);
    expect(asBob.costliest.map((i: any) => [i.entityRef, i.affectedDevelopers, i.developerHours])).toEqual([
      ['resource:default/cluster', 2, 4],
      ['component:default/ci-runner', 1, 1],
    ]);
    // the totals are the org's; the runners' incident is not named to alice, who may not see them
    const asAlice = await read(mockCredentials.user.header(ALICE));
    expect(asAlice).toMatchObject(figures);
    expect(asAlice.costliest.map((i: any) => i.id)).toEqual(['cluster-down']);
    // a service is not narrowed to what a user may see
    expect((await read(mockCredentials.service.header())).costliest).toHaveLength(2);
  });
});

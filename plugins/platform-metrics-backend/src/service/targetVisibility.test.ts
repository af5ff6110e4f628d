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

const ENTITIES = [
  entity('Group', 'team-open', { type: 'team', children: [] }),
  entity('Group', 'team-secret', { type: 'team', children: [] }, hidden),
  entity('System', 'sys-open', { owner: 'team-open' }),
  entity('System', 'sys-secret', { owner: 'team-secret' }, hidden),
  entity('Component', 'payments', { type: 'service', lifecycle: 'production', owner: 'team-open', system: 'sys-open' }),
  entity('Component', 'vault', { type: 'service', lifecycle: 'production', owner: 'team-secret', system: 'sys-secret' }, hidden),
];

const TARGETS = [
  { metric: 'adoption', scope: 'org', value: 0.5, by: '2027-01-01' },
  { metric: 'leadTime', scope: 'group:default/team-secret', value: '1d', by: '2027-01-01' },
  { metric: 'leadTime', scope: 'group:default/team-open', value: '1d', by: '2027-01-01' },
  { metric: 'deploymentFrequency', scope: 'system:default/sys-secret', value: 5, by: '2027-01-01' },
  { metric: 'deploymentFrequency', scope: 'system:default/sys-open', value: 5, by: '2027-01-01' },
];

const ALICE = 'user:default/alice'; // may not see what is labelled hidden
const BOB = 'user:default/bob';
const API = '/api/platform-metrics';

describe('GET /targets and the catalog (real catalog and permission backends)', () => {
  let backend: Awaited<ReturnType<typeof startWithRealCatalog>>;
  const scopes = async (auth: string) => {
    const res = await request(backend.server).get(`${API}/targets`).set('Authorization', auth);
    expect(res.status).toBe(200);
    return res.body.targets.map((t: { metric: string; scope: string }) => `${t.metric} ${t.scope}`);
  };

  beforeAll(async () => {
    backend = await startWithRealCatalog({
      entities: ENTITIES,
      policy: hidesLabelledEntitiesFrom([ALICE]),
      config: { targets: TARGETS },
    });
  });

  afterAll(() => backend?.stop());

  it('leaves out the targets of Groups and Systems the user may not see', async () => {
    expect(await scopes(mockCredentials.user.header(ALICE))).toEqual([
      'adoption org',
      'leadTime group:default/team-open',
      'deploymentFrequency system:default/sys-open',
    ]);
    const all = TARGETS.map(t => `${t.metric} ${t.scope}`);
    expect(await scopes(mockCredentials.user.header(BOB))).toEqual(all);
    // a service is not narrowed to what a user may see
    expect(await scopes(mockCredentials.service.header())).toEqual(all);
  });
});

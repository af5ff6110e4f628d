import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { request } from '../__testUtils__/validatedRequest';
import { testScheduler } from '../__testUtils__/replicas';
import { platformMetricsPlugin } from '../plugin';

jest.setTimeout(60_000);

const CI_TOKEN = 'ci-token-that-may-only-ingest-0123456789';
const SEEDER_TOKEN = 'seeder-token-ingest-and-import-0123456789';
const API = '/api/platform-metrics';

/**
 * The static external access tokens of app-config.yaml and
 * app-config.production.yaml, with the real auth, httpAuth and permissions
 * services: access restrictions are enforced by them, not by the plugin.
 */
const externalAccess = [
  {
    type: 'static',
    options: { token: CI_TOKEN, subject: 'ci-pipelines' },
    accessRestrictions: [{ plugin: 'platform-metrics', permission: 'platform-metrics.events.ingest' }],
  },
  {
    type: 'static',
    options: { token: SEEDER_TOKEN, subject: 'demo-seeder' },
    accessRestrictions: [
      { plugin: 'platform-metrics', permission: ['platform-metrics.events.ingest', 'platform-metrics.survey.import'] },
    ],
  },
];

const deployment = {
  id: 'd1',
  entityRef: 'component:default/payments',
  environment: 'production',
  status: 'succeeded',
  finishedAt: '2026-03-02T10:00:00Z',
};

describe('least-privilege static tokens', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const bearer = (token: string) => `Bearer ${token}`;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        platformMetricsPlugin,
        testScheduler().factory(),
        catalogServiceMock.factory({ entities: [] }),
        authServiceFactory,
        httpAuthServiceFactory,
        permissionsServiceFactory,
        mockServices.rootConfig.factory({
          data: { backend: { auth: { externalAccess } }, permission: { enabled: true } },
        }),
      ],
    });
  });

  afterAll(() => backend?.stop());

  it('lets the CI token POST deployments and incidents and read the latest deployment (--since-last)', async () => {
    const post = await request(backend.server)
      .post(`${API}/deployments`)
      .set('Authorization', bearer(CI_TOKEN))
      .send({ deployments: [deployment] });
    expect(post.status).toBe(200);
    expect(post.body).toEqual({ received: 1, created: 1, updated: 0 });
    const incidents = await request(backend.server)
      .post(`${API}/incidents`)
      .set('Authorization', bearer(CI_TOKEN))
      .send({ incidents: [{ id: 'i1', entityRef: 'component:default/payments', openedAt: '2026-03-02T11:00:00Z' }] });
    expect(incidents.status).toBe(200);
    const latest = await request(backend.server)
      .get(`${API}/entities/component/default/payments/deployments/latest`)
      .set('Authorization', bearer(CI_TOKEN));
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ id: 'd1' });
  });

  it('lets the CI token import past adoption snapshots (the ingest permission)', async () => {
    const res = await request(backend.server)
      .post(`${API}/adoption-snapshots`)
      .set('Authorization', bearer(CI_TOKEN))
      .send({ snapshots: [{ scope: 'org', day: '2026-02-01', adopted: 1, eligible: 3, exceptions: 0 }] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 1, created: 1, updated: 0, skipped: 0 });
  });

  it('answers 403 to the CI token on reads, comments and survey imports', async () => {
    const auth = bearer(CI_TOKEN);
    const responses = await Promise.all([
      request(backend.server).get(`${API}/entities/component/default/payments/scorecard`).set('Authorization', auth),
      request(backend.server).get(`${API}/org/summary`).set('Authorization', auth),
      request(backend.server).get(`${API}/surveys/2026-Q1/comments`).set('Authorization', auth),
      request(backend.server)
        .post(`${API}/survey-responses`)
        .set('Authorization', auth)
        .send({
          responses: [{ surveyId: '2026-Q1', userRef: 'user:default/ann', score: 9, submittedAt: '2026-02-01T10:00:00Z' }],
        }),
      request(backend.server).delete(`${API}/surveys/responses?userRef=user:default/ann`).set('Authorization', auth),
    ]);
    expect(responses.map(r => r.status)).toEqual([403, 403, 403, 403, 403]);
  });

  it('lets the seeder token import survey answers, but not read', async () => {
    const imported = await request(backend.server)
      .post(`${API}/survey-responses`)
      .set('Authorization', bearer(SEEDER_TOKEN))
      .send({
        responses: [{ surveyId: '2026-Q1', userRef: 'user:default/ann', score: 9, submittedAt: '2026-02-01T10:00:00Z' }],
      });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ received: 1, created: 1 });
    const read = await request(backend.server)
      .get(`${API}/org/summary`)
      .set('Authorization', bearer(SEEDER_TOKEN));
    expect(read.status).toBe(403);
  });

  it('answers 401 to an unknown token', async () => {
    const res = await request(backend.server)
      .post(`${API}/deployments`)
      .set('Authorization', bearer('not-a-configured-token-0123456789'))
      .send({ deployments: [deployment] });
    expect(res.status).toBe(401);
  });
});

import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { request } from './__testUtils__/validatedRequest';
import { testScheduler } from './__testUtils__/replicas';
import { platformMetricsPlugin } from './plugin';

jest.setTimeout(60_000);

describe('platformMetricsPlugin', () => {
  it('starts, ingests through the HTTP API and serves the scorecard', async () => {
    const scheduler = testScheduler();
    const { server } = await startTestBackend({
      features: [
        platformMetricsPlugin,
        scheduler.factory(),
        // a user reads only what the catalog lets them see
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'payments', namespace: 'default' },
              spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-a' },
            },
          ],
        }),
        mockServices.rootConfig.factory({ data: { platformMetrics: { benchmark: 'dora-2023' } } }),
      ],
    });

    const ingest = await request(server)
      .post('/api/platform-metrics/deployments')
      .set('Authorization', mockCredentials.service.header())
      .send({
        deployments: [
          {
            id: 'd1',
            entityRef: 'Component:default/Payments',
            environment: 'production',
            status: 'succeeded',
            finishedAt: '2026-03-02T10:00:00Z',
            changes: [{ id: 'c1', committedAt: '2026-03-02T08:00:00Z' }],
          },
        ],
      });
    expect(ingest.status).toBe(200);
    expect(ingest.body).toEqual({ received: 1, created: 1, updated: 0 });
    // the ingestion triggers the rollup job (debounced); the scorecard reads what it wrote
    await scheduler.waitForTask('platform-metrics:rollups');

    const card = await request(server)
      .get('/api/platform-metrics/entities/component/default/payments/scorecard?to=2026-03-03T00:00:00Z&windowDays=7')
      .set('Authorization', mockCredentials.user.header());
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({
      entityRef: 'component:default/payments',
      benchmark: 'dora-2023',
      dora: { deploymentFrequency: { count: 1 }, leadTime: { median: 7200, n: 1 } },
    });

    const unauthenticated = await request(server)
      .post('/api/platform-metrics/deployments')
      .set('Authorization', mockCredentials.none.header())
      .send({ deployments: [] });
    expect(unauthenticated.status).toBe(401);
  });

  it('refuses to start in production without a survey pseudonym secret', async () => {
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(
        startTestBackend({
          features: [platformMetricsPlugin, catalogServiceMock.factory({ entities: [] }), mockServices.rootConfig.factory({ data: {} })],
        }),
      ).rejects.toThrow(/platformMetrics\.survey\.pseudonymSecret/);
    } finally {
      process.env.NODE_ENV = env;
    }
  });

  it('refuses to start with an unknown benchmark profile', async () => {
    await expect(
      startTestBackend({
        features: [
          platformMetricsPlugin,
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootConfig.factory({ data: { platformMetrics: { benchmark: 'dora-1999' } } }),
        ],
      }),
    ).rejects.toThrow(/dora-1999/);
  });
});

import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { knex } from 'knex';

// The platform-metrics backend plugin on its own, for working on it without
// the rest of the demo: `yarn start` in plugins/platform-metrics-backend.
// It reads the repository's app-config.yaml, so it listens on
// http://localhost:7007 like the demo backend (stop the demo first, or add
// `--config` files that set another backend.listen.port and baseUrl).
//
// What is not real here: authentication (mock tokens, below), permissions
// (everything allowed), the catalog (the two entities below) and the
// database (in-memory SQLite, empty at every start, so the demo's .data/ is
// never touched).
//
// Authentication is mocked: a request without a token is a user, a
// `mock-service-token` is a service (the only kind of caller allowed to
// ingest), a `mock-none-token` is no one (401).
//
// Try it:
//
//   # ingest a production deployment of the sample component (service only)
//   curl -s http://localhost:7007/api/platform-metrics/deployments \
//     -H 'Authorization: Bearer mock-service-token' -H 'Content-Type: application/json' \
//     -d '{"deployments": [{"id": "run-1", "source": "dev", "entityRef": "component:default/sample",
//          "environment": "production", "status": "succeeded", "finishedAt": "2026-11-22T10:15:00Z",
//          "changes": [{"id": "abc123", "committedAt": "2026-11-22T09:02:11Z"}]}]}'
//
//   # the same as a user: 403
//   curl -s http://localhost:7007/api/platform-metrics/deployments \
//     -H 'Content-Type: application/json' -d '{"deployments": []}'
//
//   # read the sample component's scorecard and the organisation summary
//   curl -s 'http://localhost:7007/api/platform-metrics/entities/component/default/sample/scorecard?to=2026-11-30T00:00:00Z'
//   curl -s 'http://localhost:7007/api/platform-metrics/org/summary?to=2026-11-30T00:00:00Z'
//   curl -s 'http://localhost:7007/api/platform-metrics/org/summary?group=group:default/team-a'
//
//   # the current developer survey, and no caller at all (401)
//   curl -s http://localhost:7007/api/platform-metrics/surveys/current
//   curl -s http://localhost:7007/api/platform-metrics/org/summary -H 'Authorization: Bearer mock-none-token'
//
// The routes are specified in src/schema/openapi.yaml.

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  mockServices.database.factory({
    knex: knex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    }),
  }),
);

// A component on the golden path (made from a template), owned by team-a;
// the catalog sync picks them up a few seconds after start.
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'sample',
          title: 'Sample Component',
          annotations: {
            'backstage.io/source-template': 'template:default/service',
          },
        },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
        relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team-a' },
        spec: { type: 'team', children: [] },
      },
    ],
  }),
);

backend.add(import('../src'));

backend.start();

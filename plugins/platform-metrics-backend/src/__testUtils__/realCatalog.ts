import { coreServices, createBackendModule, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, PolicyDecision, isResourcePermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import supertest from 'supertest';
import { platformMetricsPlugin } from '../plugin';
import { testScheduler } from './replicas';

/** The label that hides an entity from the users of {@link hidesLabelledEntitiesFrom}. */
export const HIDDEN_LABEL = 'platform-metrics.io/hidden';

/**
 * A permission policy that allows everything, except that the given users
 * may not read catalog entities labelled {@link HIDDEN_LABEL}: a conditional
 * decision the catalog applies itself, as a real policy's would be.
 */
export function hidesLabelledEntitiesFrom(userRefs: string[]): PermissionPolicy {
  return {
    async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
      const restricted = user && userRefs.includes(user.info.userEntityRef);
      if (restricted && isResourcePermission(request.permission, 'catalog-entity')) {
        return createCatalogConditionalDecision(request.permission, {
          not: catalogConditions.hasLabel({ label: HIDDEN_LABEL }),
        });
      }
      return { result: AuthorizeResult.ALLOW };
    },
  };
}

/**
 * The mock auth service, except that a plugin's request on behalf of a user
 * carries the plugin as the user's actor, as a real on-behalf-of token does:
 * the permission backend tells a plugin asking for a user (who may get a
 * conditional decision) from a user asking directly (who may not).
 */
const onBehalfOfAuth = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const serviceToken = auth.getPluginRequestToken.bind(auth);
    const getPluginRequestToken: typeof auth.getPluginRequestToken = async options => {
      const principal = options.onBehalfOf.principal as { type: string; userEntityRef?: string };
      if (principal.type === 'user' && principal.userEntityRef) {
        const actor = { subject: `plugin:${plugin.getId()}` };
        return { token: mockCredentials.user.token(principal.userEntityRef, { actor }) };
      }
      return serviceToken(options);
    };
    return Object.assign(auth, { getPluginRequestToken });
  },
});

const LOCATION = 'url:https://example.com/platform-metrics-test/catalog-info.yaml';

/**
 * A backend with the real catalog (entities from a test entity provider),
 * the real permission backend with `policy`, and the platform-metrics
 * plugin. Resolves once the catalog serves every entity.
 */
export async function startWithRealCatalog(options: { entities: Entity[]; policy: PermissionPolicy; config?: object }) {
  const scheduler = testScheduler();
  const entityProvider = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'platform-metrics-test-entities',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => 'platform-metrics-test',
            connect: async connection => {
              await connection.applyMutation({
                type: 'full',
                entities: options.entities.map(entity => ({
                  locationKey: 'platform-metrics-test',
                  entity: {
                    ...entity,
                    metadata: {
                      ...entity.metadata,
                      annotations: {
                        ...entity.metadata.annotations,
                        'backstage.io/managed-by-location': LOCATION,
                        'backstage.io/managed-by-origin-location': LOCATION,
                      },
                    },
                  },
                })),
              });
            },
          });
        },
      });
    },
  });
  const policyModule = createBackendModule({
    pluginId: 'permission',
    moduleId: 'platform-metrics-test-policy',
    register(env) {
      env.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy(options.policy);
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      permissionPlugin,
      entityProvider,
      policyModule,
      platformMetricsPlugin,
      scheduler.factory(),
      onBehalfOfAuth,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          catalog: { rules: [{ allow: ['Component', 'System', 'Group', 'User', 'Resource', 'Location'] }] },
          platformMetrics: options.config ?? {},
        },
      }),
    ],
  });

  // the catalog processes and stitches in the background: wait until it serves them all
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await supertest(backend.server)
      .get('/api/catalog/entities/by-query?limit=1000&fields=metadata.name')
      .set('Authorization', mockCredentials.service.header());
    if (res.status === 200 && res.body.items.length >= options.entities.length) break;
    if (Date.now() > deadline) throw new Error(`the catalog did not serve the test entities: ${res.status}`);
    await new Promise(r => setTimeout(r, 200));
  }
  // the plugin's copy of the catalog (owners, systems) as the scheduled sync makes it
  const synced = scheduler.waitForTask('platform-metrics:catalog-sync');
  await scheduler.triggerTask('platform-metrics:catalog-sync');
  await synced; // rejects when the sync failed
  return { server: backend.server, stop: () => backend.stop(), scheduler };
}

import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/** Platform-metrics permissions only the admin groups' members hold (survey comments and erasure). */
const ADMIN_ONLY = new Set(['platform-metrics.survey-comments.read', 'platform-metrics.survey.admin']);
/** Platform-metrics permissions no user holds: ingestion and imports are for service tokens. */
const SERVICES_ONLY = new Set(['platform-metrics.events.ingest', 'platform-metrics.survey.import']);

/**
 * The backend's permission policy (users only: a service principal's
 * permissions are decided by its token's `accessRestrictions`).
 *
 * - `permissionPolicy.allowAll: true` (the demo's app-config.demo.yaml only)
 *   allows everything.
 * - Otherwise every signed-in user may read (any permission whose action is
 *   `read`, e.g. catalog entities and platform metrics); survey comments,
 *   survey erasure and every create, update or delete need membership of
 *   one of `permissionPolicy.adminGroups`; ingestion and imports are denied
 *   to users.
 */
export class PlatformPermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: { allowAll: boolean; adminGroups: string[] }) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (this.options.allowAll) return { result: AuthorizeResult.ALLOW };
    const { name, attributes } = request.permission;
    if (SERVICES_ONLY.has(name)) return { result: AuthorizeResult.DENY };
    const admin = (user?.info.ownershipEntityRefs ?? []).some(ref =>
      this.options.adminGroups.includes(ref.toLocaleLowerCase('en-US')),
    );
    if (ADMIN_ONLY.has(name)) return { result: admin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    if (attributes.action === 'read') return { result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    return { result: admin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}

/** Installs {@link PlatformPermissionPolicy} with the `permissionPolicy` config. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'platform-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig, logger: coreServices.logger },
      async init({ policy, config, logger }) {
        const allowAll = config.getOptionalBoolean('permissionPolicy.allowAll') ?? false;
        const adminGroups = (config.getOptionalStringArray('permissionPolicy.adminGroups') ?? []).map(g =>
          g.toLocaleLowerCase('en-US'),
        );
        if (allowAll) logger.warn('permissionPolicy.allowAll is set: every user may do everything (demo only)');
        policy.setPolicy(new PlatformPermissionPolicy({ allowAll, adminGroups }));
      },
    });
  },
});

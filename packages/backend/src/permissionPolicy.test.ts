import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { PlatformPermissionPolicy } from './permissionPolicy';

const user = (ownershipEntityRefs: string[]): PolicyQueryUser =>
  ({ info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs } } as unknown as PolicyQueryUser);
const permission = (name: string, action: 'read' | 'create' | 'update' | 'delete') =>
  ({ permission: createPermission({ name, attributes: { action } }) });

describe('PlatformPermissionPolicy', () => {
  const policy = new PlatformPermissionPolicy({ allowAll: false, adminGroups: ['group:default/platform-team'] });
  const ann = user(['user:default/ann', 'group:default/payments']);
  const admin = user(['user:default/bea', 'group:default/platform-team']);

  it('lets every user read, and only admins write, read comments or erase answers', async () => {
    const decide = async (name: string, action: 'read' | 'create' | 'update' | 'delete', who: PolicyQueryUser) =>
      (await policy.handle(permission(name, action), who)).result;
    expect(await decide('catalog.entity.read', 'read', ann)).toBe(AuthorizeResult.ALLOW);
    expect(await decide('platform-metrics.metrics.read', 'read', ann)).toBe(AuthorizeResult.ALLOW);
    expect(await decide('catalog.entity.delete', 'delete', ann)).toBe(AuthorizeResult.DENY);
    expect(await decide('catalog.entity.delete', 'delete', admin)).toBe(AuthorizeResult.ALLOW);
    expect(await decide('platform-metrics.survey-comments.read', 'read', ann)).toBe(AuthorizeResult.DENY);
    expect(await decide('platform-metrics.survey-comments.read', 'read', admin)).toBe(AuthorizeResult.ALLOW);
    expect(await decide('platform-metrics.survey.admin', 'delete', admin)).toBe(AuthorizeResult.ALLOW);
    // users never ingest, not even admins: that is for service tokens
    expect(await decide('platform-metrics.events.ingest', 'create', admin)).toBe(AuthorizeResult.DENY);
    expect(await decide('platform-metrics.survey.import', 'create', admin)).toBe(AuthorizeResult.DENY);
  });

  it('allows everything with allowAll (the demo)', async () => {
    const demo = new PlatformPermissionPolicy({ allowAll: true, adminGroups: [] });
    expect((await demo.handle(permission('platform-metrics.survey.admin', 'delete'), ann)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });
});

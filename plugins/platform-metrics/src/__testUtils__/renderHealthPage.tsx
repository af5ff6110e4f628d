import { MockPermissionApi, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SWRConfig } from 'swr';
import { PlatformMetricsApi, platformMetricsApiRef } from '../api';
import { PlatformHealthPage } from '../components/PlatformHealthPage/PlatformHealthPage';
import { mockApi } from '../testing/fixtures';

/**
 * The Platform health page at `routeEntries` with `api`, no write
 * permission, a fresh SWR cache and the catalog's entity route mounted;
 * answers the api, for checking its calls.
 */
export async function renderHealthPage<T extends PlatformMetricsApi>(api: T = mockApi() as T, routeEntries = ['/']) {
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [platformMetricsApiRef, api],
          [permissionApiRef, new MockPermissionApi(() => AuthorizeResult.DENY)],
        ]}
      >
        <PlatformHealthPage />
      </TestApiProvider>
    </SWRConfig>,
    { routeEntries, mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

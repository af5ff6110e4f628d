import { createRouteRef } from '@backstage/frontend-plugin-api';
import { createRouteRef as createLegacyRouteRef } from '@backstage/core-plugin-api';

/** Route of the "Platform health" page (new frontend system). */
export const rootRouteRef = createRouteRef();

/**
 * Route of the "Platform health" page (legacy frontend system).
 *
 * @public
 */
export const legacyRootRouteRef = createLegacyRouteRef({
  id: 'platform-metrics',
});

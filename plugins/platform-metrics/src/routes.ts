import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the "Platform health" page. One ref serves both frontend systems:
 * the `/alpha` plugin converts it with `convertLegacyRouteRefs`.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'platform-metrics',
});

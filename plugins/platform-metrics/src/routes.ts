import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the "Platform health" page. One ref serves both frontend systems:
 * the `/alpha` plugin converts it with `convertLegacyRouteRefs`.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'platform-metrics',
});

/**
 * Route of the "Quarter in review", a sub-page of the Platform health page
 * (`/platform-health/review?quarter=2026-Q3`).
 *
 * @public
 */
export const reviewRouteRef = createSubRouteRef({
  id: 'platform-metrics/review',
  parent: rootRouteRef,
  path: '/review',
});

import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { platformMetricsApiRef, PlatformMetricsClient } from './api';
import { reviewRouteRef, rootRouteRef } from './routes';

/**
 * The platform-metrics plugin for the legacy frontend system.
 *
 * @public
 */
export const platformMetricsPlugin = createPlugin({
  id: 'platform-metrics',
  apis: [
    createApiFactory({
      api: platformMetricsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformMetricsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    review: reviewRouteRef,
  },
});

/**
 * The org-wide "Platform health" page; `?group=` scopes it to one team. Its
 * sub-page `review` is the Quarter in review (`?quarter=2026-Q3`).
 *
 * @public
 */
export const PlatformHealthPage: () => JSX.Element = platformMetricsPlugin.provide(
  createRoutableExtension({
    name: 'PlatformHealthPage',
    component: () =>
      import('./components/PlatformHealthPage').then(
        m => m.PlatformHealthRoutes,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The "Scorecard" entity tab content, for Components.
 *
 * @public
 */
export const EntityScorecardContent: () => JSX.Element = platformMetricsPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardContent',
    component: {
      lazy: () =>
        import('./components/EntityScorecardContent').then(
          m => m.EntityScorecardContent,
        ),
    },
  }),
);

/**
 * The "Platform metrics" tab of Group, System and Domain pages: the scope's
 * summary, comparison, golden-path split and services.
 *
 * @public
 */
export const EntityPlatformMetricsContent: () => JSX.Element = platformMetricsPlugin.provide(
  createComponentExtension({
    name: 'EntityPlatformMetricsContent',
    component: {
      lazy: () =>
        import('./components/EntityPlatformMetricsContent').then(
          m => m.EntityPlatformMetricsContent,
        ),
    },
  }),
);

/**
 * The developer NPS survey card, for the home page or an entity page.
 *
 * @public
 */
export const SurveyCard: (props: { title?: string }) => JSX.Element | null =
  platformMetricsPlugin.provide(
  createComponentExtension({
    name: 'SurveyCard',
    component: {
      lazy: () => import('./components/SurveyCard').then(m => m.SurveyCard),
    },
  }),
);

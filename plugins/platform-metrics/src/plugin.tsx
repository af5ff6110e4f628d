import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/platform-metrics',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const platformMetricsPlugin = createFrontendPlugin({
  pluginId: 'platform-metrics',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});

import { screen } from '@testing-library/react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Settings } from 'luxon';
import { SWRConfig } from 'swr';
import { platformMetricsApiRef } from '../../../api';
import { QuarterReviewPage } from '..';
import { reviewApi } from '../../../testing/reviewFixtures';

/** Runs each test of the file at 2026-08-15 12:00 UTC (in 2026-Q3). */
export function atReviewNow() {
  const realNow = Settings.now;
  beforeEach(() => {
    Settings.now = () => Date.parse('2026-08-15T12:00:00.000Z');
  });
  afterEach(() => {
    Settings.now = realNow;
  });
}

/** Renders the Quarter in review (or `element`) at `route` with a fake API; comments allowed unless said. */
export async function renderReview(
  api = reviewApi(),
  options: {
    route?: string;
    allowComments?: boolean;
    element?: JSX.Element;
  } = {},
) {
  const permissionApi = new MockPermissionApi(() =>
    options.allowComments === false
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW,
  );
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [platformMetricsApiRef, api],
          [permissionApiRef, permissionApi],
        ]}
      >
        {options.element ?? <QuarterReviewPage />}
      </TestApiProvider>
    </SWRConfig>,
    {
      routeEntries: [options.route ?? '/review?quarter=2026-Q2'],
      // the health page's team table links to the catalog
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

/** The KPI table of 2026-Q2, once loaded. */
export const kpiTable = () =>
  screen.findByRole('table', {
    name: 'KPIs of 2026-Q2 against last quarter and the baseline',
  });

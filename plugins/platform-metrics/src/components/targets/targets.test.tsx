import { screen, waitFor, within } from '@testing-library/react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { SWRConfig } from 'swr';
import { platformMetricsApiRef } from '../../api';
import type { PlatformMetricsApi } from '../../api';
import { backendError, makeOrgSummary, mockApi } from '../../testing/fixtures';
import { makeScopeTargets, targetsApi } from '../../testing/targetFixtures';
import {
  NpsTile,
  TimeToFirstDeployTile,
} from '../PlatformHealthPage/HeadlineTiles';
import { PlatformHealthPage } from '../PlatformHealthPage/PlatformHealthPage';
import { EntityPlatformMetricsContent } from '../EntityPlatformMetricsContent/EntityPlatformMetricsContent';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments-team', namespace: 'default', title: 'Payments' },
  spec: { type: 'team', children: [] },
};

async function render(api: jest.Mocked<PlatformMetricsApi>, page: JSX.Element) {
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [platformMetricsApiRef, api],
          [permissionApiRef, new MockPermissionApi(() => AuthorizeResult.DENY)],
        ]}
      >
        {page}
      </TestApiProvider>
    </SWRConfig>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

const headings = (region: HTMLElement) =>
  within(within(region).getByRole('list', { name: 'Targets and their status' }))
    .getAllByRole('heading')
    .map(h => h.textContent);

describe('targets on the tiles', () => {
  it('shows the status in words, the target with its date and the progress under the figure', async () => {
    const [nps, , ttfd] = makeScopeTargets();
    await renderInTestApp(
      <>
        <NpsTile nps={makeOrgSummary().nps} target={nps} />
        <TimeToFirstDeployTile
          ttfd={makeOrgSummary().timeToFirstDeploy}
          target={ttfd}
        />
      </>,
    );
    const npsTile = screen.getByRole('region', { name: 'Developer NPS' });
    const badge = within(npsTile).getByRole('group', {
      name: 'Target of Developer NPS',
    });
    expect(within(badge).getByText('On track')).toHaveAttribute(
      'data-status',
      'on-track',
    );
    expect(badge).toHaveTextContent('Target ≥ +40 by Dec 31, 2026');
    const bar = within(badge).getByRole('progressbar', {
      name: 'Developer NPS: progress towards the target',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '60');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    expect(bar).toHaveAttribute('aria-valuetext', '60% of the way');
    expect(badge).toHaveTextContent('60% of the way');

    // a lower-is-better target, beyond it: the bar full, the words unclamped
    const ttfdBadge = within(
      screen.getByRole('region', { name: 'Time to first deploy' }),
    ).getByTestId('target-badge-timeToFirstDeploy');
    expect(ttfdBadge).toHaveTextContent('Met');
    expect(ttfdBadge).toHaveTextContent('Target ≤ 7 days by Dec 31, 2026');
    expect(within(ttfdBadge).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    expect(ttfdBadge).toHaveTextContent('115% of the way');
  });

  it('shows no badge without a target', async () => {
    await renderInTestApp(<NpsTile nps={makeOrgSummary().nps} />);
    expect(
      screen.queryByRole('group', { name: /^Target of/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});

describe('targets on the summary', () => {
  it("puts the org's targets on its tiles and lists them all, the DORA ones too, but not a team's", async () => {
    const api = await render(targetsApi(), <PlatformHealthPage />);
    const card = await screen.findByRole('region', { name: 'Targets' });
    expect(api.getTargets).toHaveBeenCalledTimes(1);
    expect(api.getTargets).toHaveBeenCalledWith();
    expect(headings(card)).toEqual([
      'Developer NPS · Whole organisation',
      'Golden-path adoption rate · Whole organisation',
      'Time to first deploy (median) · Whole organisation',
      'Lead time for changes · Whole organisation',
      'Deployment frequency · Whole organisation',
    ]);
    expect(within(card).queryByText(/payments-team/)).not.toBeInTheDocument();
    expect(within(card).getByTestId('target-leadTime')).toHaveTextContent(
      'Off track',
    );
    expect(
      within(card).getByTestId('target-deploymentFrequency'),
    ).toHaveTextContent('Insufficient data');
    // a sparkline of each series with two points or more, named with its unit
    expect(
      within(card).getByRole('figure', {
        name: 'Lead time for changes over time (hours), the target dashed',
      }),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('figure', {
        name: 'Golden-path adoption rate over time (%), the target dashed',
      }),
    ).toBeInTheDocument();
    expect(
      within(card).queryByTestId('target-sparkline-deploymentFrequency'),
    ).not.toBeInTheDocument();

    const adoption = screen.getByRole('region', {
      name: 'Golden-path adoption',
    });
    expect(
      within(adoption).getByTestId('target-badge-adoption'),
    ).toHaveTextContent('At risk');
    expect(
      within(adoption).getByTestId('target-badge-adoption'),
    ).toHaveTextContent('Target ≥ 50% by Dec 31, 2026');
    expect(
      within(screen.getByRole('region', { name: 'Developer NPS' })).getByText(
        'On track',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', { name: 'Time to first deploy' }),
      ).getByText('Met'),
    ).toBeInTheDocument();
  });

  it("shows a team's own targets on its tab, not the org's", async () => {
    await render(
      targetsApi(),
      <EntityProvider entity={team}>
        <EntityPlatformMetricsContent />
      </EntityProvider>,
    );
    const card = await screen.findByRole('region', { name: 'Targets' });
    expect(headings(card)).toEqual([
      'Golden-path adoption rate · payments-team',
      'Change failure rate · payments-team',
    ]);
    const adoption = screen.getByRole('region', {
      name: 'Golden-path adoption',
    });
    expect(
      within(adoption).getByTestId('target-badge-adoption'),
    ).toHaveTextContent('Off track');
    expect(
      within(adoption).getByTestId('target-badge-adoption'),
    ).toHaveTextContent('Target ≥ 80% by');
    expect(
      within(
        screen.getByRole('region', { name: 'Developer NPS' }),
      ).queryByTestId('target-badge-nps'),
    ).not.toBeInTheDocument();
  });

  it('shows no card and no badge when the scope has no target', async () => {
    const api = await render(mockApi(), <PlatformHealthPage />);
    await screen.findByRole('region', { name: 'Developer NPS' });
    await waitFor(() => expect(api.getTargets).toHaveBeenCalled());
    expect(
      screen.queryByRole('region', { name: 'Targets' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByTestId(/^target-badge-/)).not.toBeInTheDocument();
  });

  it('still shows the page, without targets or an error, when the targets cannot be read', async () => {
    const api = mockApi({
      getTargets: jest.fn().mockRejectedValue(backendError('not allowed', 403)),
    });
    await render(api, <PlatformHealthPage />);
    expect(
      await screen.findByRole('region', { name: 'Developer NPS' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getTargets).toHaveBeenCalled());
    expect(
      screen.getByRole('region', { name: 'Golden-path adoption' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Targets' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByText(/not allowed|Could not load the targets/),
    ).not.toBeInTheDocument();
  });
});

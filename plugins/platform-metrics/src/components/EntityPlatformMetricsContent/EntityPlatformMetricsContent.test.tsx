import { screen, within } from '@testing-library/react';
import { MockPermissionApi, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { SWRConfig } from 'swr';
import { platformMetricsApiRef } from '../../api';
import { makeComparison, makeOrgSummary, makeSplit, mockApi } from '../../testing/fixtures';
import { EntityPlatformMetricsContent } from './EntityPlatformMetricsContent';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments-team', namespace: 'default', title: 'Payments' },
  spec: { type: 'team', children: [] },
};
const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'group:default/payments-team' },
};

async function renderTab(entity: Entity, api = mockApi()) {
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [platformMetricsApiRef, api],
          [permissionApiRef, new MockPermissionApi(() => AuthorizeResult.DENY)],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityPlatformMetricsContent />
        </EntityProvider>
      </TestApiProvider>
    </SWRConfig>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('EntityPlatformMetricsContent', () => {
  it("shows a team's services with their tiers and links to their scorecards, its summary and comparison", async () => {
    const api = mockApi({
      getOrgSummary: jest.fn().mockResolvedValue(makeOrgSummary({ comparison: makeComparison(), split: makeSplit() })),
    });
    await renderTab(team, api);
    expect(await screen.findByRole('heading', { name: 'Team: Payments' })).toBeInTheDocument();
    expect(api.getOrgSummary).toHaveBeenCalledWith({
      windowDays: 90,
      group: 'group:default/payments-team',
      compare: 'baseline',
      split: 'adoption',
    });
    expect(api.listScopeEntities).toHaveBeenCalledWith({ windowDays: 90, group: 'group:default/payments-team' });
    const services = screen.getByRole('table', { name: 'Services' });
    const payments = within(services).getByRole('link', { name: 'payments' });
    expect(payments).toHaveAttribute('href', '/catalog/default/component/payments/scorecard');
    const ledger = within(services).getByRole('row', { name: /ledger/ });
    expect(within(ledger).getByText('Medium')).toBeInTheDocument();
    expect(within(ledger).getByText('Not adopted')).toBeInTheDocument();
    // the summary of the scope: tiles, comparison and the golden-path split
    expect(screen.getByRole('region', { name: 'Developer NPS' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Compared with Before the platform' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Golden path against off path' })).toBeInTheDocument();
    // a team's tab has no team table of its own
    expect(screen.queryByRole('region', { name: 'Teams' })).not.toBeInTheDocument();
  });

  it('scopes a System page to the system', async () => {
    const api = await renderTab(system);
    expect(await screen.findByRole('heading', { name: 'System: payments' })).toBeInTheDocument();
    expect(api.getOrgSummary).toHaveBeenCalledWith(expect.objectContaining({ system: 'system:default/payments' }));
    expect(api.listScopeEntities).toHaveBeenCalledWith({ windowDays: 90, system: 'system:default/payments' });
    // the owners of its components, each linking to its Group page's Platform metrics tab
    expect(await screen.findByRole('link', { name: 'payments-team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/payments-team/platform-metrics?windowDays=90',
    );
  });
});

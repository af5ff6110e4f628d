import { screen, within } from '@testing-library/react';
import { MockPermissionApi, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SWRConfig } from 'swr';
import { platformMetricsIntegrationsReadPermission } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { mockApi } from '../../testing/fixtures';
import { PlatformHealthPage } from './PlatformHealthPage';
import { formatDateTime } from '../common/format';
import { rowTexts } from '../../testing/tables';

async function renderPage(allowIntegrations: boolean) {
  const api = mockApi();
  const permissionApi = new MockPermissionApi(request =>
    request.permission.name === platformMetricsIntegrationsReadPermission.name && allowIntegrations
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  );
  await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [platformMetricsApiRef, api],
          [permissionApiRef, permissionApi],
        ]}
      >
        <PlatformHealthPage />
      </TestApiProvider>
    </SWRConfig>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('the connected tools section of the Platform health page', () => {
  it('shows each tool with its deliveries, failures and unmatched repositories to holders of the permission', async () => {
    await renderPage(true);
    const section = await screen.findByRole('region', { name: 'Connected tools' });
    const github = within(section).getByRole('row', { name: /GitHub/ });
    expect(rowTexts(github)).toEqual([
      'GitHub',
      formatDateTime('2026-03-02T10:05:00.000Z'),
      '42',
      '3',
      '1',
      'acme/ledger (github.com/project-slug): 5',
    ]);
    expect(within(within(section).getByRole('row', { name: /PagerDuty/ })).getByText('not configured')).toBeInTheDocument();
  });

  it('is not there without the permission, and the status is not requested', async () => {
    const api = await renderPage(false);
    await screen.findByRole('region', { name: 'Developer NPS' });
    expect(screen.queryByRole('region', { name: 'Connected tools' })).not.toBeInTheDocument();
    expect(api.getIntegrationsStatus).not.toHaveBeenCalled();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { SWRConfig } from 'swr';
import {
  platformMetricsAnnotationsWritePermission,
  platformMetricsCommentsReadPermission,
  platformMetricsIntegrationsReadPermission,
} from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import {
  backendError,
  makeOrgSummary,
  makeTeam,
  mockApi,
} from '../../testing/fixtures';
import { PlatformHealthPage } from './PlatformHealthPage';
import { formatDateTime } from '../common/format';

async function renderPage(
  api = mockApi(),
  options: {
    allowComments?: boolean;
    routeEntries?: string[];
    authorize?: (request: EvaluatePermissionRequest) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const permissionApi = new MockPermissionApi(
    options.authorize ??
      (() => (options.allowComments ? AuthorizeResult.ALLOW : AuthorizeResult.DENY)),
  );
  // usePermission caches decisions in SWR: a fresh cache per test.
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
    {
      routeEntries: options.routeEntries ?? ['/'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

describe('PlatformHealthPage', () => {
  it('shows the headline tiles: NPS with band and n, adoption against phases, TTFD and stalled, tier distribution', async () => {
    const api = await renderPage();
    const nps = await screen.findByRole('region', { name: 'Developer NPS' });
    expect(api.getOrgSummary).toHaveBeenCalledWith({ windowDays: 90, group: undefined, compare: 'baseline', split: 'adoption' });
    expect(within(nps).getByTestId('nps-score')).toHaveTextContent('+32');
    expect(within(nps).getByText('Good')).toBeInTheDocument();
    expect(within(nps).getByText(/50 responses · survey 2026-Q1/)).toBeInTheDocument();

    const adoption = screen.getByRole('region', { name: 'Golden-path adoption' });
    expect(within(adoption).getByTestId('adoption-rate')).toHaveTextContent('35%');
    expect(within(adoption).getByText(/14 of 40 eligible entities/)).toBeInTheDocument();
    expect(within(adoption).getByText('At the 6-month phase (30–40% at 6 months)')).toBeInTheDocument();
    expect(within(adoption).getByRole('meter')).toHaveAttribute('aria-valuenow', '35');

    const ttfd = screen.getByRole('region', { name: 'Time to first deploy' });
    expect(within(ttfd).getByTestId('ttfd-median')).toHaveTextContent('5 days');
    expect(within(ttfd).getByTestId('ttfd-stalled')).toHaveTextContent('2 stalled entities');

    const tiers = screen.getByRole('region', { name: 'DORA tier distribution' });
    const items = within(within(tiers).getByRole('list')).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'Elite: 5',
      'High: 10',
      'Medium: 7',
      'Low: 3',
      'Insufficient data: 30',
    ]);
  });

  it('names the NPS band from metrics.md for a negative score', async () => {
    const summary = makeOrgSummary();
    const api = mockApi({
      getOrgSummary: jest.fn().mockResolvedValue({
        ...summary,
        nps: { ...summary.nps, score: -35, band: null },
      }),
    });
    await renderPage(api);
    const nps = await screen.findByRole('region', { name: 'Developer NPS' });
    expect(within(nps).getByTestId('nps-score')).toHaveTextContent('-35');
    expect(within(nps).getByText('Critical')).toBeInTheDocument();
  });

  it('says why the NPS is withheld, with no number of responses', async () => {
    const summary = makeOrgSummary();
    const withheld = 'not a reporting group';
    const api = mockApi({
      getOrgSummary: jest.fn().mockResolvedValue({
        ...summary,
        nps: {
          ...summary.nps,
          score: null, n: null, promoters: null, passives: null, detractors: null, band: null, withheld,
        },
      }),
    });
    await renderPage(api);
    const nps = await screen.findByRole('region', { name: 'Developer NPS' });
    expect(within(nps).getByText('Withheld: not a reporting group')).toBeInTheDocument();
    expect(within(nps).getByText('survey 2026-Q1')).toBeInTheDocument();
    expect(within(nps).queryByText(/responses/)).not.toBeInTheDocument();
    expect(within(nps).queryByText(/promoters/)).not.toBeInTheDocument();
  });

  it("has one team row per owner group, with the hidden NPS reason and a link to the team's Platform metrics tab", async () => {
    await renderPage(mockApi(), { routeEntries: ['/?windowDays=30'] });
    const link = await screen.findByRole('link', { name: 'payments-team' });
    expect(link).toHaveAttribute('href', '/catalog/default/group/payments-team/platform-metrics?windowDays=30');
    const searchRow = screen.getByRole('link', { name: 'search-team' }).closest('tr')!;
    expect(within(searchRow).getByText('hidden: fewer than 5 responses')).toBeInTheDocument();
    const paymentsRow = link.closest('tr')!;
    expect(within(paymentsRow).getByText('+40 (n = 12, 80% responded)')).toBeInTheDocument();
    expect(within(paymentsRow).getByText('50%')).toBeInTheDocument();
  });

  it("links an owner that is not a group to its entity page, which has no Platform metrics tab", async () => {
    const teams = [makeTeam({ groupRef: 'user:default/jane.doe' })];
    await renderPage(mockApi({ getOrgSummary: jest.fn().mockResolvedValue(makeOrgSummary({ teams })) }));
    const link = await screen.findByRole('link', { name: 'jane.doe' });
    expect(link).toHaveAttribute('href', '/catalog/default/user/jane.doe');
  });

  it('filters and sorts the team table', async () => {
    await renderPage();
    await screen.findByRole('link', { name: 'payments-team' });
    // Sort by adoption ascending: search-team (20%) before payments-team (50%).
    await userEvent.click(screen.getAllByRole('button', { name: 'Adoption' })[0]);
    const teamLinks = () =>
      screen.getAllByRole('link').filter(l => /-team$/.test(l.textContent ?? '')).map(l => l.textContent);
    await waitFor(() => expect(teamLinks()).toEqual(['search-team', 'payments-team']));

    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'payments' },
    });
    await waitFor(() => expect(teamLinks()).toEqual(['payments-team']));
  }, 20000);

  it('scopes the page to a team with ?group=', async () => {
    const api = await renderPage(mockApi(), {
      routeEntries: ['/?group=group%3Adefault%2Fpayments-team&windowDays=30'],
    });
    await screen.findByRole('region', { name: 'Developer NPS' });
    expect(api.getOrgSummary).toHaveBeenCalledWith({
      windowDays: 30,
      group: 'group:default/payments-team',
      compare: 'baseline',
      split: 'adoption',
    });
    expect(screen.getByRole('heading', { name: 'Team: payments-team' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the whole organisation' })).toBeInTheDocument();
  });

  it('shows the top three comment categories and anonymous comments to holders of the permission', async () => {
    const api = await renderPage(mockApi(), { allowComments: true });
    const section = await screen.findByRole('region', { name: 'Survey comments' });
    expect(api.getSurveyComments).toHaveBeenCalledWith('2026-Q1', { group: undefined });
    const top = await within(section).findByRole('list', { name: 'Top comment categories' });
    expect(within(top).getAllByRole('listitem').map(li => li.textContent)).toEqual([
      'Docs (9 comments)',
      'Environments (6 comments)',
      'CI speed (4 comments)',
    ]);
    expect(within(section).getByText('Builds take forever')).toBeInTheDocument();
    // the score's bucket, never the exact score (metrics.md §8a)
    expect(within(section).getByText('Detractor')).toBeInTheDocument();
    expect(within(section).getByText('Passive')).toBeInTheDocument();
    expect(within(section).queryByText(/Score \d/)).not.toBeInTheDocument();
  });

  it('does not show or fetch comments without the permission', async () => {
    const api = await renderPage(mockApi(), { allowComments: false });
    await screen.findByRole('region', { name: 'Developer NPS' });
    expect(screen.queryByRole('region', { name: 'Survey comments' })).not.toBeInTheDocument();
    expect(api.getSurveyComments).not.toHaveBeenCalled();
  });

  it('asks the permission framework for the comments, annotations write and integrations permissions, and for nothing else', async () => {
    const authorize = jest.fn((request: EvaluatePermissionRequest) =>
      request.permission.name === platformMetricsCommentsReadPermission.name
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    );
    const api = await renderPage(mockApi(), { authorize });
    expect(await screen.findByRole('region', { name: 'Survey comments' })).toBeInTheDocument();
    expect(authorize).toHaveBeenCalled();
    for (const [request] of authorize.mock.calls) {
      expect([
        platformMetricsCommentsReadPermission,
        platformMetricsAnnotationsWritePermission,
        platformMetricsIntegrationsReadPermission,
      ]).toContainEqual(
        request.permission,
      );
    }
    expect(api.getSurveyComments).toHaveBeenCalledTimes(1);
  });

  it('shows no comments when the permission decision fails', async () => {
    const authorize = jest.fn((): AuthorizeResult.ALLOW => {
      throw new Error('permission backend unavailable');
    });
    const api = await renderPage(mockApi(), { authorize });
    await screen.findByRole('region', { name: 'Developer NPS' });
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Survey comments' })).not.toBeInTheDocument();
    expect(api.getSurveyComments).not.toHaveBeenCalled();
  });

  it('says when precomputed figures were computed', async () => {
    const computedAt = '2026-03-31T12:00:00.000Z';
    await renderPage(mockApi({ getOrgSummary: jest.fn().mockResolvedValue(makeOrgSummary({ computedAt })) }));
    expect(await screen.findByText(new RegExp(`figures as of ${formatDateTime(computedAt)}`))).toBeInTheDocument();
  });

  it('does not break on null values and empty trends', async () => {
    const summary = makeOrgSummary();
    const api = mockApi({
      getOrgSummary: jest.fn().mockResolvedValue({
        ...summary,
        adoption: { rate: null, adopted: 0, eligible: 0, exceptions: 0, trend: [], bySystem: [] },
        timeToFirstDeploy: { median: null, n: 0, stalled: 0 },
        nps: {
          surveyId: '2026-Q1', score: null, n: 0, promoters: 0, passives: 0,
          detractors: 0, band: null, trend: [],
        },
        trend: [],
        teams: [],
        dora: {
          ...summary.dora,
          tierDistribution: { elite: 0, high: 0, medium: 0, low: 0, 'insufficient-data': 0 },
        },
      }),
    });
    await renderPage(api);
    const nps = await screen.findByRole('region', { name: 'Developer NPS' });
    expect(within(nps).getByText('No responses yet')).toBeInTheDocument();
    expect(screen.getByTestId('adoption-rate')).toHaveTextContent('No eligible entities');
    expect(screen.getByTestId('ttfd-median')).toHaveTextContent('No data');
    expect(screen.getByText('No entities with metrics yet')).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'NPS by survey' })).toHaveTextContent('No survey responses yet.');
    expect(screen.getByRole('figure', { name: 'Golden-path adoption over time' })).toHaveTextContent('No adoption snapshots yet.');
    expect(screen.getByRole('figure', { name: 'Weekly deployments' })).toHaveTextContent('No deployments in this window.');
    expect(screen.getByText('No owner groups with eligible entities in this window.')).toBeInTheDocument();
  });

  it('shows the backend error message', async () => {
    const api = mockApi({
      getOrgSummary: jest.fn().mockRejectedValue(backendError('Missing permission platform-metrics.metrics.read')),
    });
    await renderPage(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load platform health');
    expect(alert).toHaveTextContent('Missing permission platform-metrics.metrics.read');
  });
});

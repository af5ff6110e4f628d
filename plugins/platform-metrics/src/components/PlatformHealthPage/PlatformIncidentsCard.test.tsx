import { screen, within } from '@testing-library/react';
import { backendError, mockApi } from '../../testing/fixtures';
import { makePlatformIncident, makePlatformIncidents } from '../../testing/platformIncidentFixtures';
import { formatHours } from './PlatformIncidentsCard';
import { rowTexts } from '../../testing/tables';
import { renderHealthPage } from '../../__testUtils__/renderHealthPage';


const cells = rowTexts;

describe('the platform incident impact on the Platform health page', () => {
  it('shows the developer-hours of the window with n, per quarter, a bar per week and the costliest incidents', async () => {
    const api = await renderHealthPage();
    const card = await screen.findByRole('region', { name: 'Platform incident impact' });
    expect(await within(card).findByTestId('platform-incidents-total')).toHaveTextContent(/^318 developer-hours$/);
    expect(within(card).getByTestId('platform-incidents-n')).toHaveTextContent('lost to 3 incidents resolved in the window');
    expect(within(card).getByText('1 of them counted by the incident tool · 1 incident still open (not counted)')).toBeInTheDocument();
    const quarters = within(card).getByRole('list', { name: 'Developer-hours per quarter' });
    expect(within(quarters).getAllByRole('listitem').map(li => li.textContent)).toEqual([
      '2026-Q1: 318 developer-hours (3 incidents)',
    ]);
    expect(within(card).getByRole('figure', { name: 'Developer-hours lost per week' })).toBeInTheDocument();

    const table = within(card).getByRole('table', { name: 'Costliest platform incidents' });
    const [, ...rows] = within(table).getAllByRole('row');
    expect(cells(rows[0])).toEqual([
      'resource:ci-runner-pool',
      'ci-pool-outage (sev2)',
      expect.stringMatching(/2026/),
      '3.5 hours',
      '64 (from the catalog)',
      '224',
    ]);
    expect(cells(rows[1]).slice(3)).toEqual(['2 hours', '40 (from the incident)', '80']);
    expect(cells(rows[2]).slice(0, 1)).toEqual(['secrets-broker']);
    expect(cells(rows[2]).slice(3)).toEqual(['45 min', '18 (from the catalog)', '13.5']);
    // each entity links to its catalog page
    expect(within(rows[0]).getByRole('link', { name: 'resource:ci-runner-pool' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/ci-runner-pool',
    );
    expect(within(rows[2]).getByRole('link', { name: 'secrets-broker' })).toHaveAttribute('href', '/catalog/default/component/secrets-broker');
    expect(api.getPlatformIncidents).toHaveBeenCalledWith({ windowDays: 90 });
  });

  it('loads the window of the page, and is not shown for a team', async () => {
    const api = await renderHealthPage(mockApi(), ['/?windowDays=365']);
    await screen.findByRole('region', { name: 'Platform incident impact' });
    expect(api.getPlatformIncidents).toHaveBeenCalledWith({ windowDays: 365 });

    const team = await renderHealthPage(mockApi(), ['/?group=group%3Adefault%2Fpayments-team']);
    await screen.findAllByRole('region', { name: 'Self-service ratio' });
    expect(team.getPlatformIncidents).not.toHaveBeenCalled();
  });

  it('says the singular for one developer-hour and one incident', async () => {
    const one = makePlatformIncident('one', 'component:default/artifact-cache', 1, 1, 'incident', '2026-03-02T10:00:00.000Z');
    await renderHealthPage(
      mockApi({
        getPlatformIncidents: jest.fn().mockResolvedValue(
          makePlatformIncidents({ incidents: 1, affectedFromIncident: 1, totalDeveloperHours: 1, open: 0, costliest: [one] }),
        ),
      }),
    );
    const card = await screen.findByRole('region', { name: 'Platform incident impact' });
    expect(await within(card).findByTestId('platform-incidents-total')).toHaveTextContent(/^1 developer-hour$/);
    expect(within(card).getByTestId('platform-incidents-n')).toHaveTextContent('lost to 1 incident resolved in the window');
  });

  it.each([
    [{ incidents: 0, open: 0, totalDeveloperHours: 0, costliest: [] }, /No incidents on platform-owned components or resources in this window/],
    [{ platformOwners: [], incidents: 0, open: 0 }, /No platform team configured: set platformMetrics.platformOwners/],
  ])('says so when there is nothing to show (%p)', async (overrides, text) => {
    await renderHealthPage(mockApi({ getPlatformIncidents: jest.fn().mockResolvedValue(makePlatformIncidents(overrides)) }));
    const card = await screen.findByRole('region', { name: 'Platform incident impact' });
    expect(await within(card).findByText(text)).toBeInTheDocument();
    expect(within(card).queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the backend’s error in the card, and the rest of the page', async () => {
    await renderHealthPage(mockApi({ getPlatformIncidents: jest.fn().mockRejectedValue(backendError('You may not read metrics', 403)) }));
    const card = await screen.findByRole('region', { name: 'Platform incident impact' });
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the platform incident impact');
    expect(alert).toHaveTextContent('You may not read metrics (403 Forbidden)');
    expect(screen.getByRole('region', { name: 'Developer NPS' })).toBeInTheDocument();
  });
});

describe('formatHours', () => {
  it('shows one decimal below 100 hours and whole hours from there', () => {
    expect(formatHours(13.46)).toBe('13.5');
    expect(formatHours(0)).toBe('0');
    expect(formatHours(99.94)).toBe('99.9');
    expect(formatHours(1224.4)).toBe('1,224');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { reviewApi } from '../../testing/reviewFixtures';
import {
  atReviewNow,
  kpiTable,
  renderReview,
} from './__testUtils__/renderReview';
import { PlatformHealthRoutes } from '../PlatformHealthPage';
import { PRINT_CSS } from './PrintStyles';
import alphaPlugin from '../../alpha';
import { platformMetricsPlugin } from '../../plugin';
import { reviewRouteRef } from '../../routes';

atReviewNow();

describe('QuarterReviewPage', () => {
  it('shows every KPI of the quarter against last quarter and the baseline, the change and its direction in words', async () => {
    const api = await renderReview();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Quarter in review' }),
    ).toBeInTheDocument();
    const table = await kpiTable();
    expect(api.getOrgSummary).toHaveBeenCalledWith({
      windowDays: 91,
      to: '2026-07-01T00:00:00.000Z',
      compare: 'previous',
    });
    expect(api.getOrgSummary).toHaveBeenCalledWith({
      windowDays: 91,
      to: '2026-07-01T00:00:00.000Z',
      compare: 'baseline',
    });
    // the quarter before, for its adoption snapshots
    expect(api.getOrgSummary).toHaveBeenCalledWith({
      windowDays: 90,
      to: '2026-04-01T00:00:00.000Z',
    });
    expect(api.getOrgSummary).toHaveBeenCalledTimes(3);

    const rows = within(table).getAllByRole('row').slice(2);
    expect(rows.map(r => within(r).getByRole('rowheader').textContent)).toEqual(
      [
        'Deployment frequency',
        'Lead time for changes',
        'Change failure rate',
        'Time to restore service',
        'Time to first deploy (median)',
        'Golden-path adoption rate',
        'Developer NPS',
      ],
    );
    const lead = within(table).getByTestId('review-kpi-leadTime');
    const cells = within(lead)
      .getAllByRole('cell')
      .map(c => c.textContent);
    // this quarter | last quarter, change, direction | baseline, change, direction
    expect(cells[0]).toBe('4 hours');
    expect(cells[1]).toBe('2 hours');
    expect(cells[2]).toBe('+2 hours (+100%)');
    expect(cells[3]).toBe('WorseSignificant (p = 0.020)');
    expect(cells[4]).toBe('2 days');
    expect(cells[5]).toBe('−1.8 days (−92%)');
    expect(cells[6]).toBe('BetterSignificant (p < 0.001)');
    expect(within(lead).getByText('Worse')).toHaveStyle({ color: '#b71c1c' });

    const adoption = within(table).getByTestId('review-kpi-adoptionRate');
    const adoptionCells = within(adoption)
      .getAllByRole('cell')
      .map(c => c.textContent);
    // the last snapshot of each quarter: 40% against 25%; no baseline figure
    expect(adoptionCells.slice(0, 4)).toEqual([
      '40%',
      '25%',
      '+15.0% (+60%)',
      'BetterNot tested',
    ]);
    expect(adoptionCells.slice(4)).toEqual(['—', '—', '—']);

    const nps = within(table).getByTestId('review-kpi-nps');
    expect(nps).toHaveTextContent('+32');
    expect(nps).toHaveTextContent('+20');
    expect(
      within(table).getByRole('columnheader', {
        name: 'Against Before the platform',
      }),
    ).toBeInTheDocument();
  });

  it('defaults to the last complete quarter and offers the running one and the seven before it', async () => {
    const api = await renderReview(reviewApi(), { route: '/review' });
    const select = await screen.findByLabelText('Quarter');
    expect(select).toHaveValue('2026-Q2');
    const options = within(select).getAllByRole('option');
    expect(options).toHaveLength(8);
    expect(options[0]).toHaveTextContent(
      '2026-Q3 (Jul 1, 2026 – Sep 30, 2026 (UTC), in progress)',
    );
    expect(options[7]).toHaveValue('2024-Q4');
    await kpiTable();
    expect(api.getOrgSummary).toHaveBeenCalledWith(
      expect.objectContaining({
        to: '2026-07-01T00:00:00.000Z',
        compare: 'previous',
      }),
    );
  });

  it('reads another quarter when one is chosen', async () => {
    const api = await renderReview();
    await kpiTable();
    api.getOrgSummary.mockClear();
    api.listAnnotations.mockClear();
    api.getTargets.mockClear();
    await userEvent.selectOptions(screen.getByLabelText('Quarter'), '2025-Q4');
    await waitFor(() =>
      expect(api.getOrgSummary).toHaveBeenCalledWith({
        windowDays: 92,
        to: '2026-01-01T00:00:00.000Z',
        compare: 'previous',
      }),
    );
    expect(api.getOrgSummary).toHaveBeenCalledWith({
      windowDays: 92,
      to: '2025-10-01T00:00:00.000Z',
    });
    expect(api.listAnnotations).toHaveBeenCalledWith({
      scope: 'org',
      from: '2025-10-01T00:00:00.000Z',
      to: '2026-01-01T00:00:00.000Z',
    });
    expect(api.getTargets).toHaveBeenCalledWith({
      to: '2026-01-01T00:00:00.000Z',
    });
    expect(screen.getByLabelText('Quarter')).toHaveValue('2025-Q4');
  });

  it('reads the running quarter up to the end of today and says it is still running', async () => {
    const api = await renderReview(reviewApi(), {
      route: '/review?quarter=2026-Q3',
    });
    expect(
      await screen.findByText(/This quarter is still running/),
    ).toBeInTheDocument();
    expect(api.getOrgSummary).toHaveBeenCalledWith({
      windowDays: 46,
      to: '2026-08-16T00:00:00.000Z',
      compare: 'previous',
    });
  });

  it('says how to set a baseline when none is configured, and leaves the baseline columns empty', async () => {
    await renderReview(reviewApi({ baseline: false }));
    const table = await kpiTable();
    expect(screen.getByText('No baseline is configured')).toBeInTheDocument();
    expect(
      screen.getByText(/Set platformMetrics\.baseline in app-config\.yaml/),
    ).toBeInTheDocument();
    const lead = within(table).getByTestId('review-kpi-leadTime');
    const cells = within(lead)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells[1]).toBe('2 hours');
    expect(cells.slice(4)).toEqual(['—', '—', '—']);
    expect(
      within(table).getByRole('columnheader', { name: 'Against the baseline' }),
    ).toBeInTheDocument();
  });

  it('shows the adoption phase of the rate at the quarter end', async () => {
    await renderReview();
    const phase = await screen.findByRole('region', { name: 'Adoption phase' });
    expect(within(phase).getByTestId('review-phase')).toHaveTextContent(
      'Early majority',
    );
    expect(
      within(phase).getByText('Early majority (15–50% adopted)'),
    ).toBeInTheDocument();
    expect(
      within(phase).getByText('Milestone reached: 30–40% at 6 months'),
    ).toBeInTheDocument();
  });

  it('prints: a Print button, and a print stylesheet for A4 and Letter without the app chrome', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => {});
    await renderReview();
    await kpiTable();
    await userEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalled();
    print.mockRestore();
    expect(
      screen.getByTestId('platform-metrics-review-print').textContent,
    ).toBe(PRINT_CSS);
    expect(PRINT_CSS).toContain('@page { size: auto; margin: 12mm; }');
    expect(PRINT_CSS).toMatch(
      /nav, \[data-testid="sidebar-root"\], \[data-print="hide"\] \{ display: none/,
    );
    expect(PRINT_CSS).toContain('break-inside: avoid');
    // the controls hide on paper; the quarter stays in the header
    expect(
      screen.getByLabelText('Quarter').closest('[data-print="hide"]'),
    ).not.toBeNull();
    expect(
      screen.getByText(/^2026-Q2 · Apr 1, 2026 – Jun 30, 2026 \(UTC\)$/),
    ).toBeInTheDocument();
    expect(document.getElementById('platform-metrics-review')).toHaveAttribute(
      'data-quarter',
      '2026-Q2',
    );
  });

  it('is the health page’s sub-page at review, linked from its header and back', async () => {
    await renderReview(reviewApi(), {
      route: '/',
      element: <PlatformHealthRoutes />,
    });
    const link = await screen.findByRole('link', { name: 'Quarter in review' });
    expect(link).toHaveAttribute('href', '/review');
    await userEvent.click(link);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Quarter in review',
      }),
    ).toBeInTheDocument();
    await kpiTable();
    await userEvent.click(
      screen.getByRole('link', { name: 'Back to Platform health' }),
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Platform health' }),
    ).toBeInTheDocument();
  });

  it('is the plugin’s review route in both frontend systems', () => {
    expect(platformMetricsPlugin.routes.review).toBe(reviewRouteRef);
    expect(reviewRouteRef.path).toBe('/review');
    expect(alphaPlugin.routes.review).toBeDefined();
  });
});

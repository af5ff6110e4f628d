import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SummaryOptions } from '../../api';
import { backendError, makeComparison, makeOrgSummary, makeSplit, mockApi } from '../../testing/fixtures';
import { renderHealthPage } from '../../__testUtils__/renderHealthPage';


const compared = () =>
  mockApi({ getOrgSummary: jest.fn().mockResolvedValue(makeOrgSummary({ comparison: makeComparison(), split: makeSplit() })) });

describe('the comparison with the baseline on the Platform health page', () => {
  it('shows each metric against the baseline: both values with n, the change, a coloured direction and the verdict', async () => {
    await renderHealthPage(compared());
    const table = await screen.findByRole('table', { name: 'Compared with Before the platform' });
    expect(screen.getByText(/^Before the platform: .*2025.*31.*2025 \(UTC\)$/)).toBeInTheDocument();
    const lead = within(table).getByTestId('compare-leadTime');
    expect(lead).toHaveTextContent('2 days (n = 120)');
    expect(lead).toHaveTextContent('4 hours (n = 200)');
    expect(lead).toHaveTextContent('−1.8 days (−92%)');
    expect(lead).toHaveTextContent('Significant (p < 0.001)');
    const better = within(lead).getByText('Better');
    expect(better).toHaveStyle({ color: '#1b5e20' });
    const cfr = within(table).getByTestId('compare-changeFailureRate');
    expect(cfr).toHaveTextContent('+5.0% (+50%)');
    expect(within(cfr).getByText('Worse')).toHaveStyle({ color: '#b71c1c' });
    expect(cfr).toHaveTextContent('Inconclusive (p = 0.400)');
    expect(within(table).getByTestId('compare-timeToRestore')).toHaveTextContent('Insufficient data (fewer than 3)');
    // TTFD and NPS are compared without a test; a withheld NPS shows no n
    const ttfd = within(table).getByTestId('compare-timeToFirstDeploy');
    expect(ttfd).toHaveTextContent('30 days (n = 4)');
    expect(ttfd).toHaveTextContent('Not tested');
    const nps = within(table).getByTestId('compare-nps');
    expect(nps).toHaveTextContent('+32 (n = 50)');
    expect(nps).toHaveTextContent('Insufficient data');
  });

  it('says how to set a baseline when none is configured, and shows the previous period meanwhile', async () => {
    const api = mockApi({
      getOrgSummary: jest.fn(async (options?: SummaryOptions) => {
        if (options?.compare === 'baseline') {
          throw backendError('compare=baseline: no baseline is configured; set platformMetrics.baseline.from and platformMetrics.baseline.to', 400);
        }
        return makeOrgSummary({ comparison: makeComparison({ against: 'previous', label: 'Previous period' }) });
      }),
    });
    await renderHealthPage(api);
    expect(await screen.findByText('No baseline is configured')).toBeInTheDocument();
    expect(screen.getByText(/Set platformMetrics\.baseline in app-config\.yaml/)).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Compared with Previous period' })).toBeInTheDocument();
    expect(api.getOrgSummary).toHaveBeenLastCalledWith(expect.objectContaining({ compare: 'previous' }));
  });

  it('switches to the previous period with the selector, kept in the URL', async () => {
    const api = await renderHealthPage(compared(), ['/?compare=baseline']);
    await screen.findByRole('table', { name: 'Compared with Before the platform' });
    await userEvent.click(screen.getByRole('button', { name: 'Previous period' }));
    await waitFor(() =>
      expect(api.getOrgSummary).toHaveBeenLastCalledWith(expect.objectContaining({ compare: 'previous', split: 'adoption' })),
    );
  });
});

describe('the platform success checklist', () => {
  it('checks the measurable predictors against their thresholds, each with its figure and a link to it', async () => {
    await renderHealthPage(
      mockApi({
        getOrgSummary: jest.fn().mockResolvedValue(
          makeOrgSummary({
            comparison: makeComparison(),
            timeToFirstDeploy: { median: 45 * 86_400, n: 6, stalled: 1 },
          }),
        ),
      }),
    );
    const card = await screen.findByRole('region', { name: 'Platform success' });
    // NPS +32 and a baseline are met; adoption 35% and a 45-day time to value are not
    expect(within(card).getByText('2 of 4 measurable predictors of platform success met')).toBeInTheDocument();
    expect(within(card).getByTestId('success-adoption')).toHaveTextContent(/Voluntary adoption above 50%Not met35%/);
    const nps = within(card).getByTestId('success-nps');
    expect(nps).toHaveTextContent('Developer NPS above 20');
    expect(nps).toHaveTextContent('Met');
    expect(within(nps).getByRole('link', { name: '+32' })).toHaveAttribute('href', '#platform-metrics-nps');
    const ttfd = within(card).getByTestId('success-ttfd');
    expect(ttfd).toHaveTextContent('Not met');
    expect(ttfd).toHaveTextContent('45 days');
    expect(within(card).getByTestId('success-baseline')).toHaveTextContent('Before the platform');
  });

  it('counts a missing baseline as not met', async () => {
    await renderHealthPage(
      mockApi({
        getOrgSummary: jest.fn(async (options?: SummaryOptions) => {
          if (options?.compare === 'baseline') throw backendError('no baseline: set platformMetrics.baseline.from', 400);
          return makeOrgSummary();
        }),
      }),
    );
    const baseline = await screen.findByTestId('success-baseline');
    expect(baseline).toHaveTextContent('Not met');
    expect(baseline).toHaveTextContent('not configured');
  });
});

describe('golden path against off path', () => {
  it('draws each figure by cohort with its n, captioned as a correlation', async () => {
    await renderHealthPage(compared());
    const card = await screen.findByRole('region', { name: 'Golden path against off path' });
    expect(within(card).getByText(/Correlation, not causation/)).toBeInTheDocument();
    for (const key of ['perEntity', 'leadTime', 'changeFailureRate', 'timeToRestore', 'timeToFirstDeploy']) {
      expect(within(card).getByTestId(`split-${key}`)).toBeInTheDocument();
    }
    expect(within(card).getByRole('figure', { name: 'Lead time, median (hours) by golden-path status' })).toBeInTheDocument();
  });
});

describe('the CSV export', () => {
  it('downloads the window and scope of the page as the file the backend names', async () => {
    const created: Blob[] = [];
    const createObjectURL = jest.fn((b: Blob) => {
      created.push(b);
      return 'blob:export';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const api = await renderHealthPage(mockApi(), ['/?group=group%3Adefault%2Fpayments-team&windowDays=30']);
    await userEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportEntitiesCsv).toHaveBeenCalledWith({ windowDays: 30, group: 'group:default/payments-team' });
    expect(await created[0].text()).toContain('component:default/payments');
    expect((click.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe(
      'platform-metrics-org-2026-01-01-2026-04-01.csv',
    );
    click.mockRestore();
  });
});

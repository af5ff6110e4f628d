import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { platformMetricsApiRef } from '../../api';
import {
  DEFAULT_ADOPTION_RULE_TEXTS,
  backendError,
  makeScorecard,
  mockApi,
} from '../../testing/fixtures';
import { standingSummaries } from '../../testing/standingFixtures';
import { EntityScorecardContent } from './EntityScorecardContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

async function renderContent(
  api = mockApi(),
  routeEntries: string[] = ['/'],
) {
  await renderInTestApp(
    <TestApiProvider apis={[[platformMetricsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityScorecardContent />
      </EntityProvider>
    </TestApiProvider>,
    { routeEntries },
  );
  return api;
}

function card(name: string) {
  return screen.getByRole('region', { name });
}

describe('EntityScorecardContent', () => {
  it('shows the four DORA metrics and rework rate in human units, with tiers and n', async () => {
    const api = await renderContent();
    await screen.findByRole('region', { name: 'Deployment frequency' });

    expect(api.getEntityScorecard).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments' },
      { windowDays: 90, compare: 'baseline' },
    );

    const df = card('Deployment frequency');
    expect(within(df).getByTestId('metric-value')).toHaveTextContent('2 per day');
    expect(within(df).getByText('Elite · DORA 2021')).toBeInTheDocument();
    expect(within(df).getByText('n = 180')).toBeInTheDocument();

    const lt = card('Lead time for changes');
    expect(within(lt).getByTestId('metric-value')).toHaveTextContent('3 hours');
    expect(within(lt).getByText(/p90 2 days/)).toBeInTheDocument();
    expect(within(lt).getByText(/change data coverage 95% \(171 of 180 deployments\)/)).toBeInTheDocument();
    expect(within(lt).getByText('High · DORA 2021')).toBeInTheDocument();
    expect(within(lt).getByText('n = 412')).toBeInTheDocument();

    const cfr = card('Change failure rate');
    expect(within(cfr).getByTestId('metric-value')).toHaveTextContent('25%');
    expect(within(cfr).getByText('45 of 180 deployments failed')).toBeInTheDocument();
    expect(within(cfr).getByText('Medium · DORA 2021')).toBeInTheDocument();

    const ttr = card('Time to restore service');
    expect(within(ttr).getByTestId('metric-value')).toHaveTextContent('2 days');
    expect(within(ttr).getByText(/1 incident still open/)).toBeInTheDocument();
    expect(within(ttr).getByText('Low · DORA 2021')).toBeInTheDocument();

    const rec = card('Failed deployment recovery time');
    expect(within(rec).getByTestId('metric-value')).toHaveTextContent('4 hours');
    expect(within(rec).getByText(/p90 1 day · 2 deployments not yet recovered/)).toBeInTheDocument();
    expect(within(rec).getByText('High · DORA 2021')).toBeInTheDocument();
    expect(within(rec).getByText('n = 40')).toBeInTheDocument();

    const rw = card('Rework rate');
    expect(within(rw).getByTestId('metric-value')).toHaveTextContent('10%');
    expect(within(rw).getByText('No benchmark tier')).toBeInTheDocument();

    // overall tier, golden path, time to first deploy
    expect(within(card('Overall')).getByText('Low')).toBeInTheDocument();
    expect(within(card('Golden path')).getByText('Adopted')).toBeInTheDocument();
    expect(screen.getByTestId('ttfd')).toHaveTextContent('2 days');
  });

  it('explains how each number is computed in a tooltip', async () => {
    await renderContent();
    const button = await screen.findByRole('button', {
      name: 'How Change failure rate is computed',
    });
    await userEvent.hover(button);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      /Failed deployments \/ successful production deployments/,
    );
  });

  it('shows insufficient data honestly, never as zero', async () => {
    const sc = makeScorecard();
    const api = mockApi({
      getEntityScorecard: jest.fn().mockResolvedValue({
        ...sc,
        dora: {
          ...sc.dora,
          deploymentFrequency: { perDay: 2 / 90, perWeek: 14 / 90, count: 2, tier: 'insufficient-data' },
          leadTime: { median: null, p90: null, n: 0, tier: 'insufficient-data' },
          overallTier: 'insufficient-data',
        },
      }),
    });
    await renderContent(api);
    const df = await screen.findByRole('region', { name: 'Deployment frequency' });
    expect(within(df).getByText('2 deployments, tier needs ≥ 3')).toBeInTheDocument();
    expect(within(df).getByText('Insufficient data · DORA 2021')).toBeInTheDocument();
    expect(within(df).getByTestId('metric-value')).toHaveTextContent('0.7 per month');

    const lt = card('Lead time for changes');
    expect(within(lt).getByTestId('metric-value')).toHaveTextContent('No changes shipped');
    expect(within(lt).getByText('0 changes, tier needs ≥ 3')).toBeInTheDocument();
    expect(within(lt).getByTestId('metric-value')).not.toHaveTextContent(/\d/);
  });

  it('does not break when the backend returns nulls and empty lists', async () => {
    const sc = makeScorecard();
    const api = mockApi({
      getEntityScorecard: jest.fn().mockResolvedValue({
        ...sc,
        dora: {
          deploymentFrequency: { perDay: 0, perWeek: 0, count: 0, tier: 'insufficient-data' },
          leadTime: { median: null, p90: null, n: 0, tier: 'insufficient-data' },
          changeFailureRate: { value: null, failed: 0, total: 0, tier: 'insufficient-data' },
          timeToRestore: { median: null, p90: null, n: 0, tier: 'insufficient-data', open: 0 },
          reworkRate: { value: null, rework: 0, total: 0 },
          overallTier: 'insufficient-data',
        },
        adoption: {
          status: 'not-adopted',
          reason: null,
          rules: DEFAULT_ADOPTION_RULE_TEXTS,
        },
        timeToFirstDeploy: { seconds: null, createdAt: null, firstDeployAt: null },
        trend: [],
        recentDeployments: [],
        recentIncidents: [],
      }),
    });
    await renderContent(api);
    const df = await screen.findByRole('region', { name: 'Deployment frequency' });
    expect(within(df).getByTestId('metric-value')).toHaveTextContent(
      'No production deployments in 90 days',
    );
    expect(within(card('Change failure rate')).getByTestId('metric-value')).toHaveTextContent('No deployments');
    expect(within(card('Time to restore service')).getByTestId('metric-value')).toHaveTextContent('No resolved incidents');
    expect(within(card('Golden path')).getByText('Not adopted')).toBeInTheDocument();
    expect(within(card('Golden path')).getByText(/backstage.io\/source-template/)).toBeInTheDocument();
    expect(screen.getByTestId('ttfd')).toHaveTextContent('Unknown: creation time not recorded');
    expect(screen.getByText('No deployments recorded in this window.')).toBeInTheDocument();
    expect(screen.getByText('No incidents recorded in this window.')).toBeInTheDocument();
    expect(screen.getAllByText('No weekly data in this window.').length).toBeGreaterThan(0);
  });

  it('names the adoption rule that matched an adopted component', async () => {
    const api = mockApi({
      getEntityScorecard: jest.fn().mockResolvedValue(
        makeScorecard({
          adoption: {
            status: 'adopted',
            reason: null,
            rule: 'annotation acme.io/paved-road is "yes"',
            rules: ['annotation acme.io/paved-road is "yes"'],
          },
        }),
      ),
    });
    await renderContent(api);
    const gp = await screen.findByRole('region', { name: 'Golden path' });
    expect(within(gp).getByText('Adopted')).toBeInTheDocument();
    expect(within(gp).getByText('This component is on the golden path.')).toBeInTheDocument();
    expect(within(gp).getByTestId('adoption-rule')).toHaveTextContent(
      'Adopted because annotation acme.io/paved-road is "yes".',
    );
  });

  it('lists the configured adoption rules for a component not adopted, and no default ones', async () => {
    const rules = [
      'annotation acme.io/paved-road is "yes"',
      'label acme.io/tier is set',
    ];
    const api = mockApi({
      getEntityScorecard: jest.fn().mockResolvedValue(
        makeScorecard({ adoption: { status: 'not-adopted', reason: null, rules } }),
      ),
    });
    await renderContent(api);
    const gp = await screen.findByRole('region', { name: 'Golden path' });
    expect(within(gp).getByText('Not adopted')).toBeInTheDocument();
    const list = within(gp).getByRole('list', { name: 'Any of these adopts it:' });
    expect(within(list).getAllByRole('listitem').map(li => li.textContent)).toEqual(rules);
    expect(gp).not.toHaveTextContent('backstage.io/source-template');
    expect(gp).not.toHaveTextContent('platform-metrics.io/golden-path:');
  });

  it('says no rule matches when the backend names no rules', async () => {
    const api = mockApi({
      getEntityScorecard: jest.fn().mockResolvedValue(
        makeScorecard({ adoption: { status: 'not-adopted', reason: null } }),
      ),
    });
    await renderContent(api);
    const gp = await screen.findByRole('region', { name: 'Golden path' });
    expect(within(gp).getByText('No adoption rule matches this component.')).toBeInTheDocument();
    expect(within(gp).queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows the sample threshold the backend sends, not a default', async () => {
    const sc = makeScorecard();
    const api = mockApi({
      getEntityScorecard: jest.fn().mockResolvedValue({
        ...sc,
        minSamples: 5,
        dora: {
          ...sc.dora,
          deploymentFrequency: { perDay: 4 / 90, perWeek: 28 / 90, count: 4, tier: 'insufficient-data' },
        },
      }),
    });
    await renderContent(api);
    const df = await screen.findByRole('region', { name: 'Deployment frequency' });
    expect(within(df).getByText('4 deployments, tier needs ≥ 5')).toBeInTheDocument();
  });

  it('shows a golden-path exception with its reason', async () => {
    const api = mockApi({
      getEntityScorecard: jest.fn().mockResolvedValue(
        makeScorecard({ adoption: { status: 'exception', reason: 'PCI-scoped legacy runtime' } }),
      ),
    });
    await renderContent(api);
    const gp = await screen.findByRole('region', { name: 'Golden path' });
    expect(within(gp).getByText('Exception')).toBeInTheDocument();
    expect(within(gp).getByText(/PCI-scoped legacy runtime/)).toBeInTheDocument();
  });

  it('lists the latest deployments with the failed ones marked, and incidents', async () => {
    await renderContent();
    const table = await screen.findByRole('table', { name: 'Latest deployments' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveAttribute('data-failed', 'false');
    expect(within(rows[0]).getByText('Succeeded')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Failed change')).toBeInTheDocument();
    expect(rows[1]).toHaveAttribute('data-failed', 'true');
    expect(within(rows[2]).getByText('Rollout failed')).toBeInTheDocument();

    const incidents = screen.getByRole('table', { name: 'Latest incidents' });
    const irows = within(incidents).getAllByRole('row').slice(1);
    expect(within(irows[0]).getByText('3 hours')).toBeInTheDocument();
    expect(within(irows[0]).getByText('dep-2')).toBeInTheDocument();
    expect(within(irows[1]).getByText('Open')).toBeInTheDocument();
  });

  it('shows the backend error message', async () => {
    const api = mockApi({
      getEntityScorecard: jest
        .fn()
        .mockRejectedValue(backendError('You are not allowed to read metrics')),
    });
    await renderContent(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the scorecard');
    expect(alert).toHaveTextContent('You are not allowed to read metrics (403 Forbidden)');
  });

  it('reads the window from the URL and changes it with the selector', async () => {
    const api = await renderContent(mockApi(), ['/?windowDays=180']);
    await screen.findByRole('region', { name: 'Deployment frequency' });
    expect(api.getEntityScorecard).toHaveBeenLastCalledWith(expect.anything(), {
      windowDays: 180,
      compare: 'baseline',
    });
    expect(screen.getByRole('button', { name: '180 days' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(screen.getByRole('button', { name: '30 days' }));
    await waitFor(() =>
      expect(api.getEntityScorecard).toHaveBeenLastCalledWith(expect.anything(), {
        windowDays: 30,
        compare: 'baseline',
      }),
    );
    expect(screen.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true');
  });

  it("puts the service against its owner team's and the org's figures of its window", async () => {
    const api = await renderContent(mockApi({ getOrgSummary: standingSummaries() }));
    const standing = await screen.findByRole('region', { name: 'Against team and org' });
    expect(await within(standing).findByText('Ships changes faster than its team')).toBeInTheDocument();
    expect(api.getOrgSummary).toHaveBeenCalledWith({ windowDays: 90, group: 'group:default/payments-team' });
    expect(api.getOrgSummary).toHaveBeenCalledWith({ windowDays: 90 });
  });

  it('ignores a window outside the allowed options', async () => {
    const api = await renderContent(mockApi(), ['/?windowDays=9999']);
    await screen.findByRole('region', { name: 'Deployment frequency' });
    expect(api.getEntityScorecard).toHaveBeenLastCalledWith(expect.anything(), {
      windowDays: 90,
      compare: 'baseline',
    });
  });
});

import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { platformMetricsApiRef } from '../../api';
import { backendError, makePipelines, mockApi } from '../../testing/fixtures';
import { PipelinesCard } from './PipelinesCard';

async function renderCard(api = mockApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[platformMetricsApiRef, api]]}>
      <PipelinesCard entityRef="component:default/payments-api" windowDays={30} />
    </TestApiProvider>,
  );
  return api;
}

describe('PipelinesCard', () => {
  it('shows the median duration against the 10-minute target, p90, failure and flaky rates', async () => {
    const api = await renderCard();
    const card = await screen.findByRole('region', { name: 'CI pipelines' });
    expect(api.getEntityPipelines).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'payments-api' },
      { windowDays: 30 },
    );
    expect(within(card).getByTestId('pipelines-median')).toHaveTextContent('8 min');
    expect(within(card).getByText('p90 14 min · 40 succeeded runs')).toBeInTheDocument();
    expect(within(card).getByText('Under the 10-minute target')).toBeInTheDocument();
    expect(within(card).getByText('Failure rate 20% (10 of 50)')).toBeInTheDocument();
    expect(within(card).getByText('Flaky commits 12.5% (5 of 40)')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'How CI pipelines is computed' })).toBeInTheDocument();
  });

  it('says when the median is over the target', async () => {
    await renderCard(
      mockApi({ getEntityPipelines: jest.fn().mockResolvedValue(makePipelines({ duration: { median: 1500, p90: 2400, n: 1 } })) }),
    );
    const card = await screen.findByRole('region', { name: 'CI pipelines' });
    expect(within(card).getByTestId('pipelines-median')).toHaveTextContent('25 min');
    expect(within(card).getByText('Over the 10-minute target')).toBeInTheDocument();
    expect(within(card).getByText('p90 40 min · 1 succeeded run')).toBeInTheDocument();
  });

  it('tells how to send runs when there are none', async () => {
    const none = makePipelines({
      duration: { median: null, p90: null, n: 0 },
      runs: { succeeded: 0, failed: 0, cancelled: 0 },
      failureRate: null,
      flaky: { rate: null, flakyCommits: 0, commits: 0 },
      trend: [],
    });
    await renderCard(mockApi({ getEntityPipelines: jest.fn().mockResolvedValue(none) }));
    expect(await screen.findByText(/Send runs to POST \/api\/platform-metrics\/pipeline-runs/)).toBeInTheDocument();
  });

  it('shows a backend error', async () => {
    await renderCard(mockApi({ getEntityPipelines: jest.fn().mockRejectedValue(backendError('Missing permission', 403)) }));
    expect(await screen.findByText('Could not load the CI pipeline runs')).toBeInTheDocument();
  });
});

import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { platformMetricsApiRef } from '../../api';
import { backendError, makeCosts, mockApi } from '../../testing/fixtures';
import { CostCard, formatMoney } from './CostCard';

async function renderCard(api = mockApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[platformMetricsApiRef, api]]}>
      <CostCard entityRef="component:default/payments-api" />
    </TestApiProvider>,
  );
  return api;
}

describe('CostCard', () => {
  it('shows the mean monthly cost, the total and the cost per production deployment, in the installation currency', async () => {
    const api = await renderCard();
    const card = await screen.findByRole('region', { name: 'Cost' });
    expect(api.getEntityCosts).toHaveBeenCalledWith({ kind: 'component', namespace: 'default', name: 'payments-api' }, { months: 12 });
    expect(within(card).getByTestId('cost-per-month')).toHaveTextContent('€1,200 per month');
    expect(within(card).getByText('€3,600 in 3 months · €75.00 per production deployment')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'How Cost is computed' })).toBeInTheDocument();
  });

  it('leaves out the cost per deployment without deployments', async () => {
    await renderCard(mockApi({ getEntityCosts: jest.fn().mockResolvedValue(makeCosts({ perDeployment: null, deployments: 0 })) }));
    const card = await screen.findByRole('region', { name: 'Cost' });
    expect(within(card).getByText('€3,600 in 3 months')).toBeInTheDocument();
  });

  it('explains how to send costs when there are none', async () => {
    const none = makeCosts({ total: 0, perMonth: 0, perDeployment: null, monthly: [{ month: '2026-03', amount: 0 }] });
    await renderCard(mockApi({ getEntityCosts: jest.fn().mockResolvedValue(none) }));
    expect(await screen.findByText(/Send monthly or daily costs to POST \/api\/platform-metrics\/costs/)).toBeInTheDocument();
  });

  it('shows a backend error', async () => {
    await renderCard(mockApi({ getEntityCosts: jest.fn().mockRejectedValue(backendError('Missing permission', 403)) }));
    expect(await screen.findByText('Could not load the costs')).toBeInTheDocument();
  });

  it('formats money with cents below 1000 only', () => {
    expect(formatMoney(12.5, 'USD')).toBe('$12.50');
    expect(formatMoney(1834.2, 'USD')).toBe('$1,834');
  });
});

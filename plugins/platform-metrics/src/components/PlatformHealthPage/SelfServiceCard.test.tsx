import { screen, within } from '@testing-library/react';
import { backendError, makeSelfService, mockApi } from '../../testing/fixtures';
import { isSelfServiceScope } from './SelfServiceCard';
import { rowTexts } from '../../testing/tables';
import { renderHealthPage } from '../../__testUtils__/renderHealthPage';


describe('the self-service ratio on the Platform health page', () => {
  it('shows the ratio with its n, the median times, the weekly trend and a row per kind', async () => {
    const api = await renderHealthPage();
    const card = await screen.findByRole('region', { name: 'Self-service ratio' });
    expect(await within(card).findByTestId('self-service-ratio')).toHaveTextContent('77.7%');
    expect(within(card).getByTestId('self-service-n')).toHaveTextContent('412 of 530 requests closed self-service');
    expect(within(card).getByText('Median fulfilment: self-service 12 min, ticket 2.5 days · 7 requests open')).toBeInTheDocument();
    const table = within(card).getByRole('table', { name: 'Self-service by kind of request' });
    const cells = (kind: string) => rowTexts(within(table).getByRole('row', { name: new RegExp(`^${kind}`) }));
    expect(cells('database')).toEqual(['database', '93.3%', '150', '20 min', '3 days']);
    expect(cells('access')).toEqual(['access', '49%', '200', '1.5 hours', '1.5 days']);
    // no ticket closed: no median
    expect(cells('new-service')).toEqual(['new-service', '100%', '30', '20 min', '—']);
    expect(within(card).getByRole('figure', { name: 'Self-service ratio per week' })).toBeInTheDocument();
    expect(api.getSelfService).toHaveBeenCalledWith({ windowDays: 90, group: undefined });
  });

  it('loads the team of the page and its window', async () => {
    const api = mockApi({
      getSelfService: jest.fn().mockResolvedValue(makeSelfService({ group: 'group:default/payments-team', n: 1, selfService: 1, ticket: 0, ratio: 1, open: 0 })),
    });
    await renderHealthPage(api, ['/?group=group%3Adefault%2Fpayments-team&windowDays=30']);
    const card = await screen.findByRole('region', { name: 'Self-service ratio' });
    expect(await within(card).findByTestId('self-service-n')).toHaveTextContent('1 of 1 request closed self-service');
    expect(api.getSelfService).toHaveBeenCalledWith({ windowDays: 30, group: 'group:default/payments-team' });
  });

  it('says when there are no requests', async () => {
    await renderHealthPage(
      mockApi({
        getSelfService: jest.fn().mockResolvedValue(
          makeSelfService({ n: 0, selfService: 0, ticket: 0, ratio: null, open: 0, kinds: [], trend: [] }),
        ),
      }),
    );
    const card = await screen.findByRole('region', { name: 'Self-service ratio' });
    expect(await within(card).findByText(/No platform requests in this window/)).toBeInTheDocument();
    expect(within(card).queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the backend’s error in the card, and the rest of the page', async () => {
    await renderHealthPage(mockApi({ getSelfService: jest.fn().mockRejectedValue(backendError('group=group:default/hidden: not found', 404)) }));
    const card = await screen.findByRole('region', { name: 'Self-service ratio' });
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the self-service ratio');
    expect(alert).toHaveTextContent('group=group:default/hidden: not found (404 Forbidden)');
    expect(screen.getByRole('region', { name: 'Developer NPS' })).toBeInTheDocument();
  });
});

describe('isSelfServiceScope', () => {
  it('is the organisation or a group, not a system or a domain', () => {
    expect(isSelfServiceScope('org')).toBe(true);
    expect(isSelfServiceScope('group:default/payments-team')).toBe(true);
    expect(isSelfServiceScope('payments-team')).toBe(true);
    expect(isSelfServiceScope('system:default/payments')).toBe(false);
    expect(isSelfServiceScope('domain:default/commerce')).toBe(false);
  });
});

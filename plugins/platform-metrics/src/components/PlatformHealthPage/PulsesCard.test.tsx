import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { platformMetricsApiRef } from '../../api';
import { mockApi } from '../../testing/fixtures';
import { makePulses } from '../../testing/pulseFixtures';
import { PulsesCard } from './PulsesCard';

async function render(api = mockApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[platformMetricsApiRef, api]]}>
      <PulsesCard windowDays={90} />
    </TestApiProvider>,
  );
  return api;
}

describe('PulsesCard', () => {
  it('lists each question with its answers, favourable share, mean and a bar of the distribution; a withheld one says why', async () => {
    const api = await render();
    const table = await screen.findByRole('table', { name: 'Pulse results per question' });
    expect(api.getPulses).toHaveBeenCalledWith({ windowDays: 90 });
    expect(screen.getByText('Answers of 2026-Q1')).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    const published = rows[0];
    expect(within(published).getByRole('rowheader')).toHaveTextContent('How easy was it to get this service to production?');
    expect(within(published).getAllByRole('cell').map(c => c.textContent).slice(0, 3)).toEqual(['20', '70%', '3.8']);
    expect(within(published).getByRole('img')).toHaveAccessibleName(
      '1 answered 1, 2 answered 2, 3 answered 3, 8 answered 4, 6 answered 5',
    );
    expect(within(rows[1]).getByRole('cell')).toHaveTextContent('Withheld: fewer than 5 responses');
    expect(within(rows[1]).queryByRole('img')).not.toBeInTheDocument();
  });

  it('says so when no pulse was asked in the period', async () => {
    await render(mockApi({ getPulses: jest.fn().mockResolvedValue(makePulses({ questions: [] })) }));
    expect(await screen.findByText('No pulse questions were asked in this period.')).toBeInTheDocument();
  });
});

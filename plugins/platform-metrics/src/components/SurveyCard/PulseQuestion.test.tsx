import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { platformMetricsApiRef } from '../../api';
import { backendError, mockApi } from '../../testing/fixtures';
import { makeCurrentPulse } from '../../testing/pulseFixtures';
import { PulseQuestion } from './PulseQuestion';

async function render(api = mockApi({ getCurrentPulse: jest.fn().mockResolvedValue(makeCurrentPulse()) })) {
  await renderInTestApp(
    <TestApiProvider apis={[[platformMetricsApiRef, api]]}>
      <PulseQuestion />
    </TestApiProvider>,
  );
  return api;
}

describe('PulseQuestion', () => {
  it('asks the question with labelled 1–5 radio buttons, moved by the keyboard, and sends the answer once', async () => {
    const api = await render();
    const group = await screen.findByRole('radiogroup', { name: 'Your answer, from 1 (worst) to 5 (best)' });
    expect(group).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'How easy was it to get this service to production?' })).toBeInTheDocument();
    expect(screen.getByText('About component:default/payments')).toBeInTheDocument();
    expect(screen.getAllByRole('radio').map(r => (r as HTMLInputElement).value)).toEqual(['1', '2', '3', '4', '5']);
    expect(screen.getByRole('radio', { name: '1 (worst)' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '5 (best)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Answer' })).toBeDisabled();

    // keyboard: focus the third, then an arrow key moves the choice to the fourth
    await userEvent.click(screen.getByRole('radio', { name: '3' }));
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: '4' })).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Answer' }));
    expect(api.answerPulse).toHaveBeenCalledWith('0b7e6c2a-3f4d-4e5a-9b8c-1d2e3f4a5b6c', 4);
    expect(await screen.findByRole('status')).toHaveTextContent('Thanks, your answer is recorded');
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
  });

  it('dismisses the pulse with "Not now": nothing is shown after it', async () => {
    const api = await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(api.dismissPulse).toHaveBeenCalledWith('0b7e6c2a-3f4d-4e5a-9b8c-1d2e3f4a5b6c');
    await waitFor(() => expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument());
    expect(api.answerPulse).not.toHaveBeenCalled();
  });

  it('shows the backend error and keeps the question when the answer is refused (an expired pulse)', async () => {
    const api = await render(
      mockApi({
        getCurrentPulse: jest.fn().mockResolvedValue(makeCurrentPulse()),
        answerPulse: jest.fn().mockRejectedValue(backendError('Pulse 0b7e has expired', 409)),
      }),
    );
    await userEvent.click(await screen.findByRole('radio', { name: '2' }));
    await userEvent.click(screen.getByRole('button', { name: 'Answer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Pulse 0b7e has expired');
    expect(screen.getByRole('radiogroup')).toBeInTheDocument();
    expect(api.answerPulse).toHaveBeenCalledTimes(1);
  });

  it('renders nothing without an open pulse', async () => {
    const api = mockApi();
    await render(api);
    await waitFor(() => expect(api.getCurrentPulse).toHaveBeenCalled());
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});

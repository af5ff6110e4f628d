import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { DateTime } from 'luxon';
import { platformMetricsApiRef } from '../../api';
import { backendError, makeSurvey, mockApi } from '../../testing/fixtures';
import { SurveyCard, isSurveyHidden } from './SurveyCard';

async function renderCard(api = mockApi()) {
  const result = await renderInTestApp(
    <TestApiProvider apis={[[platformMetricsApiRef, api]]}>
      <SurveyCard />
    </TestApiProvider>,
  );
  return { api, ...result };
}

describe('SurveyCard', () => {
  it('asks the question with labelled 0–10 buttons, then the optional follow-up, and submits', async () => {
    const { api } = await renderCard();
    const group = await screen.findByRole('group', {
      name: 'How likely are you to recommend the platform to a colleague?',
    });
    expect(group).toBeInTheDocument();
    for (let i = 0; i <= 10; i++) {
      expect(
        screen.getByRole('button', { name: new RegExp(`^${i}(,|$)`) }),
      ).toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: '0, not at all likely' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '10, extremely likely' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit' })).toBeDisabled();
    expect(
      screen.queryByLabelText('What is the single biggest thing slowing you down?'),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '8' }));
    expect(screen.getByRole('button', { name: '8' })).toHaveAttribute('aria-pressed', 'true');
    const followUp = screen.getByRole('textbox', {
      name: 'What is the single biggest thing slowing you down?',
    });
    await userEvent.type(followUp, '  Slow CI builds  ');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));

    expect(api.submitSurveyResponse).toHaveBeenCalledWith({
      score: 8,
      comment: 'Slow CI builds',
    });
    expect(await screen.findByRole('status')).toHaveTextContent('Thank you for your answer!');
    expect(screen.getByRole('status')).toHaveTextContent('You answered 8 out of 10');
  });

  it('submits without a comment', async () => {
    const { api } = await renderCard();
    await userEvent.click(await screen.findByRole('button', { name: '10, extremely likely' }));
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(api.submitSurveyResponse).toHaveBeenCalledWith({ score: 10 });
  });

  it('can be answered with the keyboard only', async () => {
    const { api } = await renderCard();
    await screen.findByRole('group');
    const user = userEvent.setup();
    // Tab to the first score button, then move to 6 and pick it.
    await user.tab();
    expect(screen.getByRole('button', { name: '0, not at all likely' })).toHaveFocus();
    for (let i = 0; i < 6; i++) await user.tab();
    expect(screen.getByRole('button', { name: '6' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: '6' })).toHaveAttribute('aria-pressed', 'true');

    const followUp = screen.getByRole('textbox', {
      name: 'What is the single biggest thing slowing you down?',
    });
    followUp.focus();
    await user.keyboard('Flaky staging');
    // Tab to Submit and press Space.
    await user.tab();
    expect(screen.getByRole('button', { name: 'Submit' })).toHaveFocus();
    await user.keyboard(' ');
    expect(api.submitSurveyResponse).toHaveBeenCalledWith({
      score: 6,
      comment: 'Flaky staging',
    });
    // Focus moves to the thank-you, and "change my answer" is reachable.
    await waitFor(() => expect(screen.getByRole('status')).toHaveFocus());
    await user.tab();
    expect(screen.getByRole('button', { name: 'Change my answer' })).toHaveFocus();
  });

  it('lets the user change the answer after submitting', async () => {
    const { api } = await renderCard();
    await userEvent.click(await screen.findByRole('button', { name: '3' }));
    await userEvent.type(screen.getByRole('textbox'), 'Tickets for everything');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Change my answer' }));

    // The previous answer is kept.
    expect(screen.getByRole('button', { name: '3' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('textbox')).toHaveValue('Tickets for everything');
    await userEvent.click(screen.getByRole('button', { name: '7' }));
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(api.submitSurveyResponse).toHaveBeenLastCalledWith({
      score: 7,
      comment: 'Tickets for everything',
    });
    expect(await screen.findByRole('status')).toHaveTextContent('You answered 7 out of 10');
  });

  it('hides itself after "not now"', async () => {
    const { api } = await renderCard();
    await userEvent.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(api.snoozeSurvey).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(screen.queryByTestId('platform-metrics-survey')).not.toBeInTheDocument(),
    );
    expect(api.submitSurveyResponse).not.toHaveBeenCalled();
  });

  it('renders nothing when the current survey is already answered', async () => {
    const api = mockApi({
      getCurrentSurvey: jest.fn().mockResolvedValue(
        makeSurvey({ answered: true, response: { score: 9, comment: null } }),
      ),
    });
    await renderCard(api);
    await waitFor(() => expect(api.getCurrentSurvey).toHaveBeenCalled());
    await waitFor(() =>
      expect(screen.queryByTestId('platform-metrics-survey')).not.toBeInTheDocument(),
    );
    expect(screen.queryByText('Developer survey')).not.toBeInTheDocument();
  });

  it('renders nothing while snoozed, and asks again once the snooze is over', async () => {
    const future = DateTime.now().plus({ days: 3 }).toISO()!;
    const past = DateTime.now().minus({ days: 1 }).toISO()!;
    expect(isSurveyHidden(makeSurvey({ snoozedUntil: future }))).toBe(true);
    expect(isSurveyHidden(makeSurvey({ snoozedUntil: past }))).toBe(false);
    expect(isSurveyHidden(makeSurvey())).toBe(false);
    expect(isSurveyHidden(null)).toBe(true);

    const api = mockApi({
      getCurrentSurvey: jest.fn().mockResolvedValue(makeSurvey({ snoozedUntil: future })),
    });
    await renderCard(api);
    await waitFor(() => expect(api.getCurrentSurvey).toHaveBeenCalled());
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });

  it('shows a new survey even if the previous one was answered', async () => {
    // The backend derives `answered` per survey: a new surveyId comes back unanswered.
    const api = mockApi({
      getCurrentSurvey: jest
        .fn()
        .mockResolvedValue(makeSurvey({ surveyId: '2026-Q3', answered: false })),
    });
    await renderCard(api);
    expect(await screen.findByRole('group')).toBeInTheDocument();
  });

  it('shows the backend message when loading fails', async () => {
    const api = mockApi({
      getCurrentSurvey: jest.fn().mockRejectedValue(backendError('Survey store unavailable', 503)),
    });
    await renderCard(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the survey');
    expect(alert).toHaveTextContent('Survey store unavailable');
  });

  it('keeps the answer and shows the backend message when submitting fails', async () => {
    const api = mockApi({
      submitSurveyResponse: jest
        .fn()
        .mockRejectedValue(backendError('score must be between 0 and 10', 400)),
    });
    await renderCard(api);
    await userEvent.click(await screen.findByRole('button', { name: '5' }));
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('score must be between 0 and 10');
    expect(screen.getByRole('button', { name: '5' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});

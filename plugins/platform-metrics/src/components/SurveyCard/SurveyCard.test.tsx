import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { DateTime } from 'luxon';
import { platformMetricsApiRef } from '../../api';
import { backendError, makeSurvey, mockApi } from '../../testing/fixtures';
import { formatDate } from '../common/format';
import { SurveyCard, isSurveyHidden } from './SurveyCard';
import { nextSurveyOpens } from './surveyPeriod';

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
    // Tab through the two agreement statements (one stop each; arrows move within), then to Submit and press Space.
    await user.tab();
    const [safe, wait] = screen.getAllByRole('radiogroup');
    expect(within(safe).getByRole('radio', { name: '1: strongly disagree' })).toHaveFocus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(within(safe).getByRole('radio', { name: '4: agree' })).toBeChecked();
    await user.tab();
    expect(within(wait).getByRole('radio', { name: '1: strongly disagree' })).toHaveFocus();
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

  it('says until when it is snoozed after "not now", with focus on that text, and can still be answered', async () => {
    const { api } = await renderCard(
      mockApi({ snoozeSurvey: jest.fn().mockResolvedValue({ snoozedUntil: '2026-05-20T12:00:00.000Z' }) }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Not now' }));
    expect(api.snoozeSurvey).toHaveBeenCalledTimes(1);
    // the card stays, short: no empty cell in a home-page grid
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(`Not now: the survey asks again after ${formatDate('2026-05-20T12:00:00.000Z')}.`);
    await waitFor(() => expect(status).toHaveFocus());
    expect(screen.getByTestId('platform-metrics-survey')).toBeInTheDocument();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    expect(api.submitSurveyResponse).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Answer now' }));
    expect(screen.getByRole('group', { name: 'How likely are you to recommend the platform to a colleague?' })).toBeInTheDocument();
  });

  it('when already answered, shows the answer and when the next survey opens, and lets the user change it', async () => {
    const api = mockApi({
      getCurrentSurvey: jest.fn().mockResolvedValue(
        makeSurvey({ answered: true, response: { score: 9, comment: 'Faster CI' } }),
      ),
    });
    await renderCard(api);
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Thanks: you answered 9 out of 10 in the 2026-Q2 survey.');
    expect(status).toHaveTextContent('The next survey opens on Jul 1, 2026.');
    expect(screen.getByText('Developer survey')).toBeInTheDocument();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    // the status does not take focus on load
    expect(status).not.toHaveFocus();

    await userEvent.click(screen.getByRole('button', { name: 'Change my answer' }));
    expect(screen.getByRole('button', { name: '9' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('textbox')).toHaveValue('Faster CI');
  });

  it('while snoozed, says until when instead of asking, and asks again once the snooze is over', async () => {
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
    expect(await screen.findByRole('status')).toHaveTextContent(
      `Not now: the survey asks again after ${formatDate(future)}.`,
    );
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });

  it('names when the next survey opens for either cadence', () => {
    expect(nextSurveyOpens('2026-Q2')).toBe('Jul 1, 2026');
    expect(nextSurveyOpens('2026-Q4')).toBe('Jan 1, 2027');
    expect(nextSurveyOpens('2026-M05')).toBe('Jun 1, 2026');
    expect(nextSurveyOpens('2026-M12')).toBe('Jan 1, 2027');
    expect(nextSurveyOpens('spring')).toBeNull();
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

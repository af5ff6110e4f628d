import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { platformMetricsApiRef } from '../../api';
import { makeSurvey, mockApi } from '../../testing/fixtures';
import { SurveyCard } from './SurveyCard';

async function renderCard(api = mockApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[platformMetricsApiRef, api]]}>
      <SurveyCard />
    </TestApiProvider>,
  );
  return api;
}

const SAFE = 'Deploying my changes to production is safe and easy.';
const WAIT = 'I can get what I need from the platform without waiting on another team.';

describe('the agreement statements on the survey card', () => {
  it('asks every statement on the same screen as the NPS question, as labelled 1–5 radio groups', async () => {
    await renderCard();
    await screen.findByRole('group', { name: 'How likely are you to recommend the platform to a colleague?' });
    const safe = screen.getByRole('radiogroup', { name: SAFE });
    expect(within(safe).getAllByRole('radio')).toHaveLength(5);
    expect(within(safe).getByRole('radio', { name: '1: strongly disagree' })).toBeInTheDocument();
    expect(within(safe).getByRole('radio', { name: '5: strongly agree' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: WAIT })).toBeInTheDocument();
    expect(screen.getByText('0 of 2 statements answered')).toBeInTheDocument();
  });

  it('saves each answer as it is chosen, before the NPS answer is submitted, and says so', async () => {
    const api = await renderCard();
    const safe = await screen.findByRole('radiogroup', { name: SAFE });
    await userEvent.click(within(safe).getByRole('radio', { name: '4: agree' }));
    expect(api.answerSurveyQuestion).toHaveBeenCalledWith('safe-deploys', 4);
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(screen.getByText('1 of 2 statements answered')).toBeInTheDocument();
    expect(api.submitSurveyResponse).not.toHaveBeenCalled();
  });

  it('is keyboard-friendly: arrow keys move within a statement and answer it', async () => {
    const api = await renderCard();
    const safe = await screen.findByRole('radiogroup', { name: SAFE });
    await userEvent.click(within(safe).getByRole('radio', { name: '2: disagree' }));
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(api.answerSurveyQuestion).toHaveBeenLastCalledWith('safe-deploys', 3));
    expect(within(safe).getByRole('radio', { name: '3: neither agree nor disagree' })).toBeChecked();
  });

  it('resumes a survey left half-done with the saved answers', async () => {
    await renderCard(mockApi({ getCurrentSurvey: jest.fn().mockResolvedValue(makeSurvey({ answers: { 'no-waiting': 2 } })) }));
    const wait = await screen.findByRole('radiogroup', { name: WAIT });
    expect(within(wait).getByRole('radio', { name: '2: disagree' })).toBeChecked();
    expect(screen.getByText('1 of 2 statements answered')).toBeInTheDocument();
  });

  it('says when an answer could not be saved', async () => {
    const api = mockApi({ answerSurveyQuestion: jest.fn().mockRejectedValue(new Error('backend down')) });
    await renderCard(api);
    const safe = await screen.findByRole('radiogroup', { name: SAFE });
    await userEvent.click(within(safe).getByRole('radio', { name: '5: strongly agree' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: backend down');
  });
});

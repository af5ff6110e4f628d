import { screen, within } from '@testing-library/react';
import { mockApi } from '../../testing/fixtures';
import { makeSurveyQuestionResults } from '../../testing/surveyQuestionFixtures';
import { renderHealthPage } from '../../__testUtils__/renderHealthPage';
import { rowTexts } from '../../testing/tables';

describe('the survey statements on the Platform health page', () => {
  it('shows the SPACE dimensions side by side with their favourable share and trend', async () => {
    const api = await renderHealthPage();
    const card = await screen.findByRole('region', { name: 'Developer experience (SPACE)' });
    const dimensions = await within(card).findByRole('list', { name: 'SPACE dimensions, favourable share' });
    const items = within(dimensions).getAllByRole('listitem');
    expect(items.map(i => within(i).getByRole('heading').textContent)).toEqual(['Performance', 'Efficiency and flow']);
    expect(within(card).getByTestId('space-performance')).toHaveTextContent('60% favourable');
    expect(within(items[0]).getByText('40 answers')).toBeInTheDocument();
    expect(within(items[0]).getByRole('img', { name: 'Performance: favourable share per survey, 2026-Q1 45%, 2026-Q2 60%' })).toBeInTheDocument();
    expect(within(items[1]).getByText('No published answers yet')).toBeInTheDocument();
    expect(api.getSurveyQuestionResults).toHaveBeenCalledWith({ group: undefined, to: expect.any(String) });
  });

  it('lists every statement with its distribution, favourable share, mean and trend; a withheld one says why', async () => {
    await renderHealthPage();
    const table = await screen.findByRole('table', { name: 'Agreement statements of the 2026-Q2 survey' });
    const [shown, withheld] = within(table).getAllByRole('row').slice(1).map(rowTexts);
    expect(shown).toEqual([
      'Deploying my changes to production is safe and easy.',
      'Performance',
      '40',
      '',
      '60%',
      '3.6',
      '2026-Q1: 45% · 2026-Q2: 60%',
    ]);
    expect(within(table).getByRole('img', { name: '2 answered 1, 6 answered 2, 8 answered 3, 14 answered 4, 10 answered 5' })).toBeInTheDocument();
    expect(withheld).toEqual([
      'I can get what I need from the platform without waiting on another team.',
      'Efficiency and flow',
      'Withheld: fewer than 5 responses',
      '2026-Q2: –',
    ]);
  });

  it('says so when the survey asks no statements', async () => {
    await renderHealthPage(mockApi({ getSurveyQuestionResults: jest.fn().mockResolvedValue(makeSurveyQuestionResults({ questions: [], dimensions: [] })) }));
    const card = await screen.findByRole('region', { name: 'Developer experience (SPACE)' });
    expect(await within(card).findByText('The survey asks no agreement statements.')).toBeInTheDocument();
  });
});

import { screen, within } from '@testing-library/react';
import { backendError } from '../../testing/fixtures';
import { reviewApi } from '../../testing/reviewFixtures';
import { atReviewNow, renderReview } from './__testUtils__/renderReview';

atReviewNow();

describe('QuarterReviewPage sections: NPS, annotations, targets', () => {
  it('shows the quarter survey’s NPS and its top three comment categories', async () => {
    const api = await renderReview();
    const nps = await screen.findByRole('region', {
      name: 'Developer NPS and next quarter’s priorities',
    });
    expect(within(nps).getByTestId('review-nps')).toHaveTextContent('+32');
    expect(
      within(nps).getByText('50 responses · survey 2026-Q2'),
    ).toBeInTheDocument();
    const list = await within(nps).findByRole('list', {
      name: 'Top comment categories of 2026-Q2',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'Docs (9 comments)',
      'Environments (6 comments)',
      'CI speed (4 comments)',
    ]);
    expect(api.getSurveyComments).toHaveBeenCalledWith('2026-Q2');
  });

  it('shows a neutral note instead of the categories without the comments permission, or on a 403', async () => {
    const api = await renderReview(reviewApi(), { allowComments: false });
    const nps = await screen.findByRole('region', {
      name: 'Developer NPS and next quarter’s priorities',
    });
    expect(
      await within(nps).findByText(
        /shown to holders of the survey comments permission/,
      ),
    ).toBeInTheDocument();
    expect(api.getSurveyComments).not.toHaveBeenCalled();
  });

  it('shows the note on a 403 and says withheld when the survey’s comments are', async () => {
    const forbidden = reviewApi();
    forbidden.getSurveyComments.mockRejectedValue(
      backendError('not allowed', 403),
    );
    await renderReview(forbidden);
    expect(
      await screen.findByText(
        /shown to holders of the survey comments permission/,
      ),
    ).toBeInTheDocument();
  });

  it('says the categories are withheld when the API withholds them', async () => {
    const api = reviewApi();
    api.getSurveyComments.mockResolvedValue({
      surveyId: '2026-Q2',
      group: null,
      n: 7,
      withheld: 'fewer than 10 responses',
      asOf: null,
      categories: [],
      comments: [],
    });
    await renderReview(api);
    expect(
      await screen.findByText(
        'Comment categories withheld: fewer than 10 responses.',
      ),
    ).toBeInTheDocument();
  });

  it('says why the NPS is withheld, with no count', async () => {
    const api = reviewApi();
    const { getOrgSummary } = api;
    const inner = getOrgSummary.getMockImplementation()!;
    getOrgSummary.mockImplementation(async o => {
      const s = await inner(o);
      return {
        ...s,
        nps: {
          ...s.nps,
          score: null,
          n: null,
          band: null,
          withheld: 'fewer than 5 responses',
        },
      };
    });
    await renderReview(api);
    const nps = await screen.findByRole('region', {
      name: 'Developer NPS and next quarter’s priorities',
    });
    expect(within(nps).getByTestId('review-nps')).toHaveTextContent(
      'Withheld: fewer than 5 responses',
    );
    expect(within(nps).getByText('Survey 2026-Q2')).toBeInTheDocument();
    expect(within(nps).queryByText(/responses ·/)).not.toBeInTheDocument();
  });

  it('lists the quarter’s annotations by date, with their links', async () => {
    const api = await renderReview();
    const list = await screen.findByRole('list', {
      name: 'Annotations of 2026-Q2',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Golden path v2');
    expect(items[1]).toHaveTextContent('Self-service databases');
    expect(
      within(items[1]).getByRole('link', {
        name: /^https:\/\/example\.com\/db/,
      }),
    ).toHaveAttribute('href', 'https://example.com/db');
    expect(api.listAnnotations).toHaveBeenCalledWith({
      scope: 'org',
      from: '2026-04-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
    });
  });

  it('shows each target’s status as of the quarter’s end', async () => {
    const api = await renderReview();
    const targets = await screen.findByRole('list', {
      name: 'Targets and their status',
    });
    expect(within(targets).getByTestId('target-adoption')).toHaveTextContent(
      'On track',
    );
    expect(within(targets).getByTestId('target-leadTime')).toHaveTextContent(
      'Off track',
    );
    expect(api.getTargets).toHaveBeenCalledWith({
      to: '2026-07-01T00:00:00.000Z',
    });
  });
});

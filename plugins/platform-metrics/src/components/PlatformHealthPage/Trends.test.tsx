import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { makeOrgSummary } from '../../testing/fixtures';
import { Trends } from './Trends';

describe('the NPS trend', () => {
  const summary = makeOrgSummary();

  it('lists the response rate of every survey whose figure is shown', async () => {
    const trend = [
      { surveyId: '2025-Q3', score: null, n: null, withheld: 'fewer than 5 responses', responseRate: null },
      { surveyId: '2025-Q4', score: 10, n: 40, withheld: null, responseRate: 40 / 64 },
      { surveyId: '2026-Q1', score: 32, n: 50, withheld: null, responseRate: 50 / 64 },
    ];
    await renderInTestApp(<Trends summary={{ ...summary, nps: { ...summary.nps, trend } }} />);
    expect(screen.getByText('Response rate: 2025-Q4 63% · 2026-Q1 78%')).toBeInTheDocument();
  });

  it('has no response rate line when no survey has one', async () => {
    const trend = summary.nps.trend.map(p => ({ ...p, responseRate: null }));
    await renderInTestApp(<Trends summary={{ ...summary, nps: { ...summary.nps, trend } }} />);
    expect(screen.queryByText(/^Response rate:/)).not.toBeInTheDocument();
  });
});

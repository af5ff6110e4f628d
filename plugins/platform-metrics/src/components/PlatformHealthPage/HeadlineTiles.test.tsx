import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { makeOrgSummary } from '../../testing/fixtures';
import { AdoptionTile, NpsTile } from './HeadlineTiles';

describe('the adoption tile of a window in the past', () => {
  const adoption = makeOrgSummary().adoption;

  it("shows the rate of the window's last snapshot and its day", async () => {
    await renderInTestApp(
      <AdoptionTile adoption={{ ...adoption, rate: 0.6, adopted: 6, eligible: 10, exceptions: 0, asOf: '2026-09-30' }} />,
    );
    expect(screen.getByTestId('adoption-rate')).toHaveTextContent('60%');
    expect(screen.getByText('As of 2026-09-30, the last snapshot of the window')).toBeInTheDocument();
  });

  it('says there is no snapshot, not that nothing is eligible, when the window has none', async () => {
    await renderInTestApp(
      <AdoptionTile
        adoption={{ ...adoption, rate: null, adopted: 0, eligible: 0, exceptions: 0, reason: 'no adoption snapshot in the window before `to`' }}
      />,
    );
    expect(screen.getByTestId('adoption-rate')).toHaveTextContent('No adoption snapshot in this window');
    expect(screen.queryByText('No eligible entities')).not.toBeInTheDocument();
  });
});

describe('the NPS tile', () => {
  const nps = makeOrgSummary().nps;

  it('shows the response rate under the score', async () => {
    await renderInTestApp(<NpsTile nps={{ ...nps, n: 71, responseRate: { respondents: 71, eligible: 95, rate: 71 / 95 } }} />);
    expect(screen.getByTestId('nps-response-rate')).toHaveTextContent('71 of 95 developers, 75%');
  });

  it('shows no rate when the figure is withheld', async () => {
    await renderInTestApp(
      <NpsTile
        nps={{ ...nps, score: null, n: null, promoters: null, passives: null, detractors: null, band: null, withheld: 'fewer than 5 responses', responseRate: null }}
      />,
    );
    expect(screen.getByText('Withheld: fewer than 5 responses')).toBeInTheDocument();
    expect(screen.queryByTestId('nps-response-rate')).not.toBeInTheDocument();
  });
});

import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import { platformMetricsApiRef } from '../../api';
import { backendError, makeScorecard, mockApi } from '../../testing/fixtures';
import { standingSummaries } from '../../testing/standingFixtures';
import { EntityOwner, StandingCard, entityOwner } from './StandingCard';

const team: EntityOwner = { ref: 'group:default/payments-team', isGroup: true };

async function renderCard(
  api = mockApi({ getOrgSummary: standingSummaries() }),
  owner: EntityOwner | undefined = team,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[platformMetricsApiRef, api]]}>
      <StandingCard scorecard={makeScorecard()} owner={owner} />
    </TestApiProvider>,
  );
  const card = await screen.findByRole('region', {
    name: 'Against team and org',
  });
  await within(card).findByTestId('standing-leadTime');
  return { api, card };
}

const metric = (name: string) => within(screen.getByTestId(`standing-${name}`));

describe('StandingCard', () => {
  it("compares each DORA metric with the team's and the org's pooled figures of the same window, in words", async () => {
    const { api, card } = await renderCard();
    expect(api.getOrgSummary).toHaveBeenCalledWith({
      windowDays: 90,
      group: 'group:default/payments-team',
    });
    expect(api.getOrgSummary).toHaveBeenCalledWith({ windowDays: 90 });
    expect(
      within(card).getByText('Owner team: payments-team'),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('button', {
        name: 'How Against team and org is computed',
      }),
    ).toBeInTheDocument();

    const lt = metric('leadTime');
    expect(
      lt.getByRole('heading', { name: 'Lead time for changes' }),
    ).toBeInTheDocument();
    expect(
      lt.getByRole('figure', {
        name: 'Lead time for changes: this service, its team and the organisation',
      }),
    ).toBeInTheDocument();
    expect(
      lt.getByText('This service: 3 hours (412 changes)'),
    ).toBeInTheDocument();
    expect(
      lt.getByText('Team, all its changes: 5 hours (1200 changes)'),
    ).toBeInTheDocument();
    expect(
      lt.getByText('Organisation, all changes: 2 hours (20000 changes)'),
    ).toBeInTheDocument();
    expect(
      lt.getByText('Ships changes faster than its team'),
    ).toBeInTheDocument();
    expect(
      lt.getByText('Ships changes slower than the organisation'),
    ).toBeInTheDocument();

    // per component: the scope's deployments per day over all its components
    const df = metric('deploymentFrequency');
    expect(
      df.getByText('This service: 2 per day (180 deployments)'),
    ).toBeInTheDocument();
    expect(
      df.getByText(
        'Team, per component: 1 per day per component (540 deployments, 6 components)',
      ),
    ).toBeInTheDocument();
    expect(
      df.getByText(
        'Organisation, per component: 2 per day per component (9900 deployments, 55 components)',
      ),
    ).toBeInTheDocument();
    expect(
      df.getByText('Deploys more often than its team'),
    ).toBeInTheDocument();
    expect(
      df.getByText('About the same as the organisation'),
    ).toBeInTheDocument();

    const cfr = metric('changeFailureRate');
    expect(
      cfr.getByText('Team, all its deployments: 26% (540 deployments)'),
    ).toBeInTheDocument();
    // 25% against 26%: within 10% of it
    expect(cfr.getByText('About the same as its team')).toBeInTheDocument();
    expect(
      cfr.getByText('Fails more often than the organisation'),
    ).toBeInTheDocument();

    const ttr = metric('timeToRestore');
    expect(
      ttr.getByText('Restores service slower than its team'),
    ).toBeInTheDocument();
    // the org's 2 resolved incidents are below minSamples (3)
    expect(
      ttr.getByText(
        'Organisation, all incidents: 3 hours (2 resolved incidents)',
      ),
    ).toBeInTheDocument();
    expect(
      ttr.getByText('Too few samples to compare with the organisation'),
    ).toBeInTheDocument();
  });

  it("shows only the org when the team's summary is hidden from the user", async () => {
    const api = mockApi({
      getOrgSummary: standingSummaries(
        backendError('group:default/payments-team not found', 404),
      ),
    });
    const { card } = await renderCard(api);
    expect(
      within(card).getByText(
        "The team's figures are not available to you: compared with the organisation only.",
      ),
    ).toBeInTheDocument();
    expect(within(card).queryByText(/its team/)).not.toBeInTheDocument();
    expect(
      metric('leadTime').getByText(
        'Ships changes slower than the organisation',
      ),
    ).toBeInTheDocument();
    expect(metric('leadTime').queryByText(/^Team/)).not.toBeInTheDocument();
  });

  it('says why when the team could not be loaded for another reason', async () => {
    const api = mockApi({
      getOrgSummary: standingSummaries(
        backendError('database unavailable', 503),
      ),
    });
    const { card } = await renderCard(api);
    expect(
      within(card).getByText(
        /Could not load the team's figures \(database unavailable/,
      ),
    ).toBeInTheDocument();
  });

  it('compares with the org only when the owner is not a group, without asking for a team', async () => {
    const { api, card } = await renderCard(undefined, {
      ref: 'user:default/jane.doe',
      isGroup: false,
    });
    expect(api.getOrgSummary).toHaveBeenCalledTimes(1);
    expect(api.getOrgSummary).toHaveBeenCalledWith({ windowDays: 90 });
    expect(
      within(card).getByText(
        'Owned by user:default/jane.doe, not a group: compared with the organisation only.',
      ),
    ).toBeInTheDocument();
  });

  it("shows the error when the org's summary fails", async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            platformMetricsApiRef,
            mockApi({
              getOrgSummary: jest
                .fn()
                .mockRejectedValue(backendError('Missing permission')),
            }),
          ],
        ]}
      >
        <StandingCard scorecard={makeScorecard()} owner={team} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'Could not load the team and organisation figures',
      ),
    ).toBeInTheDocument();
  });
});

describe('entityOwner', () => {
  const entity = (
    spec: Entity['spec'],
    relations?: Entity['relations'],
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', namespace: 'shop' },
    spec,
    relations,
  });

  it('reads the ownedBy relation first, else spec.owner as a group in the entity namespace', () => {
    expect(
      entityOwner(
        entity({ owner: 'other' }, [
          { type: 'ownedBy', targetRef: 'group:default/Payments-Team' },
        ]),
      ),
    ).toEqual({ ref: 'group:default/payments-team', isGroup: true });
    expect(entityOwner(entity({ owner: 'payments-team' }))).toEqual({
      ref: 'group:shop/payments-team',
      isGroup: true,
    });
    expect(entityOwner(entity({ owner: 'user:jane.doe' }))).toEqual({
      ref: 'user:shop/jane.doe',
      isGroup: false,
    });
    expect(entityOwner(entity({}))).toBeUndefined();
  });
});

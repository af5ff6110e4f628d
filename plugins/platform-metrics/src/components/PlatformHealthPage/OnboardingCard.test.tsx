import { screen, waitFor, within } from '@testing-library/react';
import { mockApi } from '../../testing/fixtures';
import { makeOnboarding, withheldOnboarding } from '../../testing/onboardingFixtures';
import { isOnboardingScope } from './OnboardingCard';
import { renderHealthPage } from '../../__testUtils__/renderHealthPage';

const DAY = 86_400;


describe('the onboarding time on the Platform health page', () => {
  it('shows the median against the target of a day, the cohort and the stalled engineers', async () => {
    const api = await renderHealthPage();
    const card = await screen.findByRole('region', { name: 'Onboarding time' });
    expect(await within(card).findByTestId('onboarding-median')).toHaveTextContent('2.5 days');
    expect(within(card).getByTestId('onboarding-target')).toHaveTextContent('Target under 1 day: not met');
    expect(within(card).getByTestId('onboarding-cohort')).toHaveTextContent('12 engineers started in the window, 9 shipped to production');
    expect(within(card).getByTestId('onboarding-stalled')).toHaveTextContent('2 stalled: no production deployment within 30 days');
    expect(within(card).getByText('1 still in their first 30 days without one')).toBeInTheDocument();
    expect(api.getOnboarding).toHaveBeenCalledWith({ windowDays: 90, group: undefined });
  });

  it('says when the target is met, in the singular for one engineer', async () => {
    await renderHealthPage(mockApi({ getOnboarding: jest.fn().mockResolvedValue(makeOnboarding({ median: 0.5 * DAY, cohort: 1, n: 1, stalled: 0, pending: 0 })) }));
    const card = await screen.findByRole('region', { name: 'Onboarding time' });
    expect(await within(card).findByTestId('onboarding-target')).toHaveTextContent('Target under 1 day: met');
    expect(within(card).getByTestId('onboarding-cohort')).toHaveTextContent('1 engineer started in the window, 1 shipped to production');
    expect(within(card).getByTestId('onboarding-stalled')).toHaveTextContent('0 stalled');
  });

  it('shows a median withheld for too few engineers who shipped', async () => {
    const withheldMedian = makeOnboarding({ median: null, n: 3, medianWithheld: 'fewer than 5 people with a first deployment' });
    await renderHealthPage(mockApi({ getOnboarding: jest.fn().mockResolvedValue(withheldMedian) }));
    const card = await screen.findByRole('region', { name: 'Onboarding time' });
    expect(await within(card).findByTestId('onboarding-median')).toHaveTextContent('—');
    expect(within(card).getByTestId('onboarding-target')).toHaveTextContent('Target: under 1 day');
    expect(within(card).getByText('Median withheld: fewer than 5 people with a first deployment')).toBeInTheDocument();
  });

  it('says why the org figures are withheld', async () => {
    await renderHealthPage(mockApi({ getOnboarding: jest.fn().mockResolvedValue(withheldOnboarding()) }));
    const card = await screen.findByRole('region', { name: 'Onboarding time' });
    expect(await within(card).findByTestId('onboarding-withheld')).toHaveTextContent('Withheld: fewer than 5 people');
    expect(within(card).queryByTestId('onboarding-cohort')).toBeNull();
  });

  it('says when no engineer started in the window', async () => {
    await renderHealthPage(mockApi({ getOnboarding: jest.fn().mockResolvedValue(makeOnboarding({ median: null, n: 0, cohort: 0, stalled: 0, pending: 0 })) }));
    const card = await screen.findByRole('region', { name: 'Onboarding time' });
    expect(await within(card).findByText(/No new engineers started in this window/)).toBeInTheDocument();
  });

  it('loads the team of the page and its window', async () => {
    const team = 'group:default/payments-team';
    const api = await renderHealthPage(
      mockApi({ getOnboarding: jest.fn().mockResolvedValue(makeOnboarding({ group: team, cohort: 6, n: 5, median: DAY / 2 })) }),
      [`/?group=${encodeURIComponent(team)}&windowDays=30`],
    );
    const card = await screen.findByRole('region', { name: 'Onboarding time' });
    expect(await within(card).findByTestId('onboarding-median')).toHaveTextContent('12 hours');
    expect(api.getOnboarding).toHaveBeenCalledWith({ windowDays: 30, group: team });
  });

  it('shows nothing of a team below the minimum group size', async () => {
    const api = await renderHealthPage(mockApi({ getOnboarding: jest.fn().mockResolvedValue(withheldOnboarding()) }), [
      `/?group=${encodeURIComponent('group:default/payments-team')}`,
    ]);
    await screen.findByRole('region', { name: 'Self-service ratio' });
    await waitFor(() => expect(api.getOnboarding).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Onboarding time' })).toBeNull();
    expect(screen.queryByText(/Withheld: fewer than 5 people/)).toBeNull();
  });

  it('applies to the org and groups, not to systems and domains', () => {
    expect(isOnboardingScope('org')).toBe(true);
    expect(isOnboardingScope('group:default/payments-team')).toBe(true);
    expect(isOnboardingScope('system:default/shop')).toBe(false);
    expect(isOnboardingScope('domain:default/commerce')).toBe(false);
  });
});

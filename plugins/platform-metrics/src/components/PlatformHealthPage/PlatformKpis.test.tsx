import { screen, waitFor, within } from '@testing-library/react';
import { renderHealthPage } from '../../__testUtils__/renderHealthPage';
import { backendError, mockApi } from '../../testing/fixtures';
import { makeTarget } from '../../testing/reviewFixtures';
import { lastWholeMonthEnd } from './PlatformKpis';

const MINUTE = 60;

const kpis = () => screen.findByRole('region', { name: 'Platform KPIs' });
const tile = async (metric: string) => within(await kpis()).findByRole('region', { name: `${metric}, platform KPI` });

/** A CI duration target of 10 minutes, at risk, with a falling series of 14, 12 and 11 minutes. */
const ciTarget = makeTarget({
  metric: 'ciDuration',
  unit: 'seconds',
  direction: 'lower',
  value: 10 * MINUTE,
  start: 14 * MINUTE,
  current: 11 * MINUTE,
  progress: 0.75,
  projected: 10.4 * MINUTE,
  status: 'at-risk',
  series: [
    { at: '2026-01-05T00:00:00.000Z', value: 14 * MINUTE },
    { at: '2026-02-02T00:00:00.000Z', value: 12 * MINUTE },
    { at: '2026-03-02T00:00:00.000Z', value: 11 * MINUTE },
  ],
});

describe('the Platform KPIs section of the org page', () => {
  it('shows the eight KPIs, each with its figure and its n, in the order of the issue', async () => {
    await renderHealthPage();
    const section = await kpis();
    const names = within(section)
      .getAllByRole('region')
      .map(r => r.getAttribute('aria-label'));
    expect(names).toEqual([
      'Golden-path adoption rate, platform KPI',
      'Time to first deploy (median), platform KPI',
      'Developer NPS, platform KPI',
      'Self-service ratio, platform KPI',
      'Platform incident impact, platform KPI',
      'Cost per service, platform KPI',
      'Onboarding time, platform KPI',
      'CI pipeline duration, platform KPI',
    ]);
    const figure = async (metric: string, testId: string) =>
      within(await tile(metric)).findByTestId(`kpi-${testId}-value`);
    expect(await figure('Golden-path adoption rate', 'adoption')).toHaveTextContent('35%');
    expect(within(await tile('Golden-path adoption rate')).getByText('14 of 40 eligible components')).toBeInTheDocument();
    expect(await figure('Time to first deploy (median)', 'timeToFirstDeploy')).toHaveTextContent('5 days');
    expect(await figure('Developer NPS', 'nps')).toHaveTextContent('+32');
    expect(within(await tile('Developer NPS')).getByText('50 responses, survey 2026-Q1')).toBeInTheDocument();
    expect(await figure('Self-service ratio', 'selfServiceRatio')).toHaveTextContent(/^\d+%$/);
    expect(await figure('Cost per service', 'costPerService')).toHaveTextContent('€1,200');
    expect(within(await tile('Cost per service')).getByText('median monthly cost per service in 2026-03, of 40 services')).toBeInTheDocument();
    expect(await figure('Onboarding time', 'onboardingTime')).toHaveTextContent('2.5 days');
    expect(within(await tile('Onboarding time')).getByText('9 of 12 new engineers shipped to production')).toBeInTheDocument();
    expect(await figure('CI pipeline duration', 'ciDuration')).toHaveTextContent('12 min');
    expect(within(await tile('CI pipeline duration')).getByText('median of 400 succeeded runs, p90 25 min')).toBeInTheDocument();
  });

  it('loads each KPI on its own, the costs of the last whole months', async () => {
    const api = await renderHealthPage();
    await kpis();
    await waitFor(() => expect(api.getOrgPipelines).toHaveBeenCalledWith({ windowDays: 90 }));
    expect(api.getSelfService).toHaveBeenCalledWith({ windowDays: 90 });
    expect(api.getPlatformIncidents).toHaveBeenCalledWith({ windowDays: 90 });
    expect(api.getOrgCosts).toHaveBeenCalledWith({ months: 12, to: lastWholeMonthEnd(Date.now()) });
    expect(lastWholeMonthEnd(Date.parse('2026-03-15T10:00:00Z'))).toBe('2026-02-28T23:59:59.999Z');
    expect(lastWholeMonthEnd(Date.parse('2026-03-01T00:00:00Z'))).toBe('2026-02-28T23:59:59.999Z');
  });

  it('marks the target of a KPI that has one and draws its series against it', async () => {
    await renderHealthPage(mockApi({ getTargets: jest.fn().mockResolvedValue({ targets: [ciTarget] }) }));
    const ci = await tile('CI pipeline duration');
    const badge = await within(ci).findByTestId('target-badge-ciDuration');
    expect(badge).toHaveTextContent('At risk');
    expect(badge).toHaveTextContent('Target ≤ 10 min by Dec 31, 2026');
    expect(within(ci).getByRole('img', { name: 'CI pipeline duration trend: from 14 min to 11 min, the target 10 min dashed' })).toBeInTheDocument();
    // a KPI without a target has none, and draws its own trend without one
    const costs = await tile('Cost per service');
    expect(within(costs).queryByTestId(/^target-badge/)).toBeNull();
    expect(within(costs).getByRole('img', { name: 'Cost per service trend: from €1,300 to €1,200' })).toBeInTheDocument();
  });

  it('shows the error of a KPI that failed in its own tile, the others unaffected', async () => {
    await renderHealthPage(
      mockApi({ getOrgPipelines: jest.fn().mockRejectedValue(backendError('CI is down', 503)) }),
    );
    const ci = await tile('CI pipeline duration');
    const alert = await within(ci).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load CI pipeline duration');
    expect(alert).toHaveTextContent('CI is down');
    expect(await within(await tile('Onboarding time')).findByTestId('kpi-onboardingTime-value')).toHaveTextContent('2.5 days');
    expect(within(await kpis()).getAllByRole('alert')).toHaveLength(1);
  });

  it('says how to count platform incidents when no platform owner is configured', async () => {
    const api = mockApi();
    const impact = await api.getPlatformIncidents({ windowDays: 90 });
    api.getPlatformIncidents.mockResolvedValue({ ...impact, platformOwners: [] });
    await renderHealthPage(api);
    const incidents = await tile('Platform incident impact');
    expect(await within(incidents).findByText('Set platformMetrics.platformOwners to count platform incidents')).toBeInTheDocument();
  });

  it('is not on a team’s page', async () => {
    await renderHealthPage(mockApi(), ['/?group=group:default/payments-team']);
    await screen.findByRole('region', { name: 'Golden-path adoption' });
    expect(screen.queryByRole('region', { name: 'Platform KPIs' })).toBeNull();
  });
});

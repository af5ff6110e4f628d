import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { SECONDS_PER_HOUR } from '../../lib/time';
import { makeTarget } from '../../testing/reviewFixtures';
import { TargetStatusList } from './TargetStatusList';

const HOUR = SECONDS_PER_HOUR;

describe('TargetStatusList', () => {
  it('says each status in words, with the target, its date, the current figure and the projection', async () => {
    await renderInTestApp(
      <TargetStatusList
        targets={[
          makeTarget(),
          makeTarget({
            metric: 'nps',
            unit: 'points',
            value: 30,
            start: 10,
            current: 35,
            progress: 1.25,
            projected: 40,
            status: 'met',
          }),
          makeTarget({
            metric: 'leadTime',
            scope: 'group:default/payments-team',
            unit: 'seconds',
            direction: 'lower',
            value: 2 * HOUR,
            start: 10 * HOUR,
            current: 9.5 * HOUR,
            progress: 0.0625,
            projected: 9 * HOUR,
            status: 'at-risk',
          }),
          makeTarget({
            metric: 'deploymentFrequency',
            label: 'Ship daily',
            unit: 'perWeek',
            value: 7,
            start: 2,
            current: 1,
            progress: -0.2,
            projected: 1.5,
            status: 'off-track',
            startFrom: 'first-value',
          }),
          makeTarget({
            metric: 'changeFailureRate',
            current: null,
            progress: null,
            projected: null,
            status: 'insufficient-data',
          }),
        ]}
      />,
    );
    const list = screen.getByRole('list', { name: 'Targets and their status' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => within(i).getByRole('heading').textContent)).toEqual([
      'Golden-path adoption rate · Whole organisation',
      'Developer NPS · Whole organisation',
      'Lead time for changes · payments-team',
      'Ship daily',
      'Change failure rate · Whole organisation',
    ]);
    const statuses = items.map(
      i => i.querySelector('[data-status]')!.textContent,
    );
    expect(statuses).toEqual([
      'On track',
      'Met',
      'At risk',
      'Off track',
      'Insufficient data',
    ]);

    expect(items[0]).toHaveTextContent(
      'Target: 60% by Dec 31, 2026 · Now: 40% · Projected by Dec 31, 2026: 62%',
    );
    expect(items[0]).toHaveTextContent('From 20%, the baseline');
    expect(items[1]).toHaveTextContent('Target: +30 by');
    expect(items[2]).toHaveTextContent(
      'Target: 2 hours by Dec 31, 2026 · Now: 9.5 hours',
    );
    expect(items[3]).toHaveTextContent('Target: 1 per day by');
    expect(items[3]).toHaveTextContent(
      'From 2 per week, the first figure (Jan 1, 2026)',
    );
    expect(items[4]).toHaveTextContent('Now: —');
  });

  it('draws the progress from the start towards the target as a bar, clamped, and says it unclamped', async () => {
    await renderInTestApp(
      <TargetStatusList
        targets={[
          makeTarget(),
          makeTarget({ metric: 'nps', progress: 1.25, status: 'met' }),
          makeTarget({
            metric: 'leadTime',
            progress: -0.2,
            status: 'off-track',
          }),
          makeTarget({
            metric: 'timeToRestore',
            progress: null,
            status: 'met',
          }),
          makeTarget({
            metric: 'changeFailureRate',
            progress: null,
            status: 'insufficient-data',
          }),
        ]}
      />,
    );
    const bars = screen.getAllByRole('progressbar', {
      name: 'Progress towards the target',
    });
    expect(bars.map(b => b.getAttribute('aria-valuenow'))).toEqual([
      '50',
      '100',
      '0',
      '100',
    ]);
    expect(bars.map(b => b.getAttribute('aria-valuetext'))).toEqual([
      '50% of the way',
      '125% of the way',
      '-20% of the way',
      '100% of the way',
    ]);
    expect(
      screen
        .getByTestId('target-changeFailureRate')
        .querySelector('[role="progressbar"]'),
    ).toBeNull();
  });

  it('says when no target is configured', async () => {
    await renderInTestApp(<TargetStatusList targets={[]} />);
    expect(
      screen.getByText('No targets are configured (platformMetrics.targets).'),
    ).toBeInTheDocument();
  });
});

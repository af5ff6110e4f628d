import { mockApis } from '@backstage/test-utils';
import { platformMetricsTranslationRef } from '../../translation';
import {
  CountUnit,
  countOf,
  formatDuration,
  formatWindow as formatWindowIn,
} from './format';

const snapshot = mockApis
  .translation()
  .getTranslation(platformMetricsTranslationRef);
if (!snapshot.ready) throw new Error('translations are not ready');
const t = snapshot.t;
const formatWindow = (window: Parameters<typeof formatWindowIn>[1]) =>
  formatWindowIn(t, window);

describe('formatWindow', () => {
  it('shows the whole UTC days a window covers: its end is exclusive', () => {
    expect(
      formatWindow({
        from: '2026-03-02T00:00:00.000Z',
        to: '2026-04-01T00:00:00.000Z',
      }),
    ).toBe('Mar 2, 2026 – Mar 31, 2026 (UTC)');
  });

  it('does not fail on a missing or unparseable window', () => {
    expect(formatWindow(undefined)).toBe('—');
    expect(formatWindow({ from: 'soon', to: 'later' })).toBe('soon – later');
  });
});

describe('units pluralise by the number shown', () => {
  const duration = (s: number | null) => formatDuration(t, s);

  it('writes 1 hour and 1 day, never 1 hours or 1 days', () => {
    expect(duration(3600)).toBe('1 hour');
    // 1.03 hours shows as "1": the plural follows the number shown
    expect(duration(3700)).toBe('1 hour');
    expect(duration(5400)).toBe('1.5 hours');
    expect(duration(2 * 3600)).toBe('2 hours');
    expect(duration(86_400)).toBe('1 day');
    expect(duration(86_400 * 1.02)).toBe('1 day');
    expect(duration(86_400 * 3.5)).toBe('3.5 days');
  });

  it('picks the unit after rounding: 60 s is 1 min, 60 min is 1 hour, 24 hours is 1 day', () => {
    expect(duration(45)).toBe('45 s');
    expect(duration(59.6)).toBe('1 min');
    expect(duration(3599)).toBe('1 hour');
    expect(duration(86_399)).toBe('1 day');
    expect(duration(null)).toBe('—');
  });

  it('counts every unit in the singular for 1', () => {
    const units: CountUnit[] = [
      'deployments',
      'changes',
      'incidents',
      'resolvedIncidents',
      'responses',
      'exceptions',
      'entities',
      'stalledEntities',
      'comments',
      'promoters',
      'passives',
      'detractors',
    ];
    for (const unit of units) {
      const one = countOf(t, unit, 1);
      const two = countOf(t, unit, 2);
      expect(one).toMatch(/^1 /);
      expect(two).toMatch(/^2 /);
      expect(one).not.toBe(two.replace(/^2/, '1'));
    }
    expect(countOf(t, 'entities', 1)).toBe('1 entity');
    expect(countOf(t, 'promoters', 1)).toBe('1 promoter');
  });

  it('writes day, month, deployment and entity counts in the singular for 1', () => {
    expect(t('scorecard.deploymentFrequency.noValue', { count: 1 })).toBe(
      'No production deployments in 1 day',
    );
    expect(t('scorecard.deploymentFrequency.noValue', { count: 30 })).toBe(
      'No production deployments in 30 days',
    );
    expect(t('costs.total', { amount: '€100', count: 1 })).toBe(
      '€100 in 1 month',
    );
    expect(t('costs.total', { amount: '€300', count: 3 })).toBe(
      '€300 in 3 months',
    );
    expect(
      t('scorecard.leadTime.coverage', {
        share: '100%',
        complete: '1',
        count: 1,
      }),
    ).toBe('change data coverage 100% (1 of 1 deployment)');
    expect(t('tiles.adoption.ofEligible', { adopted: '1', count: 1 })).toBe(
      '1 of 1 eligible entity',
    );
    expect(t('annotations.incomplete', { count: 1 })).toBe(
      'The after window has not fully elapsed (1 day so far).',
    );
    expect(t('standing.components', { count: 1 })).toBe('1 component');
    expect(t('pipelines.succeededRuns', { count: 1 })).toBe('1 succeeded run');
  });
});

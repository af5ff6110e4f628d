import { mockApis } from '@backstage/test-utils';
import { platformMetricsTranslationRef } from '../../translation';
import { formatWindow as formatWindowIn } from './format';

const snapshot = mockApis.translation().getTranslation(platformMetricsTranslationRef);
if (!snapshot.ready) throw new Error('translations are not ready');
const t = snapshot.t;
const formatWindow = (window: Parameters<typeof formatWindowIn>[1]) =>
  formatWindowIn(t, window);

describe('formatWindow', () => {
  it('shows the whole UTC days a window covers: its end is exclusive', () => {
    expect(formatWindow({ from: '2026-03-02T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' })).toBe(
      'Mar 2, 2026 – Mar 31, 2026 (UTC)',
    );
  });

  it('does not fail on a missing or unparseable window', () => {
    expect(formatWindow(undefined)).toBe('—');
    expect(formatWindow({ from: 'soon', to: 'later' })).toBe('soon – later');
  });
});

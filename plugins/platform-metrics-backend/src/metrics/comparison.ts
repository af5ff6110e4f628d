import { InputError } from '@backstage/errors';
import { PlatformMetricsSettings } from '../config';
import { DAY, Window } from '../lib/time';

/** What `compare=` compares a window with (metrics.md §9). */
export type CompareWith = 'baseline' | 'previous';

/**
 * The reference period of a comparison: the configured baseline, or the
 * period of the same length that ends where the window starts.
 */
export function referenceWindow(
  compare: CompareWith,
  window: Window,
  settings: Pick<PlatformMetricsSettings, 'baseline'>,
): { window: Window; label: string } {
  if (compare === 'previous') {
    const length = window.to - window.from;
    return { window: { from: window.from - length, to: window.from, days: window.days }, label: 'Previous period' };
  }
  const { baseline } = settings;
  if (!baseline) {
    throw new InputError(
      'compare=baseline: no baseline is configured; set platformMetrics.baseline.from and platformMetrics.baseline.to (e.g. the quarter before the platform launched)',
    );
  }
  return {
    window: { from: baseline.from, to: baseline.to, days: Math.round((baseline.to - baseline.from) / DAY) },
    label: baseline.label,
  };
}

import { Window } from '../lib/time';

/** When a precomputed summary was computed, and the window it answers. */
export interface Precomputed {
  /** End of its window (a UTC midnight), epoch ms. */
  to: number;
  computedAt: number;
}

/**
 * THE freshness rule of precomputed summaries: one may answer for `window`
 * at time `at` when it covers exactly that window, is younger than `maxAgeMs`
 * at `at`, and was computed strictly after the last change it cannot
 * reflect (`changedAt`: a catalog sync or a survey publication; a survey
 * answer changes nothing a summary shows until it is published).
 *
 * The read path asks at `now`; the refresh job asks at `now + maxAgeMs / 2`,
 * so that it recomputes summaries before they would stop being served.
 */
export function isServable(
  row: Precomputed | undefined,
  window: Window,
  at: number,
  rule: { maxAgeMs: number; changedAt: number },
): boolean {
  return !!row && row.to === window.to && row.computedAt > at - rule.maxAgeMs && row.computedAt > rule.changedAt;
}

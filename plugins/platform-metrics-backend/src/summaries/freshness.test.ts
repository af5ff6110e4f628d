import { DAY, makeWindow } from '../lib/time';
import { isServable } from './freshness';

const now = Date.parse('2026-03-31T12:00:00Z');
const window = makeWindow(30, undefined, now);
const minute = 60_000;
const rule = { maxAgeMs: 10 * minute, changedAt: 0 };

describe('isServable', () => {
  it('serves a summary of exactly the current window while it is young', () => {
    expect(isServable({ to: window.to, computedAt: now - 9 * minute }, window, now, rule)).toBe(true);
  });

  it('does not serve one that is missing, too old, or of another window', () => {
    expect(isServable(undefined, window, now, rule)).toBe(false);
    expect(isServable({ to: window.to, computedAt: now - 10 * minute }, window, now, rule)).toBe(false);
    expect(isServable({ to: window.to - DAY, computedAt: now }, window, now, rule)).toBe(false);
  });

  it('does not serve one computed before (or at) the last change it cannot reflect', () => {
    const computedAt = now - minute;
    expect(isServable({ to: window.to, computedAt }, window, now, { ...rule, changedAt: computedAt - 1 })).toBe(true);
    expect(isServable({ to: window.to, computedAt }, window, now, { ...rule, changedAt: computedAt })).toBe(false);
    expect(isServable({ to: window.to, computedAt }, window, now, { ...rule, changedAt: now })).toBe(false);
  });

  it('lets the refresh job look ahead: what would expire before its next half-age is refreshed', () => {
    const row = { to: window.to, computedAt: now - 6 * minute };
    expect(isServable(row, window, now, rule)).toBe(true);
    expect(isServable(row, window, now + 5 * minute, rule)).toBe(false);
  });
});

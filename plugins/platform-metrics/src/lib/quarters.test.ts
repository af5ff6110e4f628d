import { DateTime } from 'luxon';
import {
  lastCompleteQuarter,
  parseQuarter,
  previousQuarter,
  quarterAt,
  quarterWindow,
  recentQuarters,
} from './quarters';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('quarters', () => {
  it('parses quarter ids and refuses anything else', () => {
    const q = parseQuarter('2026-Q3')!;
    expect(q.id).toBe('2026-Q3');
    expect(q.start.toISO()).toBe('2026-07-01T00:00:00.000Z');
    expect(q.end.toISO()).toBe('2026-10-01T00:00:00.000Z');
    for (const bad of [
      '2026-Q5',
      '2026-Q0',
      '2026Q3',
      'Q3-2026',
      '',
      null,
      undefined,
    ]) {
      expect(parseQuarter(bad)).toBeNull();
    }
  });

  it('finds the quarter of an instant in UTC, and the one before across a year', () => {
    expect(quarterAt(at('2026-03-31T23:59:59.999Z')).id).toBe('2026-Q1');
    expect(quarterAt(at('2026-04-01T00:00:00.000Z')).id).toBe('2026-Q2');
    // 23:30 on Dec 31 in New York is already Jan 1 in UTC
    expect(
      quarterAt(
        DateTime.fromISO('2025-12-31T23:30:00', { zone: 'America/New_York' }),
      ).id,
    ).toBe('2026-Q1');
    expect(previousQuarter(parseQuarter('2026-Q1')!).id).toBe('2025-Q4');
  });

  it('defaults to the last complete quarter and offers the running one and seven before it', () => {
    const now = at('2026-08-15T12:00:00.000Z');
    expect(lastCompleteQuarter(now).id).toBe('2026-Q2');
    expect(recentQuarters(now).map(q => q.id)).toEqual([
      '2026-Q3',
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
      '2024-Q4',
    ]);
  });

  it('reads a complete quarter whole, from its first day to the next quarter', () => {
    const now = at('2026-08-15T12:00:00.000Z');
    expect(quarterWindow(parseQuarter('2026-Q2')!, now)).toEqual({
      windowDays: 91,
      from: '2026-04-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
      inProgress: false,
    });
    expect(quarterWindow(parseQuarter('2025-Q4')!, now).windowDays).toBe(92);
    expect(quarterWindow(parseQuarter('2024-Q1')!, now).windowDays).toBe(91); // a leap year
  });

  it('reads the running quarter up to the end of today', () => {
    const w = quarterWindow(
      parseQuarter('2026-Q3')!,
      at('2026-08-15T12:00:00.000Z'),
    );
    expect(w).toEqual({
      windowDays: 46,
      from: '2026-07-01T00:00:00.000Z',
      to: '2026-08-16T00:00:00.000Z',
      inProgress: true,
    });
    // at a UTC midnight, today has not begun: the window ends there
    expect(
      quarterWindow(parseQuarter('2026-Q3')!, at('2026-07-02T00:00:00.000Z'))
        .windowDays,
    ).toBe(1);
    expect(
      quarterWindow(parseQuarter('2026-Q3')!, at('2026-07-01T00:00:00.000Z'))
        .windowDays,
    ).toBe(1);
  });
});

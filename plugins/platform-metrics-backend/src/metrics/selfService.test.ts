import { RequestRow } from '../database/RequestStore';
import { makeWindow } from '../lib/time';
import { closedIn, openAt, selfServiceByKind, selfServiceFigures, selfServiceTrend } from './selfService';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

let seq = 0;
const request = (
  closedAt: string | null,
  fulfilment: RequestRow['fulfilment'],
  hours: number,
  over: Partial<RequestRow> = {},
): RequestRow => {
  const closed = closedAt === null ? null : at(closedAt);
  return {
    source: 'portal',
    id: `r${++seq}`,
    kind: 'database',
    entityRef: null,
    requestedBy: null,
    openedAt: (closed ?? at('2026-03-10T00:00:00Z')) - hours * HOUR,
    closedAt: closed,
    fulfilment,
    ...over,
  };
};

// [2026-03-02, 2026-03-16): two ISO weeks, Monday to Monday
const window = makeWindow(14, '2026-03-16T00:00:00Z');

describe('self-service figures', () => {
  it('answers null, not 0, for no requests, and empty weeks', () => {
    expect(selfServiceFigures([], window)).toEqual({
      n: 0,
      selfService: 0,
      ticket: 0,
      ratio: null,
      open: 0,
      fulfilmentTime: { selfService: null, ticket: null },
    });
    expect(selfServiceByKind([], window)).toEqual([]);
    expect(selfServiceTrend([], window)).toEqual([
      { weekStart: '2026-03-02T00:00:00.000Z', closed: 0, selfService: 0, ratio: null },
      { weekStart: '2026-03-09T00:00:00.000Z', closed: 0, selfService: 0, ratio: null },
    ]);
  });

  it('counts a request closed exactly at from, not one closed exactly at to (it is open at to)', () => {
    const atFrom = request('2026-03-02T00:00:00Z', 'self-service', 1);
    const atTo = request('2026-03-16T00:00:00Z', 'ticket', 1);
    const justBefore = request('2026-03-01T23:59:59.999Z', 'ticket', 1);
    expect(closedIn(atFrom, window)).toBe(true);
    expect(closedIn(atTo, window)).toBe(false);
    expect(closedIn(justBefore, window)).toBe(false);
    expect(openAt(atTo, window.to)).toBe(true);
    expect(selfServiceFigures([atFrom, atTo, justBefore], window)).toMatchObject({ n: 1, selfService: 1, ticket: 0, ratio: 1, open: 1 });
  });

  it('counts open requests at to: opened before it and not closed before it; never in the ratio', () => {
    const open = request(null, 'ticket', 0, { openedAt: at('2026-01-01T00:00:00Z') });
    const openedAtTo = request(null, 'ticket', 0, { openedAt: window.to });
    const closedLater = request('2026-03-20T00:00:00Z', 'self-service', 24 * 10);
    const closed = request('2026-03-05T00:00:00Z', 'ticket', 48);
    const f = selfServiceFigures([open, openedAtTo, closedLater, closed], window);
    expect(f).toMatchObject({ n: 1, selfService: 0, ticket: 1, ratio: 0, open: 2 });
  });

  it('takes the ratio and each fulfilment median in seconds (even n: mean of the middle two)', () => {
    const requests = [
      request('2026-03-03T10:00:00Z', 'self-service', 1),
      request('2026-03-04T10:00:00Z', 'self-service', 3),
      request('2026-03-10T10:00:00Z', 'self-service', 2),
      request('2026-03-11T10:00:00Z', 'ticket', 48),
      request('2026-03-12T10:00:00Z', 'ticket', 24),
    ];
    expect(selfServiceFigures(requests, window)).toEqual({
      n: 5,
      selfService: 3,
      ticket: 2,
      ratio: 0.6,
      open: 0,
      fulfilmentTime: { selfService: 2 * 3600, ticket: 36 * 3600 },
    });
    expect(selfServiceTrend(requests, window)).toEqual([
      { weekStart: '2026-03-02T00:00:00.000Z', closed: 2, selfService: 2, ratio: 1 },
      { weekStart: '2026-03-09T00:00:00.000Z', closed: 3, selfService: 1, ratio: 1 / 3 },
    ]);
  });

  it('splits by kind, sorted, listing a kind with only open requests with a null ratio', () => {
    const requests = [
      request('2026-03-03T10:00:00Z', 'self-service', 1, { kind: 'new-service' }),
      request('2026-03-04T10:00:00Z', 'ticket', 5, { kind: 'new-service' }),
      request('2026-03-05T10:00:00Z', 'ticket', 10, { kind: 'access' }),
      request(null, 'ticket', 0, { kind: 'database', openedAt: at('2026-03-01T00:00:00Z') }),
      // closed before the window: no row
      request('2026-02-01T10:00:00Z', 'ticket', 1, { kind: 'dns' }),
    ];
    expect(selfServiceByKind(requests, window)).toEqual([
      { kind: 'access', n: 1, selfService: 0, ticket: 1, ratio: 0, open: 0, fulfilmentTime: { selfService: null, ticket: 10 * 3600 } },
      { kind: 'database', n: 0, selfService: 0, ticket: 0, ratio: null, open: 1, fulfilmentTime: { selfService: null, ticket: null } },
      { kind: 'new-service', n: 2, selfService: 1, ticket: 1, ratio: 0.5, open: 0, fulfilmentTime: { selfService: 3600, ticket: 5 * 3600 } },
    ]);
  });

  it('lists partial ISO weeks at both ends of a window that does not start on a Monday', () => {
    // [2026-03-04, 2026-03-11): Wednesday to Wednesday
    const w = makeWindow(7, '2026-03-11T00:00:00Z');
    const trend = selfServiceTrend([request('2026-03-10T23:00:00Z', 'self-service', 1), request('2026-03-11T01:00:00Z', 'ticket', 1)], w);
    expect(trend).toEqual([
      { weekStart: '2026-03-02T00:00:00.000Z', closed: 0, selfService: 0, ratio: null },
      { weekStart: '2026-03-09T00:00:00.000Z', closed: 1, selfService: 1, ratio: 1 },
    ]);
  });
});

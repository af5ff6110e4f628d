import {
  OrgSelfService,
  SelfServiceKind,
  SelfServiceTrendPoint,
} from '@platform-metrics/plugin-platform-metrics-common';
import { RequestRow } from '../database/RequestStore';
import { groupBy } from '../lib/collections';
import { WEEK, Window, weekStart } from '../lib/time';
import { median } from './stats';

/** The self-service figures of a set of requests (metrics.md §13), as the API returns them. Times in seconds. */
export type SelfServiceFigures = Pick<OrgSelfService, 'n' | 'selfService' | 'ticket' | 'ratio' | 'open' | 'fulfilmentTime'>;

/** A request closed in the window `[from, to)`: one closed exactly at `to` belongs to the next window. */
export const closedIn = (r: RequestRow, window: Pick<Window, 'from' | 'to'>) =>
  r.closedAt !== null && r.closedAt >= window.from && r.closedAt < window.to;

/** A request open at `at`: opened before it and not closed before it. */
export const openAt = (r: RequestRow, at: number) => r.openedAt < at && (r.closedAt === null || r.closedAt >= at);

/** self-service / all, or null for none (never 0 for no requests). */
const ratio = (selfService: number, n: number) => (n > 0 ? selfService / n : null);

const seconds = (r: RequestRow) => ((r.closedAt as number) - r.openedAt) / 1000;

/**
 * The figures of `requests` for a window: the requests closed in it, the
 * share of them fulfilled by self-service, the median fulfilment time of
 * each way, and the requests still open at its end. Requests outside the
 * window (closed before it, or opened at or after its end) are ignored.
 */
export function selfServiceFigures(requests: RequestRow[], window: Window): SelfServiceFigures {
  const closed = requests.filter(r => closedIn(r, window));
  const selfService = closed.filter(r => r.fulfilment === 'self-service');
  const ticket = closed.filter(r => r.fulfilment === 'ticket');
  return {
    n: closed.length,
    selfService: selfService.length,
    ticket: ticket.length,
    ratio: ratio(selfService.length, closed.length),
    open: requests.filter(r => openAt(r, window.to)).length,
    fulfilmentTime: {
      selfService: median(selfService.map(seconds)),
      ticket: median(ticket.map(seconds)),
    },
  };
}

/** The figures per kind of request, by kind; a kind is listed when one of its requests is closed in the window or open at its end. */
export function selfServiceByKind(requests: RequestRow[], window: Window): SelfServiceKind[] {
  const relevant = requests.filter(r => closedIn(r, window) || openAt(r, window.to));
  return [...groupBy(relevant, r => r.kind).entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([kind, list]) => ({ kind, ...selfServiceFigures(list, window) }));
}

/** The requests closed and the self-service ratio per ISO week of the window, by `closedAt` (every week, empty ones too). */
export function selfServiceTrend(requests: RequestRow[], window: Window): SelfServiceTrendPoint[] {
  const closed = requests.filter(r => closedIn(r, window));
  const byWeek = groupBy(closed, r => String(weekStart(r.closedAt as number)));
  const out: SelfServiceTrendPoint[] = [];
  for (let w = weekStart(window.from); w <= weekStart(window.to - 1); w += WEEK) {
    const week = byWeek.get(String(w)) ?? [];
    const selfService = week.filter(r => r.fulfilment === 'self-service').length;
    out.push({ weekStart: new Date(w).toISOString(), closed: week.length, selfService, ratio: ratio(selfService, week.length) });
  }
  return out;
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { ErrorRequestHandler, RequestHandler } from 'express';

/** A failure worth retrying: what it was, and how many seconds to wait. */
export interface TransientFailure {
  reason: string;
  retryAfterSeconds: number;
}

/** Lock contention resolves at once: retry soon. */
const CONTENTION = 1;
/** A lost connection or a database restarting: give it a little longer. */
const OUTAGE = 5;

/** PostgreSQL SQLSTATEs (and classes, by their two-character prefix) that mean "try again". */
const PG_CODES: Array<[RegExp, string, number]> = [
  [/^40P01$/, 'a deadlock', CONTENTION],
  [/^40001$/, 'a serialization failure', CONTENTION],
  [/^55P03$/, 'a lock that was not available', CONTENTION],
  [/^57P0[123]$/, 'the database shutting down or starting', OUTAGE],
  [/^08/, 'a lost database connection', OUTAGE],
  [/^53300$/, 'too many database connections', OUTAGE],
];

/** Node's socket errors on the way to the database. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/** Messages of the pg driver and of knex's pool that carry no code. */
const MESSAGES: Array<[RegExp, string, number]> = [
  [/Timeout acquiring a connection/i, 'no free database connection', CONTENTION],
  [/Connection terminated|not queryable|connection error/i, 'a lost database connection', OUTAGE],
];

/** Errors that answer 4xx: never mapped, whatever their message says. */
const CLIENT_ERRORS = new Set<unknown>([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
]);

function classifyOne(e: { code?: unknown; name?: unknown; message?: unknown }): TransientFailure | undefined {
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code) {
    for (const [pattern, reason, retryAfterSeconds] of PG_CODES) {
      if (pattern.test(code)) return { reason, retryAfterSeconds };
    }
    if (SOCKET_CODES.has(code)) return { reason: 'a lost database connection', retryAfterSeconds: OUTAGE };
    if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return { reason: 'a busy database', retryAfterSeconds: CONTENTION };
  }
  if (e.name === 'KnexTimeoutError') return { reason: 'no free database connection', retryAfterSeconds: CONTENTION };
  const message = typeof e.message === 'string' ? e.message : '';
  for (const [pattern, reason, retryAfterSeconds] of MESSAGES) {
    if (pattern.test(message)) return { reason, retryAfterSeconds };
  }
  return undefined;
}

/**
 * Whether an error is a transient database failure (a deadlock, a
 * serialization failure, a pool timeout, a lost or refused connection, a
 * database shutting down, a busy SQLite), looking through `cause` chains and
 * aggregate errors. Undefined for anything else, bad input included.
 */
export function transientFailure(error: unknown): TransientFailure | undefined {
  // a client error stays one, whatever its message quotes
  if (CLIENT_ERRORS.has((error as { name?: unknown } | undefined)?.name)) return undefined;
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const found = classifyOne(e as object);
    if (found) return found;
    const { cause, errors } = e as { cause?: unknown; errors?: unknown };
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return undefined;
}

/**
 * The plugin's error mapping, installed after its routes: a transient
 * database failure answers 503 (`ServiceUnavailableError`) with a
 * `Retry-After` header in seconds instead of 500; anything else passes
 * through untouched. The root error handler renders the body. The original
 * error is logged here and not put in the answer (it names SQL).
 *
 * Typed as a `RequestHandler` because `HttpRouterService.use` takes one;
 * express tells an error handler by its four parameters at run time.
 */
export function transientErrorHandler(options: { logger: LoggerService }): RequestHandler {
  const handler: ErrorRequestHandler = (error, req, res, next) => {
    const failure = transientFailure(error);
    if (!failure) {
      next(error);
      return;
    }
    options.logger.warn(`${req.method} ${req.originalUrl} failed on ${failure.reason}, answered 503`, error);
    if (!res.headersSent) res.setHeader('Retry-After', String(failure.retryAfterSeconds));
    next(
      new ServiceUnavailableError(
        `The request failed on ${failure.reason}; retry after ${failure.retryAfterSeconds} s`,
      ),
    );
  };
  return handler as unknown as RequestHandler;
}

import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { ForwardedError, InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { transientErrorHandler, transientFailure } from './errors';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('transientFailure', () => {
  it.each([
    ['a PostgreSQL deadlock', withCode('40P01', 'deadlock detected'), 1],
    ['a serialization failure', withCode('40001'), 1],
    ['an admin shutdown', withCode('57P01', 'terminating connection due to administrator command'), 5],
    ['a crash shutdown', withCode('57P02'), 5],
    ['a database starting up', withCode('57P03', 'the database system is starting up'), 5],
    ['a connection exception (class 08)', withCode('08006', 'connection failure'), 5],
    ['another connection exception (class 08)', withCode('08001'), 5],
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 5],
    ['a reset connection', withCode('ECONNRESET', 'read ECONNRESET'), 5],
    ['a busy SQLite', withCode('SQLITE_BUSY', 'database is locked'), 1],
    ['a busy SQLite snapshot', withCode('SQLITE_BUSY_SNAPSHOT'), 1],
    [
      "knex's pool timeout",
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
      1,
    ],
    ['a connection lost without a code', new Error('Connection terminated unexpectedly'), 5],
    ['a wrapped deadlock', new ForwardedError('Failed to write', withCode('40P01')), 1],
    ['a refused connection to every address', new AggregateError([withCode('ECONNREFUSED')], 'connect failed'), 5],
  ])('takes %s for a transient failure', (_name, error, retryAfterSeconds) => {
    expect(transientFailure(error)).toMatchObject({ retryAfterSeconds });
  });

  it.each([
    ['bad input', new InputError('deployments[0].status: invalid')],
    ['bad input quoting a connection error', new InputError('deployments[0].version: "Connection terminated"')],
    ['a unique violation', withCode('23505', 'duplicate key value')],
    ['a syntax error', withCode('42601', 'syntax error')],
    ['an unknown SQLite error', withCode('SQLITE_CONSTRAINT')],
    ['a plain error', new Error('something broke')],
    ['no error at all', undefined],
  ])('leaves %s alone', (_name, error) => {
    expect(transientFailure(error)).toBeUndefined();
  });

  it('survives a cause chain that loops', () => {
    const a: any = new Error('a');
    const b: any = new Error('b');
    a.cause = b;
    b.cause = a;
    expect(transientFailure(a)).toBeUndefined();
  });
});

describe('transientErrorHandler', () => {
  function app(error: unknown) {
    const logger = mockServices.logger.mock();
    const router = express.Router();
    router.get('/fail', () => {
      throw error;
    });
    return { logger, app: express().use(router).use(transientErrorHandler({ logger })).use(mockErrorHandler()) };
  }

  it('answers a deadlock with 503 and Retry-After, without the SQL', async () => {
    const { app: server, logger } = app(
      withCode('40P01', 'update "pm_entity_days" set x = 1 - deadlock detected'),
    );
    const res = await request(server).get('/fail');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.body.error.message).toMatch(/deadlock/);
    expect(JSON.stringify(res.body)).not.toMatch(/pm_entity_days/);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/GET \/fail failed on a deadlock/), expect.any(Error));
  });

  it('answers a lost connection with 503 and a longer Retry-After', async () => {
    const res = await request(app(withCode('57P01')).app).get('/fail');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
  });

  it('passes other errors through untouched', async () => {
    const notFound = await request(app(new NotFoundError('no such entity')).app).get('/fail');
    expect(notFound.status).toBe(404);
    expect(notFound.headers['retry-after']).toBeUndefined();
    const broken = await request(app(new Error('a bug')).app).get('/fail');
    expect(broken.status).toBe(500);
    expect(broken.headers['retry-after']).toBeUndefined();
  });
});

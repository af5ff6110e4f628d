import { CustomErrorBase } from '@backstage/errors';
import express from 'express';

/** Largest body of an ingestion or import batch: 1000 deployments with a few changes each fit well within it. */
export const INGEST_BODY_LIMIT = { bytes: 5 * 1024 * 1024, label: '5 MB' };
/** Largest body of every other route (a survey answer is a score and a comment of at most 2000 characters). */
export const SURVEY_BODY_LIMIT = { bytes: 16 * 1024, label: '16 kB' };

/** A request body over the route's limit: 413. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/**
 * `express.json()` with a limit, whose body-too-large error becomes a
 * {@link PayloadTooLargeError} naming the limit (413, never 500). A body
 * that an earlier parser read is left alone.
 */
export function jsonBody(limit: { bytes: number; label: string }): express.RequestHandler[] {
  return [
    express.json({ limit: limit.bytes }),
    (err: unknown, req: express.Request, _res: express.Response, next: express.NextFunction) => {
      if ((err as { type?: string } | null)?.type === 'entity.too.large') {
        next(new PayloadTooLargeError(`Request body too large: ${req.method} ${req.originalUrl.split('?')[0]} takes at most ${limit.label}`));
        return;
      }
      next(err);
    },
  ] as unknown as express.RequestHandler[];
}

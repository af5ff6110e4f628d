import { z } from 'zod';
import { lower } from '../lib/refs';
import {
  DEFAULT_MAX_FUTURE_SKEW_MINUTES,
  batchOf,
  entityRef,
  id,
  importedSurveyResponseSchema,
  recordTimestamp,
  source,
  text,
} from './validation';

const KIND_ERROR = 'expected a request kind: 1 to 63 letters, digits, dots, hyphens or underscores, e.g. new-service';

/** The kind of a request (`new-service`, `database`, `access`), lower-cased as it is stored. */
const requestKind = text(KIND_ERROR)
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, { error: KIND_ERROR })
  .transform(lower);

/** How a request was fulfilled (metrics.md §13). */
export const FULFILMENTS = ['self-service', 'ticket'] as const;
export type Fulfilment = (typeof FULFILMENTS)[number];

/**
 * The schemas of platform requests (metrics.md §13), with timestamps from
 * 2000-01-01 to `maxAt()` (now plus the allowed clock skew), as for the other
 * ingested records.
 */
export function requestSchemas(maxAt: () => number) {
  const at = recordTimestamp(maxAt);
  const request = z
    .strictObject({
      id,
      source,
      kind: requestKind,
      entityRef: entityRef.optional(),
      requestedBy: importedSurveyResponseSchema.shape.userRef.optional(),
      openedAt: at,
      closedAt: at.nullish(),
      fulfilment: z.enum(FULFILMENTS, { error: 'expected self-service or ticket' }),
    })
    .superRefine((r, ctx) => {
      if (r.closedAt && r.closedAt < r.openedAt) {
        ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'closedAt is before openedAt' });
      }
    });
  return {
    requestSchema: request,
    /** Body of `POST /requests`. */
    requestBatchSchema: z.strictObject({ requests: batchOf(request) }),
  };
}

/** The schemas with the default skew (a day, by this process's clock). */
export const { requestSchema, requestBatchSchema } = requestSchemas(
  () => Date.now() + DEFAULT_MAX_FUTURE_SKEW_MINUTES * 60_000,
);

/** A validated, normalised platform request. */
export type RequestInput = z.output<typeof requestSchema>;

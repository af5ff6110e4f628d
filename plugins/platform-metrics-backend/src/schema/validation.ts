import { z } from 'zod';
import {
  DEFAULT_WINDOW_DAYS,
  MAX_BATCH,
  MAX_COMMENT_LENGTH,
  MAX_WINDOW_DAYS,
  MIN_WINDOW_DAYS,
} from '@platform-metrics/plugin-platform-metrics-common';
import { normalizeEntityRef } from '../lib/refs';

const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO-8601 timestamp with a time zone, normalised to UTC
 * (`2026-01-02T03:04:05.000Z`).
 */
export const timestamp = z
  .string({ error: 'expected an ISO-8601 timestamp string' })
  .refine(v => ISO_TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)), {
    error: 'expected an ISO-8601 timestamp with a time zone, e.g. 2026-01-31T12:00:00Z',
  })
  .transform(v => new Date(v).toISOString());

/** An entity ref, normalised (metrics.md) with the given default kind. */
const refOf = (defaultKind: string) =>
  z.string({ error: 'expected an entity ref string' }).transform((v, ctx) => {
    try {
      return normalizeEntityRef(v, { defaultKind });
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        message: `not a valid ${defaultKind} ref: ${(e as Error).message}`,
      });
      return z.NEVER;
    }
  });

export const entityRef = refOf('component');

export const id = z
  .string({ error: 'expected a non-empty string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(255, { error: 'at most 255 characters' });

export const source = id.default('api');

/** A commit sha, 7 to 64 hex digits, lower-cased. */
export const commitSha = z
  .string({ error: 'expected a commit sha (7 to 64 hex digits)' })
  .trim()
  .regex(/^[0-9a-f]{7,64}$/i, { error: 'expected a commit sha (7 to 64 hex digits)' })
  .transform(v => v.toLowerCase());

/** One change (commit or merged PR) shipped by a deployment. */
export const changeSchema = z.strictObject({
  id,
  committedAt: timestamp,
});

/** A deployment record as ingested (metrics.md, "Ingested records"). */
export const deploymentSchema = z
  .strictObject({
    id,
    source,
    entityRef,
    environment: z.string().trim().min(1).max(100),
    status: z.enum(['succeeded', 'failed']),
    finishedAt: timestamp,
    startedAt: timestamp.optional(),
    version: z.string().max(255).optional(),
    commitSha: commitSha.optional(),
    changes: z.array(changeSchema).max(10000).default([]),
    type: z.enum(['standard', 'hotfix', 'rollback']).default('standard'),
    remediates: id.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.startedAt && d.startedAt > d.finishedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['finishedAt'],
        message: 'finishedAt is before startedAt',
      });
    }
  });

/** An incident record as ingested. */
export const incidentSchema = z
  .strictObject({
    id,
    source,
    entityRef,
    openedAt: timestamp,
    resolvedAt: timestamp.nullish(),
    severity: z.string().max(50).optional(),
    causedBy: id.optional(),
  })
  .superRefine((i, ctx) => {
    if (i.resolvedAt && i.resolvedAt < i.openedAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolvedAt'],
        message: 'resolvedAt is before openedAt',
      });
    }
  });

/** Body of `POST /deployments`. */
export const deploymentBatchSchema = z.strictObject({
  deployments: z
    .array(deploymentSchema)
    .min(1, { error: 'at least 1 item' })
    .max(MAX_BATCH, { error: `at most ${MAX_BATCH} items` }),
});

/** Body of `POST /incidents`. */
export const incidentBatchSchema = z.strictObject({
  incidents: z
    .array(incidentSchema)
    .min(1, { error: 'at least 1 item' })
    .max(MAX_BATCH, { error: `at most ${MAX_BATCH} items` }),
});

/** Body of `POST /surveys/current/responses`. */
export const surveyResponseSchema = z.strictObject({
  score: z
    .number({ error: 'expected a whole number from 0 to 10' })
    .int({ error: 'expected a whole number from 0 to 10' })
    .min(0, { error: 'expected a whole number from 0 to 10' })
    .max(10, { error: 'expected a whole number from 0 to 10' }),
  comment: z
    .string()
    .max(MAX_COMMENT_LENGTH, { error: `at most ${MAX_COMMENT_LENGTH} characters` })
    .optional(),
});

/** A validated, normalised deployment. */
export type DeploymentInput = z.output<typeof deploymentSchema>;
/** A validated, normalised incident. */
export type IncidentInput = z.output<typeof incidentSchema>;
/** A validated survey answer. */
export type SurveyResponseInput = z.output<typeof surveyResponseSchema>;

const WINDOW_DAYS_ERROR = `expected a whole number of days from ${MIN_WINDOW_DAYS} to ${MAX_WINDOW_DAYS}`;

/** Query of the metric read endpoints. */
export const metricsQuerySchema = z.strictObject({
  windowDays: z.coerce
    .number({ error: WINDOW_DAYS_ERROR })
    .int({ error: WINDOW_DAYS_ERROR })
    .min(MIN_WINDOW_DAYS, { error: WINDOW_DAYS_ERROR })
    .max(MAX_WINDOW_DAYS, { error: WINDOW_DAYS_ERROR })
    .default(DEFAULT_WINDOW_DAYS),
  to: timestamp.optional(),
  group: refOf('group').optional(),
});

/** Query of `GET /entities/{kind}/{namespace}/{name}/deployments/latest`. */
export const latestDeploymentQuerySchema = z.strictObject({
  environment: z.string().trim().min(1).max(100).optional(),
});

/**
 * Formats validation issues as `deployments[3].finishedAt: message`, so a
 * caller sees which item and which field to mend.
 */
export function formatIssues(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
  max = 5,
): string {
  const parts = issues.slice(0, max).map(issue => {
    let where = '';
    for (const seg of issue.path) {
      if (typeof seg === 'number') where += `[${seg}]`;
      else where += where ? `.${String(seg)}` : String(seg);
    }
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = issues.length > max ? ` (and ${issues.length - max} more)` : '';
  return parts.join('; ') + more;
}

/** A survey id: `2026-Q4` (quarterly) or `2026-M11` (monthly). */
export const surveyIdSchema = z
  .string()
  .regex(/^\d{4}-(Q[1-4]|M(0[1-9]|1[0-2]))$/, {
    error: 'expected a survey id like 2026-Q4 or 2026-M11',
  });

/**
 * One historical survey answer imported by a trusted service (for example
 * from an external survey tool). Unlike `POST /surveys/current/responses`,
 * where the user always comes from the caller's token, an import names the
 * user, because only service credentials may import.
 */
export const importedSurveyResponseSchema = z.strictObject({
  surveyId: surveyIdSchema,
  userRef: refOf('user'),
  score: surveyResponseSchema.shape.score,
  comment: surveyResponseSchema.shape.comment,
  submittedAt: timestamp,
});

/** Body of `POST /survey-responses` (service credentials only). */
export const surveyImportBatchSchema = z.strictObject({
  responses: z
    .array(importedSurveyResponseSchema)
    .min(1, { error: 'at least 1 item' })
    .max(MAX_BATCH, { error: `at most ${MAX_BATCH} items` }),
});

/** A validated imported survey answer. */
export type ImportedSurveyResponse = z.output<typeof importedSurveyResponseSchema>;

import { InputError } from '@backstage/errors';
import { z } from 'zod';
import {
  DEFAULT_WINDOW_DAYS,
  MAX_BATCH,
  MAX_COMMENT_LENGTH,
  MAX_WINDOW_DAYS,
  MIN_WINDOW_DAYS,
} from '@platform-metrics/plugin-platform-metrics-common';
import { normalizePerson } from '../lib/people';
import { lower, normalizeEntityRef } from '../lib/refs';

/** A NUL, or a UTF-16 surrogate without its pair (not a Unicode string: databases reject or mangle it). */
// eslint-disable-next-line no-control-regex -- NUL is what it finds
const ILL_FORMED = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const ILL_FORMED_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** A string that is well-formed Unicode without NUL; the check runs before any other. */
export const text = (error: string) =>
  z.string({ error }).refine(v => !ILL_FORMED.test(v), { error: ILL_FORMED_MESSAGE, abort: true });

/** The earliest timestamp an ingested record may carry. */
export const MIN_TIMESTAMP = Date.parse('2000-01-01T00:00:00Z');

/** The default of `platformMetrics.ingest.maxFutureSkewMinutes`: a day. */
export const DEFAULT_MAX_FUTURE_SKEW_MINUTES = 24 * 60;

const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO-8601 timestamp with a time zone, normalised to UTC
 * (`2026-01-02T03:04:05.000Z`).
 */
export const timestamp = text('expected an ISO-8601 timestamp string')
  .refine(v => ISO_TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)), {
    error: 'expected an ISO-8601 timestamp with a time zone, e.g. 2026-01-31T12:00:00Z',
  })
  .transform(v => new Date(v).toISOString());

/** A {@link timestamp} of an ingested record: from 2000-01-01 to `maxAt()` (now plus the allowed skew). */
export const recordTimestamp = (maxAt: () => number) =>
  timestamp.superRefine((v, ctx) => {
    const at = Date.parse(v);
    const max = maxAt();
    if (at < MIN_TIMESTAMP || at > max) {
      ctx.addIssue({
        code: 'custom',
        message: `must be between 2000-01-01T00:00:00Z and ${new Date(max).toISOString()} (now plus the allowed clock skew)`,
      });
    }
  });

/** An entity ref, normalised (metrics.md) with the given default kind. */
const refOf = (defaultKind: string) =>
  text('expected an entity ref string').transform((v, ctx) => {
    try {
      const ref = normalizeEntityRef(v, { defaultKind });
      // the length that is stored: after normalisation (lower-casing may lengthen it)
      if (ref.length > 255) {
        ctx.addIssue({ code: 'custom', message: 'at most 255 characters (normalised)' });
        return z.NEVER;
      }
      return ref;
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        message: `not a valid ${defaultKind} ref: ${(e as Error).message}`,
      });
      return z.NEVER;
    }
  });

export const entityRef = refOf('component');

/**
 * Who did it (metrics.md, "People fields (§5)"): a user entity ref (kind
 * defaults to `user`), normalised, or an email address, lower-cased.
 */
export const person = text('expected a user ref or an email address').transform((v, ctx) => {
  try {
    return normalizePerson(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `expected a user ref (user:default/jane) or an email address: ${(e as Error).message}` });
    return z.NEVER;
  }
});

export const id = text('expected a non-empty string')
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(255, { error: 'at most 255 characters' });

export const source = id.default('api');

/** A commit sha, 7 to 64 hex digits, lower-cased. */
export const commitSha = text('expected a commit sha (7 to 64 hex digits)')
  .trim()
  .regex(/^[0-9a-f]{7,64}$/i, { error: 'expected a commit sha (7 to 64 hex digits)' })
  .transform(v => v.toLowerCase());

/** A batch of 1 to MAX_BATCH items. */
export const batchOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1, { error: 'at least 1 item' })
    .max(MAX_BATCH, { error: `at most ${MAX_BATCH} items` });

/** An environment name, lower-cased as it is stored; the length is checked after lower-casing ('İ' becomes two characters). */
const environment = text('expected an environment name')
  .trim()
  .overwrite(lower)
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'at most 100 characters (lower-cased)' });

/** The most developers an incident may name as affected. */
export const MAX_AFFECTED_DEVELOPERS = 1_000_000;

const AFFECTED_DEVELOPERS_ERROR = `expected a whole number of developers from 0 to ${MAX_AFFECTED_DEVELOPERS}`;

/** How many developers an incident kept from their work, as its tool counted them (metrics.md §14). */
const affectedDevelopers = z
  .number({ error: AFFECTED_DEVELOPERS_ERROR })
  .int({ error: AFFECTED_DEVELOPERS_ERROR })
  .min(0, { error: AFFECTED_DEVELOPERS_ERROR })
  .max(MAX_AFFECTED_DEVELOPERS, { error: AFFECTED_DEVELOPERS_ERROR });

/** An optional free-text field of at most `max` characters. */
const optionalText = (max: number) =>
  text('expected a string').max(max, { error: `at most ${max} characters` }).optional();

/** Body of `POST /surveys/current/responses`. */
export const surveyResponseSchema = z.strictObject({
  score: z
    .number({ error: 'expected a whole number from 0 to 10' })
    .int({ error: 'expected a whole number from 0 to 10' })
    .min(0, { error: 'expected a whole number from 0 to 10' })
    .max(10, { error: 'expected a whole number from 0 to 10' }),
  comment: optionalText(MAX_COMMENT_LENGTH),
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

const compare = z.enum(['baseline', 'previous'], { error: 'expected baseline or previous' }).optional();

/** Query of `GET /entities/{kind}/{namespace}/{name}/scorecard`. */
export const scorecardQuerySchema = metricsQuerySchema.omit({ group: true }).extend({ compare });

/** At most one of `group`, `system` and `domain`. */
function oneScope(q: { group?: string; system?: string; domain?: string }, ctx: z.RefinementCtx) {
  const given = (['group', 'system', 'domain'] as const).filter(k => q[k] !== undefined);
  if (given.length > 1) {
    ctx.addIssue({ code: 'custom', path: [given[1]], message: `at most one of group, system and domain (got ${given.join(' and ')})` });
  }
}

const scopedQuerySchema = metricsQuerySchema.extend({
  system: refOf('system').optional(),
  domain: refOf('domain').optional(),
});

/** Query of `GET /org/summary`. */
export const summaryQuerySchema = scopedQuerySchema
  .extend({ compare, split: z.enum(['adoption'], { error: 'expected adoption' }).optional() })
  .superRefine(oneScope);

/** Query of `GET /export/entities.csv`. */
export const exportQuerySchema = scopedQuerySchema.superRefine(oneScope);
const AGREEMENT_ERROR = 'expected a whole number from 1 (strongly disagree) to 5 (strongly agree)';
const agreement = z
  .number({ error: AGREEMENT_ERROR })
  .int({ error: AGREEMENT_ERROR })
  .min(1, { error: AGREEMENT_ERROR })
  .max(5, { error: AGREEMENT_ERROR });

/** The id of an agreement question (`survey.questions[].id`). */
export const questionIdSchema = z
  .string({ error: 'expected a question id' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'expected a question id of lower-case letters, digits and dashes' });

/** Body of `PUT /surveys/current/answers/{questionId}`. */
export const surveyQuestionAnswerSchema = z.strictObject({ value: agreement });

/** Answers to agreement questions, by question id. */
export const surveyQuestionAnswersSchema = z.record(questionIdSchema, agreement, {
  error: 'expected an object of question ids and answers from 1 to 5',
});

/** Body of `POST /surveys/current/snooze`: none, or an empty object. */
export const surveySnoozeSchema = z.strictObject({});

/** Query of `GET /entities/{kind}/{namespace}/{name}/deployments/latest`. */
export const latestDeploymentQuerySchema = z.strictObject({
  environment: environment.optional(),
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
export const surveyIdSchema = text('expected a survey id like 2026-Q4 or 2026-M11')
  .regex(/^\d{4}-(Q[1-4]|M(0[1-9]|1[0-2]))$/, {
    error: 'expected a survey id like 2026-Q4 or 2026-M11',
  });

/**
 * The schemas of ingested records and their batches, with timestamps from
 * 2000-01-01 to `maxAt()` (now plus `platformMetrics.ingest.maxFutureSkewMinutes`;
 * the router passes its clock).
 */
export function recordSchemas(maxAt: () => number) {
  const at = recordTimestamp(maxAt);

  /** One change (commit or merged PR) shipped by a deployment. */
  const change = z.strictObject({ id, committedAt: at, author: person.optional() });

  /** A deployment record as ingested (metrics.md, "Ingested records"). */
  const deployment = z
    .strictObject({
      id,
      source,
      entityRef,
      environment,
      status: z.enum(['succeeded', 'failed']),
      finishedAt: at,
      startedAt: at.optional(),
      version: optionalText(255),
      commitSha: commitSha.optional(),
      changes: z.array(change).max(10000).default([]),
      changesComplete: z.boolean({ error: 'expected true or false' }).optional(),
      type: z.enum(['standard', 'hotfix', 'rollback']).default('standard'),
      remediates: id.optional(),
      deployedBy: person.optional(),
    })
    .superRefine((d, ctx) => {
      if (d.startedAt && d.startedAt > d.finishedAt) {
        ctx.addIssue({ code: 'custom', path: ['finishedAt'], message: 'finishedAt is before startedAt' });
      }
    });

  /** An incident record as ingested. */
  const incident = z
    .strictObject({
      id,
      source,
      entityRef,
      openedAt: at,
      resolvedAt: at.nullish(),
      severity: optionalText(50),
      causedBy: id.optional(),
      affectedDevelopers: affectedDevelopers.nullish(),
    })
    .superRefine((i, ctx) => {
      if (i.resolvedAt && i.resolvedAt < i.openedAt) {
        ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: 'resolvedAt is before openedAt' });
      }
    });

  /**
   * One historical survey answer imported by a trusted service (for example
   * from an external survey tool). Unlike `POST /surveys/current/responses`,
   * where the user always comes from the caller's token, an import names the
   * user, because only service credentials may import.
   */
  const importedSurveyResponse = z.strictObject({
    surveyId: surveyIdSchema,
    userRef: refOf('user'),
    score: surveyResponseSchema.shape.score,
    comment: surveyResponseSchema.shape.comment,
    submittedAt: at,
    answers: surveyQuestionAnswersSchema.optional(),
  });

  const batch = batchOf;

  return {
    changeSchema: change,
    deploymentSchema: deployment,
    incidentSchema: incident,
    importedSurveyResponseSchema: importedSurveyResponse,
    /** Body of `POST /deployments`. */
    deploymentBatchSchema: z.strictObject({ deployments: batch(deployment) }),
    /** Body of `POST /incidents`. */
    incidentBatchSchema: z.strictObject({ incidents: batch(incident) }),
    /** Body of `POST /survey-responses` (service credentials only). */
    surveyImportBatchSchema: z.strictObject({ responses: batch(importedSurveyResponse) }),
  };
}

/** The record schemas with the default skew: timestamps up to a day from now (by this process's clock). */
const defaults = recordSchemas(() => Date.now() + DEFAULT_MAX_FUTURE_SKEW_MINUTES * 60_000);

/** One change (commit or merged PR) shipped by a deployment. */
export const changeSchema = defaults.changeSchema;
/** A deployment record as ingested (metrics.md, "Ingested records"). */
export const deploymentSchema = defaults.deploymentSchema;
/** An incident record as ingested. */
export const incidentSchema = defaults.incidentSchema;
/** Body of `POST /deployments`. */
export const deploymentBatchSchema = defaults.deploymentBatchSchema;
/** Body of `POST /incidents`. */
export const incidentBatchSchema = defaults.incidentBatchSchema;
/** One imported survey answer. */
export const importedSurveyResponseSchema = defaults.importedSurveyResponseSchema;
/** Body of `POST /survey-responses` (service credentials only). */
export const surveyImportBatchSchema = defaults.surveyImportBatchSchema;

/** A validated imported survey answer. */
export type ImportedSurveyResponse = z.output<typeof importedSurveyResponseSchema>;

/** The value as the schema reads it, or an `InputError` naming each item and field at fault. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(`Invalid request: ${formatIssues(result.error.issues)}`);
  }
  return result.data;
}

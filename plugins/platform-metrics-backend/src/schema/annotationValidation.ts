import { z } from 'zod';
import { normalizeEntityRef } from '../lib/refs';

/** The window lengths of a before/after comparison (metrics.md §11). */
export const IMPACT_DAYS = [14, 30, 90] as const;
/** The default window length of a before/after comparison. */
export const DEFAULT_IMPACT_DAYS = 30;
/** Most annotations one list answers. */
export const MAX_ANNOTATIONS = 500;

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

const timestamp = z
  .string({ error: 'expected an ISO-8601 timestamp string' })
  .refine(v => ISO_TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)), {
    error: 'expected an ISO-8601 timestamp with a time zone, e.g. 2026-01-31T12:00:00Z',
  })
  .transform(v => Date.parse(v));

/** An annotation id: letters, digits and `._:-`, 1..255 characters. */
export const annotationIdSchema = z
  .string({ error: 'expected an annotation id string' })
  .regex(/^[A-Za-z0-9._:-]{1,255}$/, { error: 'expected 1 to 255 letters, digits or ._:-' });

/**
 * A scope: `org`, or an entity ref (a Group ref for a team, any other ref
 * for one entity), normalised as metrics.md prescribes (kind defaults to
 * `component`).
 */
export const scopeSchema = z.string({ error: 'expected `org` or an entity ref' }).transform((v, ctx) => {
  if (v.trim().toLowerCase() === 'org') return 'org';
  try {
    return normalizeEntityRef(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `expected \`org\` or an entity ref: ${(e as Error).message}` });
    return z.NEVER;
  }
});

const text = (max: number) =>
  z
    .string({ error: 'expected a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `at most ${max} characters` });

/** Body of `POST /annotations`. */
export const annotationSchema = z.strictObject({
  id: annotationIdSchema.optional(),
  at: timestamp,
  title: text(200),
  description: z.string({ error: 'expected a string' }).max(4000, { error: 'at most 4000 characters' }).optional(),
  url: z
    .string({ error: 'expected an http(s) URL' })
    .max(2000, { error: 'at most 2000 characters' })
    .regex(/^https?:\/\/\S+$/i, { error: 'expected an http(s) URL' })
    .optional(),
  scope: scopeSchema,
  tags: z
    .array(text(50).transform(t => t.toLowerCase()), { error: 'expected a list of strings' })
    .max(20, { error: 'at most 20 tags' })
    .default([])
    .transform(tags => [...new Set(tags)]),
});

/** A validated annotation body: `at` in epoch ms, `scope` and tags normalised. */
export type AnnotationInput = z.output<typeof annotationSchema>;

/** Query of `GET /annotations`. */
export const annotationListQuerySchema = z
  .strictObject({
    scope: scopeSchema.optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && q.to < q.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
    }
  });

/** Path of the `/annotations/{id}` routes. */
export const annotationParamsSchema = z.object({ id: annotationIdSchema });

const DAYS_ERROR = `expected one of ${IMPACT_DAYS.join(', ')}`;

/** Query of `GET /annotations/{id}/impact`. */
export const impactQuerySchema = z.strictObject({
  days: z.coerce
    .number({ error: DAYS_ERROR })
    .refine((d): d is (typeof IMPACT_DAYS)[number] => (IMPACT_DAYS as readonly number[]).includes(d), {
      error: DAYS_ERROR,
    })
    .default(DEFAULT_IMPACT_DAYS),
  scope: scopeSchema.optional(),
});

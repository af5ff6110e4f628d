import { z } from 'zod';
import { DAY } from '../lib/time';
import {
  DEFAULT_MAX_FUTURE_SKEW_MINUTES,
  batchOf,
  entityRef,
  id,
  person,
  recordTimestamp,
  source,
  text,
  timestamp,
} from '../schema/validation';

/** How long a pulse is shown at most: its default lifetime, and the longest one a sender may give. */
export const PULSE_LIFETIME_DAYS = 14;
export const PULSE_LIFETIME = PULSE_LIFETIME_DAYS * DAY;

/** The longest question, in characters. */
export const MAX_PULSE_QUESTION = 200;

const VALUE_ERROR = 'expected a whole number from 1 to 5';

/** An answer on the pulse scale. */
const answerValue = z
  .number({ error: VALUE_ERROR })
  .int({ error: VALUE_ERROR })
  .min(1, { error: VALUE_ERROR })
  .max(5, { error: VALUE_ERROR });

const question = text('expected a question string')
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_PULSE_QUESTION, { error: `at most ${MAX_PULSE_QUESTION} characters` });

/**
 * The schemas of pulse questions (metrics.md, "Pulse questions"), with
 * `createdAt` and an answer's `answeredAt` from 2000-01-01 to `maxAt()` (now
 * plus the allowed clock skew), as for the other ingested records. `createdAt` defaults to `now()`,
 * `expiresAt` to 14 days after `createdAt`, and may be at most that. An
 * imported `answer` must be given within `[createdAt, expiresAt]`.
 */
export function pulseSchemas(maxAt: () => number, now: () => number = Date.now) {
  const at = recordTimestamp(maxAt);
  const pulse = z
    .strictObject({
      id,
      source,
      recipient: person,
      question,
      questionId: id.optional(),
      entityRef: entityRef.optional(),
      createdAt: at.optional(),
      // bounded by createdAt (at most 14 days after it), not by now: a pulse asked now expires later
      expiresAt: timestamp.optional(),
      answer: z.strictObject({ value: answerValue, answeredAt: at }).optional(),
    })
    .superRefine((p, ctx) => {
      const created = p.createdAt ? Date.parse(p.createdAt) : now();
      const expires = p.expiresAt ? Date.parse(p.expiresAt) : created + PULSE_LIFETIME;
      if (p.answer) {
        const answered = Date.parse(p.answer.answeredAt);
        if (answered < created || answered > expires) {
          ctx.addIssue({
            code: 'custom',
            path: ['answer', 'answeredAt'],
            message: 'must be within createdAt and expiresAt',
          });
        }
      }
      if (!p.expiresAt) return;
      if (expires <= created) {
        ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be after createdAt' });
      } else if (expires - created > PULSE_LIFETIME) {
        ctx.addIssue({
          code: 'custom',
          path: ['expiresAt'],
          message: `at most ${PULSE_LIFETIME_DAYS} days after createdAt`,
        });
      }
    })
    .transform(p => {
      const createdAt = p.createdAt ? Date.parse(p.createdAt) : now();
      return {
        id: p.id,
        source: p.source,
        recipient: p.recipient,
        question: p.question,
        questionId: p.questionId ?? p.question,
        entityRef: p.entityRef ?? null,
        createdAt,
        expiresAt: p.expiresAt ? Date.parse(p.expiresAt) : createdAt + PULSE_LIFETIME,
        /** An answer imported from another tool (the survey import permission): stored with its UTC day only. */
        ...(p.answer && { answer: { value: p.answer.value, answeredAt: Date.parse(p.answer.answeredAt) } }),
      };
    });
  return {
    pulseSchema: pulse,
    /** Body of `POST /pulses`. */
    pulseBatchSchema: z.strictObject({ pulses: batchOf(pulse) }),
  };
}

/** The schemas with the default skew (a day, by this process's clock). */
export const { pulseSchema, pulseBatchSchema } = pulseSchemas(
  () => Date.now() + DEFAULT_MAX_FUTURE_SKEW_MINUTES * 60_000,
);

/**
 * A validated pulse, times in epoch ms; `recipient` is a normalised user
 * ref or a lower-cased email, resolved to a User before it is stored.
 */
export type PulseInput = z.output<typeof pulseSchema>;

/** Body of `POST /pulses/current/{id}/response`. */
export const pulseAnswerSchema = z.strictObject({ value: answerValue });

/** The path of `POST /pulses/current/{id}/...`: the opaque id `GET /pulses/current` gave (a UUID). */
export const pulseParamsSchema = z.object({
  id: text('expected a pulse id').regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    error: 'expected a pulse id as GET /pulses/current gives it',
  }).transform(v => v.toLowerCase()),
});

/** Body of `POST /pulses/current/{id}/dismiss`: none, or an empty object. */
export const pulseDismissSchema = z.strictObject({});

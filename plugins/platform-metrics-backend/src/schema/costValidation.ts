import { z } from 'zod';
import { batchOf, entityRef, id, metricsQuerySchema, source, text } from './validation';

/** `YYYY-MM` or a valid `YYYY-MM-DD`, from 2000 on. */
const period = text('expected a month (YYYY-MM) or a day (YYYY-MM-DD)')
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, { error: 'expected a month (YYYY-MM) or a day (YYYY-MM-DD)' })
  .refine(v => v.length === 7 || new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    error: 'not a day of the calendar',
  })
  .refine(v => v >= '2000-01', { error: 'must be 2000-01 or later' });

/** A cost record as ingested (metrics.md §15). */
export const costSchema = z.strictObject({
  id,
  source,
  entityRef,
  period,
  amount: z
    .number({ error: 'expected a non-negative number' })
    .min(0, { error: 'expected a non-negative number' })
    .max(1e12, { error: 'at most 1e12' }),
  currency: text('expected an ISO 4217 currency code, e.g. USD')
    .regex(/^[A-Za-z]{3}$/, { error: 'expected an ISO 4217 currency code, e.g. USD' })
    .transform(v => v.toUpperCase()),
});

/** Body of `POST /costs`. */
export const costBatchSchema = z.strictObject({ costs: batchOf(costSchema) });

/** A validated cost record. */
export type CostInput = z.output<typeof costSchema>;

const MONTHS_ERROR = 'expected a whole number of months from 1 to 36';

/** Query of the cost reads: `months` calendar months up to the month of `to` (default now). */
export const costQuerySchema = z.strictObject({
  months: z.coerce
    .number({ error: MONTHS_ERROR })
    .int({ error: MONTHS_ERROR })
    .min(1, { error: MONTHS_ERROR })
    .max(36, { error: MONTHS_ERROR })
    .default(12),
  to: metricsQuerySchema.shape.to,
  group: metricsQuerySchema.shape.group,
});

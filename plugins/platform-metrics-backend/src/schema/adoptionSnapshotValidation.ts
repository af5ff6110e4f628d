import { z } from 'zod';
import { AdoptionSnapshot } from '../database/CatalogStore';
import { isoDay } from '../lib/time';
import { normalizeEntityRef } from '../lib/refs';
import { batchOf, text } from './validation';

/** The earliest day a snapshot may be of. */
export const MIN_SNAPSHOT_DAY = '2000-01-01';

/** The largest count a snapshot may carry (the column is a 32-bit integer). */
export const MAX_SNAPSHOT_COUNT = 1_000_000_000;

const SCOPE_ERROR =
  'expected org or the entity ref of a group, system or domain, with its kind (e.g. group:default/payments-team)';
const DAY_ERROR = 'expected a UTC day YYYY-MM-DD, e.g. 2026-03-02';
const COUNT_ERROR = `expected a whole number from 0 to ${MAX_SNAPSHOT_COUNT}`;

/** The kinds of ref a snapshot may be of, each its own scope type (docs/metrics.md, "Scopes"). */
const SCOPE_KINDS = ['group', 'system', 'domain'] as const;

/** `org`, or a group, system or domain ref (normalised): the scope type comes from the kind. */
const scope = text(SCOPE_ERROR).transform(
  (v, ctx): Pick<AdoptionSnapshot, 'scopeType' | 'scopeRef'> => {
    const value = v.trim();
    if (value === 'org') return { scopeType: 'org', scopeRef: 'org' };
    try {
      // without a kind the ref reads as a component: no scope
      const ref = normalizeEntityRef(value);
      const kind = SCOPE_KINDS.find(k => ref.startsWith(`${k}:`));
      if (kind) return { scopeType: kind, scopeRef: ref };
    } catch {
      // not a ref: the message below
    }
    ctx.addIssue({ code: 'custom', message: SCOPE_ERROR });
    return z.NEVER;
  },
);

const count = z
  .number({ error: COUNT_ERROR })
  .int({ error: COUNT_ERROR })
  .min(0, { error: COUNT_ERROR })
  .max(MAX_SNAPSHOT_COUNT, { error: COUNT_ERROR });

/**
 * The schemas of imported adoption snapshots (metrics.md §6), with days from
 * 2000-01-01 to `today()` (the router's UTC day).
 */
export function adoptionSnapshotSchemas(today: () => string) {
  const day = text(DAY_ERROR)
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
      error: DAY_ERROR,
    })
    .superRefine((v, ctx) => {
      // a day that does not exist (2026-02-30) does not survive the round trip
      const t = Date.parse(`${v}T00:00:00Z`);
      if (!Number.isFinite(t) || isoDay(t) !== v) {
        ctx.addIssue({
          code: 'custom',
          message: `${v} is not a day of the calendar`,
        });
        return;
      }
      const max = today();
      if (v < MIN_SNAPSHOT_DAY || v > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be between ${MIN_SNAPSHOT_DAY} and ${max} (today, UTC)`,
        });
      }
    });

  const snapshot = z
    .strictObject({
      scope,
      day,
      adopted: count,
      eligible: count,
      exceptions: count,
    })
    .superRefine((s, ctx) => {
      if (s.adopted + s.exceptions > s.eligible) {
        ctx.addIssue({
          code: 'custom',
          path: ['eligible'],
          message: `must be at least adopted + exceptions (${s.adopted} + ${s.exceptions})`,
        });
      }
    })
    .transform(
      (s): AdoptionSnapshot => ({
        ...s.scope,
        day: s.day,
        adopted: s.adopted,
        eligible: s.eligible,
        exceptions: s.exceptions,
      }),
    );

  return {
    adoptionSnapshotSchema: snapshot,
    /** Body of `POST /adoption-snapshots`. */
    adoptionSnapshotBatchSchema: z.strictObject({
      snapshots: batchOf(snapshot),
    }),
  };
}

/** The schemas with this process's clock. */
export const { adoptionSnapshotSchema, adoptionSnapshotBatchSchema } =
  adoptionSnapshotSchemas(() => isoDay(Date.now()));

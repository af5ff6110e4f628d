import { z } from 'zod';
import { isKind, normalizeEntityRef } from '../lib/refs';
import { text } from './validation';

/** Query of `DELETE /surveys/responses`: the person whose answers are erased. */
export const surveyErasureQuerySchema = z.strictObject({
  userRef: text('expected a user entity ref').transform((v, ctx) => {
    try {
      const ref = normalizeEntityRef(v, { defaultKind: 'user' });
      if (isKind(ref, 'user')) return ref;
      ctx.addIssue({ code: 'custom', message: `expected a user entity ref, got ${ref}` });
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `not a valid user ref: ${(e as Error).message}` });
    }
    return z.NEVER;
  }),
});

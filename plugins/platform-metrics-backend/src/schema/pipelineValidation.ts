import { z } from 'zod';
import { DEFAULT_MAX_FUTURE_SKEW_MINUTES, batchOf, commitSha, entityRef, id, recordTimestamp, source, text } from './validation';

/**
 * The schemas of CI pipeline runs (metrics.md §17), with timestamps from
 * 2000-01-01 to `maxAt()` (now plus the allowed clock skew), as for the other
 * ingested records.
 */
export function pipelineRunSchemas(maxAt: () => number) {
  const at = recordTimestamp(maxAt);
  const run = z
    .strictObject({
      id,
      source,
      entityRef,
      startedAt: at,
      finishedAt: at,
      status: z.enum(['succeeded', 'failed', 'cancelled']),
      branch: text('expected a branch name').trim().min(1, { error: 'must not be empty' }).max(255).optional(),
      commit: commitSha.optional(),
    })
    .superRefine((r, ctx) => {
      if (r.startedAt > r.finishedAt) {
        ctx.addIssue({ code: 'custom', path: ['finishedAt'], message: 'finishedAt is before startedAt' });
      }
    });
  return {
    pipelineRunSchema: run,
    /** Body of `POST /pipeline-runs`. */
    pipelineRunBatchSchema: z.strictObject({ runs: batchOf(run) }),
  };
}

/** The schemas with the default skew (a day, by this process's clock). */
export const { pipelineRunSchema, pipelineRunBatchSchema } = pipelineRunSchemas(
  () => Date.now() + DEFAULT_MAX_FUTURE_SKEW_MINUTES * 60_000,
);

/** A validated, normalised pipeline run. */
export type PipelineRunInput = z.output<typeof pipelineRunSchema>;

import { z } from 'zod';
import { MAX_BATCH } from '@platform-metrics/plugin-platform-metrics-common';
import { commitSha, entityRef, id, source, timestamp } from './validation';

/** A CI pipeline run as ingested (metrics.md §17). */
export const pipelineRunSchema = z
  .strictObject({
    id,
    source,
    entityRef,
    startedAt: timestamp,
    finishedAt: timestamp,
    status: z.enum(['succeeded', 'failed', 'cancelled']),
    branch: z.string().trim().min(1, { error: 'must not be empty' }).max(255).optional(),
    commit: commitSha.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.startedAt > r.finishedAt) {
      ctx.addIssue({ code: 'custom', path: ['finishedAt'], message: 'finishedAt is before startedAt' });
    }
  });

/** Body of `POST /pipeline-runs`. */
export const pipelineRunBatchSchema = z.strictObject({
  runs: z
    .array(pipelineRunSchema)
    .min(1, { error: 'at least 1 item' })
    .max(MAX_BATCH, { error: `at most ${MAX_BATCH} items` }),
});

/** A validated, normalised pipeline run. */
export type PipelineRunInput = z.output<typeof pipelineRunSchema>;

import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { PipelineRunInput } from '../schema/pipelineValidation';

/** A stored CI pipeline run (times in epoch ms). */
export interface PipelineRunRow {
  source: string;
  id: string;
  entityRef: string;
  startedAt: number;
  finishedAt: number;
  status: 'succeeded' | 'failed' | 'cancelled';
  branch: string | null;
  commitSha: string | null;
}

/** CI pipeline runs (metrics.md §17). */
export interface PipelineStore {
  /** Upserts a validated batch on (source, id) in one transaction. */
  upsertRuns(runs: PipelineRunInput[]): Promise<IngestResult>;
  /** Runs that finished in `[from, to)`, of the given entities (all without `entityRefs`). */
  listRuns(query: { from: number; to: number; entityRefs?: string[] }): Promise<PipelineRunRow[]>;
}

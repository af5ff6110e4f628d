import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { Knex } from 'knex';
import { Clock } from '../lib/time';
import { PipelineRunInput } from '../schema/pipelineValidation';
import { PipelineRunRow, PipelineStore } from './PipelineStore';
import { ms, num, selectForEntities, upsertRecords } from './knex';

const TABLE = 'pm_pipeline_runs';

export class DatabasePipelineStore implements PipelineStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock = Date.now,
  ) {}

  upsertRuns(input: PipelineRunInput[]): Promise<IngestResult> {
    const now = this.clock();
    return upsertRecords(
      this.db,
      TABLE,
      input,
      r => ({
        source: r.source,
        id: r.id,
        entity_ref: r.entityRef,
        started_at: ms(r.startedAt),
        finished_at: ms(r.finishedAt),
        status: r.status,
        branch: r.branch ?? null,
        commit_sha: r.commit ?? null,
        received_at: now,
      }),
      {
        source: 'text',
        id: 'text',
        entity_ref: 'text',
        started_at: 'bigint',
        finished_at: 'bigint',
        status: 'text',
        branch: 'text',
        commit_sha: 'text',
        received_at: 'bigint',
      },
    );
  }

  async listRuns(query: { from: number; to: number; entityRefs?: string[] }): Promise<PipelineRunRow[]> {
    const select = (refs?: string[]) => {
      const q = this.db(TABLE)
        .where('finished_at', '>=', query.from)
        .andWhere('finished_at', '<', query.to)
        .select('source', 'id', 'entity_ref', 'started_at', 'finished_at', 'status', 'branch', 'commit_sha');
      if (refs) q.whereIn('entity_ref', refs);
      return q;
    };
    const rows = await selectForEntities<any>(query.entityRefs, select);
    return rows.map(r => ({
      source: r.source,
      id: r.id,
      entityRef: r.entity_ref,
      startedAt: num(r.started_at),
      finishedAt: num(r.finished_at),
      status: r.status,
      branch: r.branch,
      commitSha: r.commit_sha,
    }));
  }
}

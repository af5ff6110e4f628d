import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { Knex } from 'knex';
import { Clock } from '../lib/time';
import { RequestInput } from '../schema/requestValidation';
import { RequestRow, RequestStore } from './RequestStore';
import { ms, num, numOrNull, selectForEntities, upsertRecords } from './knex';

const TABLE = 'pm_requests';
const COLUMNS = ['source', 'id', 'kind', 'entity_ref', 'requested_by', 'opened_at', 'closed_at', 'fulfilment'];

export class DatabaseRequestStore implements RequestStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock = Date.now,
  ) {}

  upsertRequests(input: RequestInput[]): Promise<IngestResult> {
    const now = this.clock();
    return upsertRecords(
      this.db,
      TABLE,
      input,
      r => ({
        source: r.source,
        id: r.id,
        kind: r.kind,
        entity_ref: r.entityRef ?? null,
        requested_by: r.requestedBy ?? null,
        opened_at: ms(r.openedAt),
        closed_at: r.closedAt ? ms(r.closedAt) : null,
        fulfilment: r.fulfilment,
        received_at: now,
      }),
      {
        source: 'text',
        id: 'text',
        kind: 'text',
        entity_ref: 'text',
        requested_by: 'text',
        opened_at: 'bigint',
        closed_at: 'bigint',
        fulfilment: 'text',
        received_at: 'bigint',
      },
    );
  }

  async listRequests(query: { from: number; to: number; entityRefs?: string[] }): Promise<RequestRow[]> {
    // closed in the window, or open at its end: both walk the closed_at indexes
    const select = (refs?: string[]) => {
      const q = this.db(TABLE)
        .where(w =>
          w
            .where(closed => closed.where('closed_at', '>=', query.from).andWhere('closed_at', '<', query.to))
            .orWhere(open =>
              open
                .where('opened_at', '<', query.to)
                .andWhere(end => end.whereNull('closed_at').orWhere('closed_at', '>=', query.to)),
            ),
        )
        .select(COLUMNS);
      if (refs) q.whereIn('entity_ref', refs);
      return q;
    };
    const rows = await selectForEntities<any>(query.entityRefs, select);
    return rows.map(r => ({
      source: r.source,
      id: r.id,
      kind: r.kind,
      entityRef: r.entity_ref,
      requestedBy: r.requested_by,
      openedAt: num(r.opened_at),
      closedAt: numOrNull(r.closed_at),
      fulfilment: r.fulfilment,
    }));
  }
}

import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { Fulfilment, RequestInput } from '../schema/requestValidation';

/** A stored platform request (times in epoch ms). */
export interface RequestRow {
  source: string;
  id: string;
  kind: string;
  entityRef: string | null;
  requestedBy: string | null;
  openedAt: number;
  /** Null while open. */
  closedAt: number | null;
  fulfilment: Fulfilment;
}

/** Platform requests (metrics.md §13). */
export interface RequestStore {
  /** Upserts a validated batch on (source, id) in one transaction. */
  upsertRequests(requests: RequestInput[]): Promise<IngestResult>;
  /**
   * The requests that closed in `[from, to)` and those open at `to` (opened
   * before it, not closed before it), of the given entities (all requests,
   * with or without an entity, without `entityRefs`).
   */
  listRequests(query: { from: number; to: number; entityRefs?: string[] }): Promise<RequestRow[]>;
}

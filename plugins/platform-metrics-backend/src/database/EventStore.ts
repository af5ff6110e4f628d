import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { DeploymentInput, IncidentInput } from '../schema/validation';

/** Times are epoch milliseconds throughout the stores. */
export interface DeploymentRow {
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  status: 'succeeded' | 'failed';
  finishedAt: number;
  type: 'standard' | 'hotfix' | 'rollback';
  remediates: string | null;
  version: string | null;
  /** The head commit it deployed, when sent. */
  commitSha: string | null;
  /** Who deployed it, as sent: a user ref or an email (metrics.md §5); null when not sent. */
  deployedBy?: string | null;
  changeCount: number;
  /** Set by the rollups: it caused a failure (metrics.md §3). */
  causedFailure?: boolean;
}

export interface IncidentRow {
  source: string;
  id: string;
  entityRef: string;
  openedAt: number;
  resolvedAt: number | null;
  severity: string | null;
  causedBy: string | null;
  /** The developers it kept from their work, as sent (metrics.md §14); null when not sent. */
  affectedDevelopers?: number | null;
}

/** A change at the earliest successful production deployment that shipped it. */
export interface FirstChangeRow {
  entityRef: string;
  deployedAt: number;
  committedAt: number;
}

/** Which entities a read covers: all of them, or a list. */
export type EntityScope = { entityRefs?: string[] };

export interface EventQuery extends EntityScope {
  from: number;
  to: number;
  productionEnvironments: string[];
}

/**
 * The ingested events: deployments with their changes, and incidents. Every
 * write is idempotent on `(source, id)`, enforced by the database, and marks
 * the entities it touched dirty in the same transaction (see the rollups).
 */
export interface EventStore {
  upsertDeployments(records: DeploymentInput[]): Promise<IngestResult>;
  upsertIncidents(records: IncidentInput[]): Promise<IngestResult>;

  /** Deployments in `[from, to)` of production environments, any status. */
  listDeployments(query: EventQuery): Promise<DeploymentRow[]>;
  /** Deployments of every environment of one entity, newest first, with `causedFailure`. */
  listRecentDeployments(entityRef: string, before: number, limit: number): Promise<DeploymentRow[]>;
  /**
   * The latest successful deployment of an entity to one of the environments
   * (lower-case); with `before`, the latest that finished before it.
   */
  latestDeployment(entityRef: string, environments: string[], before?: number): Promise<DeploymentRow | undefined>;
  /**
   * The records a webhook subject was written as for these entities: entity
   * ref → stored id, among the ids `id` and `id/<entity ref>` of a source.
   */
  recordIds(kind: 'deployment' | 'incident', source: string, id: string, entityRefs: string[]): Promise<Map<string, string>>;
  /** Changes whose first successful production deployment is in `[from, to)`. */
  listFirstChanges(query: EventQuery): Promise<FirstChangeRow[]>;
  /**
   * Incidents opened before `to` that can matter for the window: opened in
   * it, resolved in it, still open at `from`, or naming a deployment.
   */
  listIncidents(query: Omit<EventQuery, 'productionEnvironments'>): Promise<IncidentRow[]>;
  listRecentIncidents(entityRef: string, before: number, limit: number): Promise<IncidentRow[]>;
  /**
   * Successful production deployments of the entity finished in `[from, to)`
   * whose change list has a gap (`changes_complete` false).
   */
  countIncompleteChanges(query: EventQuery & { entityRef: string }): Promise<number>;
  /** Incidents opened before `to` and not resolved by then, per entity. */
  countOpenIncidents(query: EntityScope & { to: number }): Promise<Map<string, number>>;
}

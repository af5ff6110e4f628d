import {
  AdoptionStatus,
  DeploymentInput,
  ImportedSurveyResponse,
  IncidentInput,
  IngestResult,
} from '@platform-metrics/plugin-platform-metrics-common';

/** Times are epoch milliseconds throughout the store. */
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
}

/** A change at the earliest successful production deployment that shipped it. */
export interface FirstChangeRow {
  entityRef: string;
  deployedAt: number;
  committedAt: number;
}

export interface EntityRow {
  entityRef: string;
  kind: string;
  type: string | null;
  ownerRef: string | null;
  systemRef: string | null;
  lifecycle: string | null;
  adoptionStatus: AdoptionStatus;
  adoptionReason: string | null;
  annotatedCreatedAt: number | null;
  firstSeenAt: number;
}

export type EntityUpsert = Omit<EntityRow, 'firstSeenAt'>;

export interface AdoptionCounts {
  adopted: number;
  eligible: number;
  exceptions: number;
}

export interface AdoptionSnapshot extends AdoptionCounts {
  day: string;
  scopeType: 'org' | 'group' | 'system';
  scopeRef: string;
}

export interface SurveyResponseRow {
  surveyId: string;
  userRef: string;
  score: number;
  comment: string | null;
  submittedAt: number;
  groups: string[];
}

/**
 * What happened to one entity on one UTC day: the rollup row from which
 * every DORA number of any whole-day window is summed.
 */
export interface DayFacts {
  /** 00:00 UTC of the day, epoch ms. */
  day: number;
  /** Successful production deployments that finished that day. */
  deployments: number;
  /** Of those, the ones that caused a failure (metrics.md §3). */
  failed: number;
  /** Of those, rollbacks, hotfixes and remediations (metrics.md §5). */
  rework: number;
  /** Lead times (seconds) of the changes first deployed that day, ascending. */
  leadTimes: number[];
  /** Restore times (seconds) of the incidents resolved that day, ascending. */
  restores: number[];
}

/** Everything the rollups keep about one entity. */
export interface EntityRollup {
  entityRef: string;
  /** Days with anything to count, ascending. */
  days: DayFacts[];
  /** Successful production deployments that caused a failure. */
  failedDeployments: Array<{ source: string; id: string }>;
  /** Its earliest successful production deployment. */
  firstDeployAt: number | null;
}

/** A dirty mark: the entity's rollups are older than its events. */
export interface DirtyMark {
  entityRef: string;
  version: number;
}

/** A precomputed org or team summary (the OrgSummary as JSON). */
export interface SummaryRow {
  scopeRef: string;
  windowDays: number;
  /** End of the window, epoch ms (a UTC midnight). */
  to: number;
  computedAt: number;
  body: string;
}

export interface SurveyScoreCount {
  surveyId: string;
  score: number;
  n: number;
}

/** Which entities a read covers: all of them, or a list. */
export type EntityScope = { entityRefs?: string[] };

export interface EventQuery extends EntityScope {
  from: number;
  to: number;
  productionEnvironments: string[];
}

/**
 * Persistence of the platform-metrics plugin. Every write is idempotent and
 * enforced by the database (primary keys and upserts), so several backend
 * replicas may write at once.
 *
 * Event writes mark their entities dirty in the same transaction; the
 * rollups (per entity and day) are recomputed from the events for dirty
 * entities only, and reads sum the rollups.
 */
export interface MetricsStore {
  upsertDeployments(records: DeploymentInput[]): Promise<IngestResult>;
  upsertIncidents(records: IncidentInput[]): Promise<IngestResult>;

  /** Deployments in `[from, to)` of production environments, any status. */
  listDeployments(query: EventQuery): Promise<DeploymentRow[]>;
  /** Deployments of every environment of one entity, newest first, with `causedFailure`. */
  listRecentDeployments(entityRef: string, before: number, limit: number): Promise<DeploymentRow[]>;
  /** Changes whose first successful production deployment is in `[from, to)`. */
  listFirstChanges(query: EventQuery): Promise<FirstChangeRow[]>;
  /**
   * Incidents opened before `to` that can matter for the window: opened in
   * it, resolved in it, still open at `from`, or naming a deployment.
   */
  listIncidents(query: Omit<EventQuery, 'productionEnvironments'>): Promise<IncidentRow[]>;
  listRecentIncidents(entityRef: string, before: number, limit: number): Promise<IncidentRow[]>;
  /** Incidents opened before `to` and not resolved by then, per entity. */
  countOpenIncidents(query: EntityScope & { to: number }): Promise<Map<string, number>>;

  /** Dirty marks of the given entities (or any), by entity ref, after `after`. */
  listDirty(query: EntityScope & { limit: number; after?: string }): Promise<DirtyMark[]>;
  /** Marks every entity with events dirty (the rollup settings changed). */
  markAllDirty(): Promise<number>;
  /**
   * Replaces the rollups of these entities and clears each dirty mark whose
   * version is still the one the rollup was computed after.
   */
  writeRollups(rollups: EntityRollup[], marks: DirtyMark[]): Promise<void>;
  /** Day rollups with a day in `[from, to)` (UTC midnights), per entity, in no particular order. */
  listEntityDays(query: EntityScope & { from: number; to: number }): Promise<Map<string, DayFacts[]>>;
  /** Earliest successful production deployment per entity, before `to` (from the rollups). */
  firstDeployments(query: EntityScope & { to: number }): Promise<Map<string, number>>;

  getSummary(scopeRef: string, windowDays: number): Promise<SummaryRow | undefined>;
  putSummaries(rows: SummaryRow[]): Promise<void>;
  /** Drops every precomputed summary (the catalog changed). */
  clearSummaries(): Promise<void>;

  upsertEntities(entities: EntityUpsert[], seenAt: number): Promise<void>;
  /** Marks entities not seen since `seenBefore` as gone from the catalog. */
  markMissingEntities(seenBefore: number): Promise<number>;
  getEntity(entityRef: string): Promise<EntityRow | undefined>;
  listEntities(filter?: { ownerRef?: string; kind?: string }): Promise<EntityRow[]>;
  replaceGroupMembers(members: Array<{ userRef: string; groupRef: string }>): Promise<void>;
  groupsOfUser(userRef: string): Promise<string[]>;
  /** Groups of each of the users, in one round trip per 1000 users. */
  groupsOfUsers(userRefs: string[]): Promise<Map<string, string[]>>;

  upsertAdoptionSnapshots(snapshots: AdoptionSnapshot[]): Promise<void>;
  /** Snapshots of one scope, or of every scope of the type without `scopeRef`, by day. */
  listAdoptionSnapshots(query: {
    scopeType: AdoptionSnapshot['scopeType'];
    scopeRef?: string;
    fromDay: string;
    toDay: string;
  }): Promise<AdoptionSnapshot[]>;

  /** Sets a plugin-wide fact once; returns the value in force. */
  setMetaOnce(key: string, value: string): Promise<string>;
  setMeta(key: string, value: string): Promise<void>;
  getMeta(key: string): Promise<string | undefined>;

  upsertSurveyResponse(row: SurveyResponseRow): Promise<void>;
  importSurveyResponses(
    rows: ImportedSurveyResponse[],
    groupsOf: (userRef: string) => string[],
  ): Promise<IngestResult>;
  getSurveyResponse(surveyId: string, userRef: string): Promise<SurveyResponseRow | undefined>;
  /** Responses submitted before `submittedBefore`, of the given surveys (or all) and group (or any). */
  listSurveyResponses(query: {
    surveyIds?: string[];
    submittedBefore: number;
    group?: string;
  }): Promise<SurveyResponseRow[]>;
  /**
   * How many answered each score in each survey up to `maxSurveyId`,
   * submitted before `submittedBefore`, of one group (or everyone).
   */
  surveyScoreCounts(query: {
    submittedBefore: number;
    maxSurveyId: string;
    group?: string;
  }): Promise<SurveyScoreCount[]>;
  setSnooze(surveyId: string, userRef: string, until: number): Promise<void>;
  getSnooze(surveyId: string, userRef: string): Promise<number | undefined>;
}

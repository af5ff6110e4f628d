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
 */
export interface MetricsStore {
  upsertDeployments(records: DeploymentInput[]): Promise<IngestResult>;
  upsertIncidents(records: IncidentInput[]): Promise<IngestResult>;

  /** Deployments in `[from, to)` of production environments, any status. */
  listDeployments(query: EventQuery): Promise<DeploymentRow[]>;
  /** Deployments of every environment of one entity, newest first. */
  listRecentDeployments(entityRef: string, before: number, limit: number): Promise<DeploymentRow[]>;
  /** Changes whose first successful production deployment is in `[from, to)`. */
  listFirstChanges(query: EventQuery): Promise<FirstChangeRow[]>;
  /**
   * Incidents opened before `to` that can matter for the window: opened in
   * it, resolved in it, still open at `from`, or naming a deployment.
   */
  listIncidents(query: Omit<EventQuery, 'productionEnvironments'>): Promise<IncidentRow[]>;
  listRecentIncidents(entityRef: string, before: number, limit: number): Promise<IncidentRow[]>;
  /** Earliest successful production deployment per entity, before `to`. */
  firstDeployments(
    query: EntityScope & { to: number; productionEnvironments: string[] },
  ): Promise<Map<string, number>>;

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
  listAdoptionSnapshots(query: {
    scopeType: AdoptionSnapshot['scopeType'];
    scopeRef: string;
    fromDay: string;
    toDay: string;
  }): Promise<AdoptionSnapshot[]>;

  /** Sets a plugin-wide fact once; returns the value in force. */
  setMetaOnce(key: string, value: string): Promise<string>;
  getMeta(key: string): Promise<string | undefined>;

  upsertSurveyResponse(row: SurveyResponseRow): Promise<void>;
  importSurveyResponses(
    rows: ImportedSurveyResponse[],
    groupsOf: (userRef: string) => string[],
  ): Promise<IngestResult>;
  getSurveyResponse(surveyId: string, userRef: string): Promise<SurveyResponseRow | undefined>;
  listSurveyResponses(query: { surveyIds?: string[]; submittedBefore: number }): Promise<SurveyResponseRow[]>;
  setSnooze(surveyId: string, userRef: string, until: number): Promise<void>;
  getSnooze(surveyId: string, userRef: string): Promise<number | undefined>;
}

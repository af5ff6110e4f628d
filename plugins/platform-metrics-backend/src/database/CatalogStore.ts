import { DependencyStore } from './DependencyStore';
import { AdoptionStatus, IngestResult } from '@platform-metrics/plugin-platform-metrics-common';

export interface EntityRow {
  entityRef: string;
  kind: string;
  type: string | null;
  ownerRef: string | null;
  systemRef: string | null;
  lifecycle: string | null;
  adoptionStatus: AdoptionStatus;
  adoptionReason: string | null;
  /** The text of the adoption rule that matched, for adopted entities. */
  adoptionRule?: string | null;
  /** The software template it was made from (`backstage.io/source-template`, normalised); null without one. */
  sourceTemplate?: string | null;
  annotatedCreatedAt: number | null;
  firstSeenAt: number;
}

export type EntityUpsert = Omit<EntityRow, 'firstSeenAt'>;

/** An annotation of an entity that webhook deliveries are matched on; `value` lower-cased. */
export interface EntityAnnotation {
  entityRef: string;
  annotation: string;
  value: string;
}

export interface AdoptionCounts {
  adopted: number;
  eligible: number;
  exceptions: number;
}

export interface AdoptionSnapshot extends AdoptionCounts {
  day: string;
  scopeType: 'org' | 'group' | 'system' | 'domain';
  scopeRef: string;
}

/**
 * What an import of adoption snapshots did: `skipped` counts the snapshots
 * of a day the suite measured itself, which an import never replaces.
 */
export interface AdoptionImportResult extends IngestResult {
  skipped: number;
}

/**
 * What the plugin knows of the catalog: the entities it measures, group
 * membership, daily adoption snapshots, and when the catalog was first and
 * last synced.
 */
export interface CatalogStore extends DependencyStore {
  upsertEntities(entities: EntityUpsert[], seenAt: number): Promise<void>;
  /** Marks entities not seen since `seenBefore` as gone from the catalog. */
  markMissingEntities(seenBefore: number): Promise<number>;
  getEntity(entityRef: string): Promise<EntityRow | undefined>;
  /** The entities in the catalog, of `kind` and owned by `ownerRef` when given (every owner when not). */
  listEntities(filter?: { ownerRef?: string; kind?: string }): Promise<EntityRow[]>;
  replaceGroupMembers(members: Array<{ userRef: string; groupRef: string }>): Promise<void>;
  groupsOfUser(userRef: string): Promise<string[]>;
  /** Replaces the recorded catalog Groups and their (lower-cased) `spec.type`. */
  replaceGroups(groups: Array<{ groupRef: string; type: string | null }>): Promise<void>;
  /** Replaces the recorded catalog Systems and the Domain each is part of. */
  replaceSystems(systems: Array<{ systemRef: string; domainRef: string | null }>): Promise<void>;
  /** The refs of the recorded Systems that are part of the Domain, sorted. */
  systemsOfDomain(domainRef: string): Promise<string[]>;
  /** The refs of the recorded Groups whose type is one of `types` (the reporting groups). */
  listGroupsOfTypes(types: string[]): Promise<string[]>;
  /**
   * How many Users are members of the groups: distinct over all of them
   * (a User of two counts once) and per group (those with members only).
   */
  countMembers(groupRefs: string[]): Promise<{ distinct: number; byGroup: Map<string, number> }>;
  /** Replaces the recorded matching annotations (`github.com/project-slug`, ...) of every entity. */
  replaceAnnotations(rows: EntityAnnotation[]): Promise<void>;
  /** The entities in the catalog with the annotation set to the (lower-cased) value, sorted. */
  entitiesByAnnotation(annotation: string, value: string): Promise<string[]>;
  /** Groups of each of the users, in one round trip per 1000 users. */
  groupsOfUsers(userRefs: string[]): Promise<Map<string, string[]>>;

  /** Writes the snapshots the catalog sync measured: they replace any stored for their scope and day. */
  upsertAdoptionSnapshots(snapshots: AdoptionSnapshot[]): Promise<void>;
  /**
   * Imports past snapshots in one transaction, keyed by (scope type, scope
   * ref, day): a new key is created, an imported one updated, a measured one
   * kept and counted as skipped (metrics.md §6). Repeats within the batch
   * collapse, the last one wins.
   */
  importAdoptionSnapshots(snapshots: AdoptionSnapshot[]): Promise<AdoptionImportResult>;
  /** When an import last wrote snapshots (precomputed summaries older than it are not served). */
  getAdoptionImportedAt(): Promise<number | undefined>;
  /** Snapshots of one scope, or of every scope of the type without `scopeRef`, by day. */
  listAdoptionSnapshots(query: {
    scopeType: AdoptionSnapshot['scopeType'];
    scopeRef?: string;
    fromDay: string;
    toDay: string;
  }): Promise<AdoptionSnapshot[]>;

  /** When the first sync that saw components ran (metrics.md §7); set once. */
  getInstalledAt(): Promise<number | undefined>;
  /** Records the installation time unless one is recorded; returns the one in force. */
  setInstalledAtOnce(at: number): Promise<number>;
  /** When the last catalog sync finished. */
  getSyncedAt(): Promise<number | undefined>;
  setSyncedAt(at: number): Promise<void>;
}

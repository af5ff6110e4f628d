/** A catalog Resource as the catalog sync records it (components are `pm_entities`). */
export interface ResourceRow {
  entityRef: string;
  /** Lower-cased `spec.type`; null without one. */
  type: string | null;
  /** The owning group (or user), normalised; null without one. */
  ownerRef: string | null;
}

/** `entityRef` depends on `dependsOnRef` (a catalog `dependsOn` relation), both normalised. */
export interface DependencyEdge {
  entityRef: string;
  dependsOnRef: string;
}

/** What the catalog says about who depends on what (metrics.md §14), as of the last sync. */
export interface DependencyGraph {
  resources: ResourceRow[];
  /** Between components and resources only, each once. */
  edges: DependencyEdge[];
}

/**
 * The catalog's Resources and `dependsOn` relations, and group membership
 * read by group: what the platform incident impact needs to find the
 * developers an incident affected. Part of the {@link CatalogStore}.
 */
export interface DependencyStore {
  /** Replaces the recorded Resources and `dependsOn` relations, in one transaction. */
  replaceDependencies(graph: DependencyGraph): Promise<void>;
  /** The recorded Resources and relations, sorted. */
  getDependencies(): Promise<DependencyGraph>;
  /** The members (user refs, sorted) of each of the groups; a group without members maps to none. */
  membersOfGroups(groupRefs: string[]): Promise<Map<string, string[]>>;
}

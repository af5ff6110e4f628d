/** A platform-change annotation as stored. Times are epoch milliseconds. */
export interface AnnotationRow {
  id: string;
  at: number;
  title: string;
  description: string | null;
  url: string | null;
  /** `org`, a group ref or an entity ref, normalised. */
  scope: string;
  tags: string[];
  /** The user ref or service subject that last wrote it. */
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** What a write supplies: the store keeps `createdAt` of an existing annotation. */
export type AnnotationWrite = Omit<AnnotationRow, 'createdAt' | 'updatedAt'>;

/** The platform-change annotations (metrics.md §11). */
export interface AnnotationStore {
  /** Inserts or replaces the annotation of `id`; `created` is false when it existed. */
  upsert(annotation: AnnotationWrite, now: number): Promise<{ row: AnnotationRow; created: boolean }>;
  get(id: string): Promise<AnnotationRow | undefined>;
  /** Annotations of any of `scopes` (all scopes without it) with `at` in `[from, to)`, by `at` then id. */
  list(query: { scopes?: string[]; from?: number; to?: number; limit: number }): Promise<AnnotationRow[]>;
  /** Deletes it; false when there was none. */
  delete(id: string): Promise<boolean>;
}

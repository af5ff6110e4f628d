/** A precomputed org or team summary (the OrgSummary as JSON). */
export interface SummaryRow {
  scopeRef: string;
  windowDays: number;
  /** End of the window, epoch ms (a UTC midnight). */
  to: number;
  computedAt: number;
  body: string;
}

/**
 * The precomputed summaries of the current windows. Only the summary cache
 * (`summaries/`) reads and writes them.
 */
export interface SummaryStore {
  get(scopeRef: string, windowDays: number): Promise<SummaryRow | undefined>;
  put(rows: SummaryRow[]): Promise<void>;
  /** Drops every precomputed summary. */
  clear(): Promise<void>;
  /** The fingerprint of the settings the stored summaries were computed with. */
  getSettingsFingerprint(): Promise<string | undefined>;
  setSettingsFingerprint(fingerprint: string): Promise<void>;
}

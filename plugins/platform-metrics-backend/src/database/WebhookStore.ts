export type DeliveryState = 'pending' | 'processed' | 'ignored' | 'unmatched' | 'unprocessable' | 'failed';

/** One delivery in the inbox. Times are epoch ms. */
export interface DeliveryRow {
  provider: string;
  deliveryId: string;
  event: string;
  receivedAt: number;
  body: string;
  state: DeliveryState;
  reason: string | null;
  subject: string | null;
  matchKey: string | null;
  attempts: number;
}

export interface DeliveryUpdate {
  state: DeliveryState;
  reason?: string | null;
  subject?: string | null;
  occurredAt?: number | null;
  matchKey?: string | null;
  /** The sha of the push a deployment's change walk missed (null: none). */
  awaitingPush?: string | null;
}

/** The all-zero sha a push carries for a branch it created (`before`) or deleted (`after`). */
export const isNoSha = (sha: string) => /^0+$/.test(sha);

/** A push: the commits from `before` (exclusive) to `after` of a repository. */
export interface PushRow {
  source: string;
  repository: string;
  before: string;
  after: string;
  /** `author`: the commit author's email (metrics.md §5), when the hook gives a valid one. */
  commits: Array<{ id: string; committedAt: number; author?: string }>;
  /** The hook listed only some of the push's commits (GitLab lists the last 20). */
  truncated?: boolean;
}

/** Per provider, for `GET /integrations/status`. */
export interface ProviderStats {
  provider: string;
  lastDeliveryAt: number | null;
  deliveries: number;
  signatureFailures: number;
  unprocessable: number;
  pending: number;
  unmatched: Array<{ key: string; deliveries: number }>;
}

/**
 * The webhook inbox: every accepted delivery, unique on `(provider,
 * deliveryId)`, with what processing made of it; and the count of
 * deliveries refused for their signature.
 */
export interface WebhookStore {
  /** Stores a delivery as `pending`; `false` when that provider's id is stored already (a redelivery). */
  insertDelivery(row: { provider: string; deliveryId: string; event: string; body: string; receivedAt: number }): Promise<boolean>;
  getDelivery(provider: string, deliveryId: string): Promise<DeliveryRow | undefined>;
  /** Records the outcome of one processing attempt (counts the attempt). */
  updateDelivery(provider: string, deliveryId: string, update: DeliveryUpdate, at: number): Promise<void>;
  /** Sets the state of every delivery of a subject that is not unprocessable. */
  updateSubject(subject: string, update: DeliveryUpdate, at: number): Promise<void>;
  /** Every delivery of a subject, oldest first. */
  listSubject(subject: string): Promise<DeliveryRow[]>;
  /** Deliveries to (re)process: pending, or failed with fewer than `maxAttempts`, received before `before`. */
  listDue(options: { before: number; maxAttempts: number; limit: number }): Promise<DeliveryRow[]>;
  /** Unmatched deliveries, oldest first, after `(receivedAt, provider, deliveryId)` of the previous page. */
  listUnmatched(limit: number, after?: DeliveryRow): Promise<DeliveryRow[]>;
  /**
   * Subjects of the deliveries of `provider` matched on `matchKey` whose
   * change walk missed the push with `after` = `sha`.
   */
  listAwaitingPush(provider: string, matchKey: string, sha: string): Promise<string[]>;
  /**
   * Records a push (a redelivery replaces it; a push that created the branch,
   * `before` all zeros, never replaces one that knows its `before`).
   */
  recordPush(push: PushRow, at: number): Promise<void>;
  /** The push whose `after` is the sha, if one was received. */
  getPush(source: string, repository: string, after: string): Promise<PushRow | undefined>;
  /**
   * Deletes deliveries received before `before` that wait for nothing (any
   * state but pending and failed), pushes received before it, and rejection
   * counts of its hours; returns the deliveries deleted.
   */
  prune(before: number): Promise<number>;
  /** Counts a delivery refused for its signature. */
  countRejection(provider: string, at: number): Promise<void>;
  /** Deliveries, rejections and unmatched keys per provider since `since`. */
  stats(since: number): Promise<ProviderStats[]>;
}

import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';

/** A pulse as stored: its recipient is the pseudonym of their user ref, never the ref. Times in epoch ms. */
export interface PulseRecord {
  source: string;
  id: string;
  /** The HMAC pseudonym of the recipient's user ref (metrics.md §8a, "Storage"). */
  recipient: string;
  question: string;
  questionId: string;
  entityRef: string | null;
  createdAt: number;
  expiresAt: number;
  /**
   * An answer imported from another tool (`POST /pulses` with the survey
   * import permission): the pulse is inserted answered, never over a stored one.
   */
  answer?: { value: number; answeredAt: number } | null;
}

/** What the recipient sees of an open pulse: `key` is the random id, not (source, id). */
export interface OpenPulse {
  key: string;
  question: string;
  entityRef: string | null;
  expiresAt: number;
}

/** One counted answer: no source, no id, no entity; the pseudonym only to count a person once. */
export interface PulseAnswer {
  key: string;
  recipient: string;
  questionId: string;
  value: number;
  /** 00:00 UTC of the day of the answer. */
  answeredOn: number;
}

/**
 * What a batch of pulses did: `skipped` counts the pulses already answered
 * or dismissed, which a re-sent pulse never changes (nor, with
 * `keepExisting`, any stored pulse), and the imported answers whose pulse
 * was already stored (or repeated in the batch).
 */
export interface PulseIngestResult extends IngestResult {
  skipped: number;
}

/** How closing a pulse went: `closed`, or why not. */
export type PulseClose = 'closed' | 'not-found' | 'answered' | 'dismissed' | 'expired';

/** Pulse questions and their answers (metrics.md, "Pulse questions"). */
export interface PulseStore {
  /**
   * Writes a batch in one transaction, idempotent on (source, id): a new
   * pulse is created (with a new random key), a stored open one is replaced
   * (its key kept), an answered or dismissed one is kept as it is. With
   * `keepExisting`, every stored pulse is kept. A pulse with an imported
   * `answer` is insert-only: stored answered (on the UTC day of the answer)
   * when its (source, id) is new, else skipped.
   */
  upsertPulses(pulses: PulseRecord[], options?: { keepExisting?: boolean }): Promise<PulseIngestResult>;
  /** The recipient's oldest open pulse shown at `now` (created at or before it, expiring after it). */
  currentPulse(recipient: string, now: number): Promise<OpenPulse | undefined>;
  /**
   * Answers or dismisses the recipient's open pulse `key` at `now`, once
   * (the database decides between concurrent calls).
   */
  closePulse(
    recipient: string,
    key: string,
    now: number,
    outcome: { state: 'answered'; value: number } | { state: 'dismissed' },
  ): Promise<PulseClose>;
  /** The answers given on the UTC days in `[from, to)`. */
  listAnswers(query: { from: number; to: number }): Promise<PulseAnswer[]>;
  /**
   * The questions of the pulses created or answered in `[from, to)`, one per
   * question id, with the text of its latest pulse.
   */
  listQuestions(query: { from: number; to: number }): Promise<Array<{ questionId: string; question: string }>>;
}

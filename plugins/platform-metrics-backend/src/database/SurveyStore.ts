/**
 * One stored survey answer. It names no one: `userKey` is the pseudonym
 * (HMAC of the user ref, `surveys/pseudonym.ts`), `submittedAt` the UTC day.
 */
export interface SurveyResponseRow {
  surveyId: string;
  userKey: string;
  score: number;
  comment: string | null;
  /** 00:00 UTC of the day the answer was given (day precision only), epoch ms. */
  submittedAt: number;
  /** The user's groups when answering (for an import: when imported). */
  groups: string[];
  /** null: answered in Backstage; otherwise the subject of the service that imported it. */
  origin: string | null;
  /**
   * The person's answers to the agreement questions, by question id (1..5).
   * Read with the response; written with {@link SurveyStore.saveAnswer}, or
   * with an imported response.
   */
  answers?: Record<string, number>;
}

/** What an import batch did: insert-only, an answer already stored is kept and `skipped`. */
export interface SurveyImportCounts {
  received: number;
  created: number;
  updated: number;
  skipped: number;
}

/** How many rows stored under a user ref were re-keyed (or dropped for a newer one). */
export interface LegacyRekeying {
  responses: number;
  snoozes: number;
}

/** How many rows a deletion removed. */
export interface SurveyDeletion {
  responses: number;
  snoozes: number;
  /** Answers to agreement questions. */
  questionAnswers: number;
}

/** Survey answers and snoozes: one answer per person (pseudonym) per survey. */
export interface SurveyStore {
  /** Records an answer given in Backstage, replacing the person's earlier one in that survey. */
  upsertSurveyResponse(row: SurveyResponseRow): Promise<void>;
  /** Inserts the answers whose (survey, person) has none stored; keeps (and counts as skipped) the others. */
  importSurveyResponses(rows: SurveyResponseRow[]): Promise<SurveyImportCounts>;
  getSurveyResponse(surveyId: string, userKey: string): Promise<SurveyResponseRow | undefined>;
  /**
   * Saves one agreement answer (replacing the person's earlier one to that
   * question) and moves the person's response, when there is one, to the
   * day of this change: a response is counted as one record of its latest
   * day (metrics.md §8a).
   */
  saveAnswer(answer: { surveyId: string; userKey: string; questionId: string; value: number; at: number }): Promise<void>;
  /** The person's agreement answers in a survey, by question id (also before they answered the NPS question). */
  getAnswers(surveyId: string, userKey: string): Promise<Record<string, number>>;
  /** Every answer of one survey, each with its agreement answers. */
  listSurveyResponses(surveyId: string): Promise<SurveyResponseRow[]>;
  /** The ids of the surveys with stored answers. */
  listSurveyIds(): Promise<string[]>;
  setSnooze(surveyId: string, userKey: string, until: number): Promise<void>;
  getSnooze(surveyId: string, userKey: string): Promise<number | undefined>;
  /** Deletes every answer and snooze of the given keys (erasure of one person). */
  deleteByUserKeys(userKeys: string[]): Promise<SurveyDeletion>;
  /** Deletes answers submitted, and snoozes ending, before `cutoff` (retention). */
  deleteBefore(cutoff: number): Promise<SurveyDeletion>;
  /**
   * Replaces keys stored before pseudonymisation (user refs) by their
   * pseudonyms; when a person already has a pseudonymous answer in that
   * survey, the newer of the two is kept.
   */
  rekeyLegacyRows(pseudonymise: (userRef: string) => string): Promise<LegacyRekeying>;
  /**
   * When the published survey results last changed (the latest
   * publication). Answers do not change what the summaries show; only
   * publications do (metrics.md §8a).
   */
  getChangedAt(): Promise<number | undefined>;
}

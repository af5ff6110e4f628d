/** The two notifications a person can get per survey (metrics.md §8c). */
export type SurveyNotificationKind = 'invitation' | 'reminder';

/** Who claims rows: a random id per run, and when it claimed them (epoch ms). */
export interface NotificationClaim {
  id: string;
  at: number;
  /** Rows claimed before this and never marked sent are taken over (their run died while sending). */
  staleBefore: number;
}

/**
 * What the survey notifications sent: at most one row per survey, kind and
 * person. People are keyed by their notification key (an HMAC of the user
 * ref that differs from the answers' pseudonym), never by their ref.
 */
export interface SurveyNotificationStore {
  /**
   * The rows of these keys for the survey and kind: key to when the
   * notification was accepted, or null while a run is sending it.
   */
  listSent(surveyId: string, kind: SurveyNotificationKind, userKeys: string[]): Promise<Map<string, number | null>>;
  /**
   * Claims the (survey, kind, key) rows: inserts those no run has claimed
   * (a conflict is ignored) and takes over those claimed before
   * `claim.staleBefore` and never sent. Returns the keys this call claimed,
   * the only ones its run may send to.
   */
  claim(surveyId: string, kind: SurveyNotificationKind, userKeys: string[], claim: NotificationClaim): Promise<string[]>;
  /** Marks the run's claimed rows as sent at `at`. */
  markSent(surveyId: string, kind: SurveyNotificationKind, claimId: string, userKeys: string[], at: number): Promise<void>;
  /** Deletes the run's claimed rows that are not sent (the send failed): a later run claims them again. */
  release(surveyId: string, kind: SurveyNotificationKind, claimId: string, userKeys: string[]): Promise<number>;
  /**
   * Which of the answer pseudonyms have answered the survey or have a
   * snooze ending after `at` (reads the survey's answers and snoozes).
   */
  answeredOrSnoozed(surveyId: string, answerKeys: string[], at: number): Promise<Set<string>>;
  /** The ids of the surveys with rows. */
  listSurveyIds(): Promise<string[]>;
  /** Deletes every row of the surveys (retention). */
  deleteSurveys(surveyIds: string[]): Promise<number>;
  /** Deletes every row of the keys (erasure of one person). */
  deleteByUserKeys(userKeys: string[]): Promise<number>;
}

import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { ImportedSurveyResponse } from '../schema/validation';

export interface SurveyResponseRow {
  surveyId: string;
  userRef: string;
  score: number;
  comment: string | null;
  submittedAt: number;
  groups: string[];
}

export interface SurveyScoreCount {
  surveyId: string;
  score: number;
  n: number;
}

/** Survey answers and snoozes: one answer per user per survey. */
export interface SurveyStore {
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
  /** When answers were last written (by a user or an import). */
  getChangedAt(): Promise<number | undefined>;
}

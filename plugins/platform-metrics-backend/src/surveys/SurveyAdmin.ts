import { SurveyErasureResult } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsSettings } from '../config';
import { PublicationStore } from '../database/PublicationStore';
import { LegacyRekeying, SurveyDeletion, SurveyStore } from '../database/SurveyStore';
import { Clock } from '../lib/time';
import { Pseudonymise, pseudonymiser } from './pseudonym';
import { quarterStartBefore, surveyPeriod } from './surveyIds';

/**
 * What the stored survey data owes the people in it (metrics.md §8a):
 * erasure of one person's answers on request, retention, and the re-keying
 * of rows stored before pseudonymisation.
 */
export class SurveyAdmin {
  private readonly pseudonymise: Pseudonymise;

  constructor(
    private readonly stores: { surveys: SurveyStore; publications: PublicationStore },
    private readonly settings: PlatformMetricsSettings['survey'],
    private readonly clock: Clock = Date.now,
  ) {
    this.pseudonymise = pseudonymiser(settings.pseudonymSecret);
  }

  /**
   * Removes a person's answers and snoozes, and the comments of theirs that
   * publications released. Published counts stay as they are: changing
   * them would tell, by subtraction, what the person had answered.
   */
  async erase(userRef: string): Promise<SurveyErasureResult> {
    // a row not re-keyed yet is still stored under the ref itself
    const keys = [this.pseudonymise(userRef), userRef];
    const { responses, snoozes, questionAnswers } = await this.stores.surveys.deleteByUserKeys(keys);
    const { comments } = await this.stores.publications.deleteEntriesOf(keys);
    return { responses, snoozes, questionAnswers, publishedComments: comments };
  }

  /** The start of the oldest quarter whose answers are kept. */
  retentionCutoff(): number {
    return quarterStartBefore(this.clock(), this.settings.retentionQuarters);
  }

  /**
   * Deletes the answers submitted (and snoozes ending) before the cutoff,
   * and the respondents and comments of publications of surveys that ended
   * before it; the publications' counts stay, for the NPS trend.
   */
  async applyRetention(): Promise<SurveyDeletion & { publicationEntries: number; cutoff: number }> {
    const cutoff = this.retentionCutoff();
    const deleted = await this.stores.surveys.deleteBefore(cutoff);
    const ended = (await this.stores.publications.listSurveyIds()).filter(id => surveyPeriod(id).end <= cutoff);
    const publicationEntries = await this.stores.publications.deleteEntriesOfSurveys(ended);
    return { ...deleted, publicationEntries, cutoff };
  }

  /** Re-keys the rows stored under a user ref before pseudonymisation (run at start-up). */
  rekeyLegacyRows(): Promise<LegacyRekeying> {
    return this.stores.surveys.rekeyLegacyRows(this.pseudonymise);
  }
}

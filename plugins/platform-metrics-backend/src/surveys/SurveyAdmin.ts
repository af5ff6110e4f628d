import { SurveyErasureResult } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsSettings } from '../config';
import { PublicationStore } from '../database/PublicationStore';
import { LegacyRekeying, SurveyDeletion, SurveyStore } from '../database/SurveyStore';
import { Clock } from '../lib/time';
import { Pseudonymise, pseudonymiser } from './pseudonym';
import { SurveyNotificationStore } from '../database/SurveyNotificationStore';
import { notificationKeyer } from '../notifications/SurveyInvitations';
import { quarterStartBefore, surveyPeriod } from './surveyIds';

/**
 * What the stored survey data owes the people in it (metrics.md §8a):
 * erasure of one person's answers on request, retention, and the re-keying
 * of rows stored before pseudonymisation.
 */
export class SurveyAdmin {
  private readonly pseudonymise: Pseudonymise;
  private readonly notificationKey: (userRef: string) => string;

  constructor(
    private readonly stores: {
      surveys: SurveyStore;
      publications: PublicationStore;
      surveyNotifications: Pick<SurveyNotificationStore, 'deleteByUserKeys'>;
    },
    private readonly settings: PlatformMetricsSettings['survey'],
    private readonly clock: Clock = Date.now,
  ) {
    this.pseudonymise = pseudonymiser(settings.pseudonymSecret);
    this.notificationKey = notificationKeyer(settings.pseudonymSecret);
  }

  /**
   * Removes a person's answers and snoozes, the comments of theirs that
   * publications released, and the record of the survey notifications
   * sent to them. Published counts stay as they are: changing
   * them would tell, by subtraction, what the person had answered.
   */
  async erase(userRef: string): Promise<SurveyErasureResult> {
    // a row not re-keyed yet is still stored under the ref itself
    const keys = [this.pseudonymise(userRef), userRef];
    const { responses, snoozes, questionAnswers } = await this.stores.surveys.deleteByUserKeys(keys);
    const { comments } = await this.stores.publications.deleteEntriesOf(keys);
    // the record of the invitations and reminders sent to them (metrics.md §8c)
    await this.stores.surveyNotifications.deleteByUserKeys([this.notificationKey(userRef)]);
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

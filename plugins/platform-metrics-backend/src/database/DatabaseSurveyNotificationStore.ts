import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { CHUNK, num, numOrNull, rowsPerInsert } from './knex';
import { NotificationClaim, SurveyNotificationKind, SurveyNotificationStore } from './SurveyNotificationStore';

const SENT = 'pm_survey_notifications';

/** knex implementation of {@link SurveyNotificationStore}, for SQLite and PostgreSQL. */
export class DatabaseSurveyNotificationStore implements SurveyNotificationStore {
  constructor(private readonly db: Knex) {}

  async listSent(surveyId: string, kind: SurveyNotificationKind, userKeys: string[]) {
    const sent = new Map<string, number | null>();
    for (const part of chunks([...new Set(userKeys)], CHUNK)) {
      const rows = await this.db(SENT)
        .where({ survey_id: surveyId, kind })
        .whereIn('user_key', part)
        .select('user_key', 'sent_at');
      for (const r of rows) sent.set(r.user_key, numOrNull(r.sent_at));
    }
    return sent;
  }

  async claim(surveyId: string, kind: SurveyNotificationKind, userKeys: string[], claim: NotificationClaim) {
    const claimed: string[] = [];
    const keys = [...new Set(userKeys)].sort();
    for (const part of chunks(keys, rowsPerInsert(6))) {
      // the primary key decides: of two runs inserting the same row, one gets it
      const inserted = await this.db(SENT)
        .insert(part.map(user_key => ({ survey_id: surveyId, kind, user_key, claim: claim.id, claimed_at: claim.at, sent_at: null })))
        .onConflict(['survey_id', 'kind', 'user_key'])
        .ignore()
        .returning('user_key');
      claimed.push(...inserted.map(r => r.user_key as string));
      // a row whose run died while sending: the conditional update takes it over once
      const taken = await this.db(SENT)
        .where({ survey_id: surveyId, kind })
        .whereIn('user_key', part)
        .whereNull('sent_at')
        .where('claimed_at', '<', claim.staleBefore)
        .update({ claim: claim.id, claimed_at: claim.at })
        .returning('user_key');
      claimed.push(...taken.map(r => r.user_key as string));
    }
    return claimed;
  }

  async markSent(surveyId: string, kind: SurveyNotificationKind, claimId: string, userKeys: string[], at: number) {
    for (const part of chunks(userKeys, CHUNK)) {
      await this.db(SENT)
        .where({ survey_id: surveyId, kind, claim: claimId })
        .whereIn('user_key', part)
        .update({ sent_at: at });
    }
  }

  async release(surveyId: string, kind: SurveyNotificationKind, claimId: string, userKeys: string[]) {
    let released = 0;
    for (const part of chunks(userKeys, CHUNK)) {
      released += await this.db(SENT)
        .where({ survey_id: surveyId, kind, claim: claimId })
        .whereNull('sent_at')
        .whereIn('user_key', part)
        .delete();
    }
    return released;
  }

  async answeredOrSnoozed(surveyId: string, answerKeys: string[], at: number) {
    const found = new Set<string>();
    for (const part of chunks([...new Set(answerKeys)], CHUNK)) {
      const answered = await this.db('pm_survey_responses')
        .where({ survey_id: surveyId })
        .whereIn('user_key', part)
        .select('user_key');
      const snoozed = await this.db('pm_survey_snoozes')
        .where({ survey_id: surveyId })
        .where('snoozed_until', '>', at)
        .whereIn('user_key', part)
        .select('user_key');
      for (const r of [...answered, ...snoozed]) found.add(r.user_key);
    }
    return found;
  }

  async listSurveyIds() {
    const rows = await this.db(SENT).distinct('survey_id').orderBy('survey_id');
    return rows.map(r => r.survey_id as string);
  }

  async deleteSurveys(surveyIds: string[]) {
    let deleted = 0;
    for (const part of chunks(surveyIds, CHUNK)) deleted += num(await this.db(SENT).whereIn('survey_id', part).delete());
    return deleted;
  }

  async deleteByUserKeys(userKeys: string[]) {
    let deleted = 0;
    for (const part of chunks(userKeys, CHUNK)) deleted += num(await this.db(SENT).whereIn('user_key', part).delete());
    return deleted;
  }
}

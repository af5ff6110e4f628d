import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { dayStart } from '../lib/time';
import { isLegacyUserRef } from '../surveys/pseudonym';
import { CHUNK, num, numOrNull, rowsPerInsert } from './knex';
import { SurveyDeletion, SurveyImportCounts, SurveyResponseRow, SurveyStore } from './SurveyStore';

const RESPONSES = 'pm_survey_responses';
const SNOOZES = 'pm_survey_snoozes';

function toResponse(r: any): SurveyResponseRow {
  return {
    surveyId: r.survey_id,
    userKey: r.user_key,
    score: num(r.score),
    comment: r.comment ?? null,
    submittedAt: num(r.submitted_at),
    groups: JSON.parse(r.groups),
    origin: r.origin ?? null,
  };
}

function toColumns(row: SurveyResponseRow) {
  return {
    survey_id: row.surveyId,
    user_key: row.userKey,
    score: row.score,
    comment: row.comment,
    // day precision only: the time of day could tell who answered
    submitted_at: dayStart(row.submittedAt),
    groups: JSON.stringify(row.groups),
    origin: row.origin,
  };
}

/** Rows keyed by a user ref, stored before pseudonymisation. */
const legacy = (q: Knex.QueryBuilder) => q.where('user_key', 'like', '%:%').orWhere('user_key', 'like', '%/%');

/** knex implementation of {@link SurveyStore}, for SQLite and PostgreSQL. */
export class DatabaseSurveyStore implements SurveyStore {
  constructor(private readonly db: Knex) {}

  async upsertSurveyResponse(row: SurveyResponseRow) {
    await this.db(RESPONSES).insert(toColumns(row)).onConflict(['survey_id', 'user_key']).merge();
  }

  async importSurveyResponses(rows: SurveyResponseRow[]): Promise<SurveyImportCounts> {
    // insert-only: the first answer of a (survey, person) in the batch is
    // the one offered, an answer already stored is never replaced
    const first = new Map<string, SurveyResponseRow>();
    for (const r of rows) {
      const key = `${r.surveyId} ${r.userKey}`;
      if (!first.has(key)) first.set(key, r);
    }
    let created = 0;
    await this.db.transaction(async tx => {
      for (const part of chunks([...first.values()], rowsPerInsert(7))) {
        const inserted = await tx(RESPONSES)
          .insert(part.map(toColumns))
          .onConflict(['survey_id', 'user_key'])
          .ignore()
          .returning('user_key');
        created += inserted.length;
      }
    });
    return { received: rows.length, created, updated: 0, skipped: rows.length - created };
  }

  async getSurveyResponse(surveyId: string, userKey: string) {
    const row = await this.db(RESPONSES).where({ survey_id: surveyId, user_key: userKey }).first();
    return row ? toResponse(row) : undefined;
  }

  async listSurveyResponses(surveyId: string) {
    const rows = await this.db(RESPONSES).where({ survey_id: surveyId }).orderBy('user_key');
    return rows.map(toResponse);
  }

  async listSurveyIds() {
    const rows = await this.db(RESPONSES).distinct('survey_id').orderBy('survey_id');
    return rows.map(r => r.survey_id as string);
  }

  async setSnooze(surveyId: string, userKey: string, until: number) {
    await this.db(SNOOZES)
      .insert({ survey_id: surveyId, user_key: userKey, snoozed_until: until })
      .onConflict(['survey_id', 'user_key'])
      .merge();
  }

  async getSnooze(surveyId: string, userKey: string) {
    const row = await this.db(SNOOZES).where({ survey_id: surveyId, user_key: userKey }).first();
    return row ? num(row.snoozed_until) : undefined;
  }

  async deleteByUserKeys(userKeys: string[]): Promise<SurveyDeletion> {
    return this.db.transaction(async tx => {
      let responses = 0;
      let snoozes = 0;
      for (const part of chunks(userKeys, CHUNK)) {
        responses += await tx(RESPONSES).whereIn('user_key', part).delete();
        snoozes += await tx(SNOOZES).whereIn('user_key', part).delete();
      }
      return { responses, snoozes };
    });
  }

  async deleteBefore(cutoff: number): Promise<SurveyDeletion> {
    return this.db.transaction(async tx => ({
      responses: await tx(RESPONSES).where('submitted_at', '<', cutoff).delete(),
      snoozes: await tx(SNOOZES).where('snoozed_until', '<', cutoff).delete(),
    }));
  }

  async rekeyLegacyRows(pseudonymise: (userRef: string) => string): Promise<SurveyDeletion> {
    return this.db.transaction(async tx => ({
      responses: await this.rekey(tx, RESPONSES, 'submitted_at', pseudonymise),
      snoozes: await this.rekey(tx, SNOOZES, 'snoozed_until', pseudonymise),
    }));
  }

  /**
   * Re-keys one table's legacy rows. Each statement names the legacy key it
   * replaces, so a replica doing the same at the same time changes nothing
   * twice. Where the person already has a row under the pseudonym, the one
   * with the later `newer` column stays.
   */
  private async rekey(tx: Knex.Transaction, table: string, newer: string, pseudonymise: (r: string) => string) {
    const rows = await legacy(tx(table).select('*'));
    for (const row of rows) {
      if (!isLegacyUserRef(row.user_key)) continue;
      const key = pseudonymise(row.user_key);
      const at = { survey_id: row.survey_id, user_key: row.user_key };
      const existing = await tx(table).where({ survey_id: row.survey_id, user_key: key }).first();
      if (existing && num(existing[newer]) >= num(row[newer])) {
        await tx(table).where(at).delete();
      } else if (existing) {
        await tx(table).where({ survey_id: row.survey_id, user_key: key }).delete();
        await tx(table).where(at).update({ user_key: key });
      } else {
        await tx(table).where(at).update({ user_key: key });
      }
    }
    return rows.length;
  }

  async getChangedAt() {
    const row = await this.db('pm_survey_publications').max({ at: 'published_at' }).first();
    return numOrNull(row?.at) ?? undefined;
  }
}

import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { dayStart } from '../lib/time';
import { isLegacyUserRef } from '../surveys/pseudonym';
import { CHUNK, num, numOrNull, rowsPerInsert } from './knex';
import { LegacyRekeying, SurveyDeletion, SurveyImportCounts, SurveyResponseRow, SurveyStore } from './SurveyStore';

const RESPONSES = 'pm_survey_responses';
const SNOOZES = 'pm_survey_snoozes';
const ANSWERS = 'pm_survey_answers';

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
          .returning(['survey_id', 'user_key']);
        created += inserted.length;
        // the answers of a response come with it: only of the responses this batch inserted
        const mine = new Set(inserted.map((r: any) => `${r.survey_id} ${r.user_key}`));
        const answers = part
          .filter(r => mine.has(`${r.surveyId} ${r.userKey}`))
          .flatMap(r =>
            Object.entries(r.answers ?? {}).map(([questionId, value]) => ({
              survey_id: r.surveyId,
              user_key: r.userKey,
              question_id: questionId,
              value,
              submitted_at: dayStart(r.submittedAt),
            })),
          );
        for (const answerRows of chunks(answers, rowsPerInsert(5))) {
          await tx(ANSWERS).insert(answerRows).onConflict(['survey_id', 'user_key', 'question_id']).ignore();
        }
      }
    });
    return { received: rows.length, created, updated: 0, skipped: rows.length - created };
  }

  async getSurveyResponse(surveyId: string, userKey: string) {
    const row = await this.db(RESPONSES).where({ survey_id: surveyId, user_key: userKey }).first();
    return row ? toResponse(row) : undefined;
  }

  async saveAnswer(answer: { surveyId: string; userKey: string; questionId: string; value: number; at: number }) {
    const day = dayStart(answer.at);
    const key = { survey_id: answer.surveyId, user_key: answer.userKey };
    await this.db.transaction(async tx => {
      await tx(ANSWERS)
        .insert({ ...key, question_id: answer.questionId, value: answer.value, submitted_at: day })
        .onConflict(['survey_id', 'user_key', 'question_id'])
        .merge(['value', 'submitted_at']);
      await tx(RESPONSES).where(key).update({ submitted_at: day });
    });
  }

  async getAnswers(surveyId: string, userKey: string) {
    const rows = await this.db(ANSWERS).where({ survey_id: surveyId, user_key: userKey }).select('question_id', 'value');
    return Object.fromEntries(rows.map(r => [r.question_id as string, num(r.value)]));
  }

  async listSurveyResponses(surveyId: string) {
    const [rows, answers] = await Promise.all([
      this.db(RESPONSES).where({ survey_id: surveyId }).orderBy('user_key'),
      this.db(ANSWERS).where({ survey_id: surveyId }).select('user_key', 'question_id', 'value'),
    ]);
    const byKey = new Map<string, Record<string, number>>();
    for (const a of answers) {
      const of = byKey.get(a.user_key) ?? {};
      of[a.question_id] = num(a.value);
      byKey.set(a.user_key, of);
    }
    return rows.map(r => ({ ...toResponse(r), answers: byKey.get(r.user_key) ?? {} }));
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
      let questionAnswers = 0;
      for (const part of chunks(userKeys, CHUNK)) {
        responses += await tx(RESPONSES).whereIn('user_key', part).delete();
        snoozes += await tx(SNOOZES).whereIn('user_key', part).delete();
        questionAnswers += await tx(ANSWERS).whereIn('user_key', part).delete();
      }
      return { responses, snoozes, questionAnswers };
    });
  }

  async deleteBefore(cutoff: number): Promise<SurveyDeletion> {
    return this.db.transaction(async tx => ({
      responses: await tx(RESPONSES).where('submitted_at', '<', cutoff).delete(),
      snoozes: await tx(SNOOZES).where('snoozed_until', '<', cutoff).delete(),
      // the same rule: nothing submitted before the cutoff is kept
      questionAnswers: await tx(ANSWERS).where('submitted_at', '<', cutoff).delete(),
    }));
  }

  async rekeyLegacyRows(pseudonymise: (userRef: string) => string): Promise<LegacyRekeying> {
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

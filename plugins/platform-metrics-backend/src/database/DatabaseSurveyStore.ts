import { IngestResult } from '@platform-metrics/plugin-platform-metrics-common';
import { Knex } from 'knex';
import { Clock } from '../lib/time';
import { ImportedSurveyResponse } from '../schema/validation';
import { MetaTable, bulkUpsert, dedupe, existingKeys, ingestResult, ms, num } from './knex';
import { SurveyResponseRow, SurveyStore } from './SurveyStore';

/** The meta key of the time answers were last written. */
const CHANGED_AT = 'surveys_changed_at';

function toResponse(r: any): SurveyResponseRow {
  return {
    surveyId: r.survey_id,
    userRef: r.user_ref,
    score: num(r.score),
    comment: r.comment ?? null,
    submittedAt: num(r.submitted_at),
    groups: JSON.parse(r.groups),
  };
}

/** Restricts to responses whose groups (a JSON array) include `group`. */
function ofGroup(q: Knex.QueryBuilder, group?: string) {
  if (group) {
    const pattern = `%${JSON.stringify(group).replace(/[\\%_]/g, c => `\\${c}`)}%`;
    q.whereRaw(`"groups" LIKE ? ESCAPE '\\'`, [pattern]);
  }
  return q;
}

/** knex implementation of {@link SurveyStore}, for SQLite and PostgreSQL. */
export class DatabaseSurveyStore implements SurveyStore {
  private readonly meta: MetaTable;

  constructor(private readonly db: Knex, private readonly clock: Clock) {
    this.meta = new MetaTable(db);
  }

  async upsertSurveyResponse(row: SurveyResponseRow) {
    await this.db('pm_survey_responses')
      .insert({
        survey_id: row.surveyId,
        user_ref: row.userRef,
        score: row.score,
        comment: row.comment,
        submitted_at: row.submittedAt,
        groups: JSON.stringify(row.groups),
      })
      .onConflict(['survey_id', 'user_ref'])
      .merge();
    await this.changed();
  }

  private async changed() {
    await this.meta.set(CHANGED_AT, String(this.clock()));
  }

  async getChangedAt() {
    const v = await this.meta.get(CHANGED_AT);
    return v === undefined ? undefined : Number(v);
  }

  async importSurveyResponses(
    input: ImportedSurveyResponse[],
    groupsOf: (userRef: string) => string[],
  ): Promise<IngestResult> {
    const records = dedupe(input, r => `${r.surveyId} ${r.userRef}`);
    const result = await this.db.transaction(async tx => {
      const existing = await existingKeys(
        tx,
        'pm_survey_responses',
        ['survey_id', 'user_ref'],
        records.map(r => [r.surveyId, r.userRef]),
      );
      await bulkUpsert(
        tx,
        'pm_survey_responses',
        records.map(r => ({
          survey_id: r.surveyId,
          user_ref: r.userRef,
          score: r.score,
          comment: r.comment ?? null,
          submitted_at: ms(r.submittedAt),
          groups: JSON.stringify(groupsOf(r.userRef)),
        })),
        ['survey_id', 'user_ref'],
        {
          survey_id: 'text',
          user_ref: 'text',
          score: 'integer',
          comment: 'text',
          submitted_at: 'bigint',
          groups: 'text',
        },
      );
      return ingestResult(input.length, records.length, existing.size);
    });
    await this.changed();
    return result;
  }

  async getSurveyResponse(surveyId: string, userRef: string) {
    const row = await this.db('pm_survey_responses').where({ survey_id: surveyId, user_ref: userRef }).first();
    return row ? toResponse(row) : undefined;
  }

  async listSurveyResponses(query: { surveyIds?: string[]; submittedBefore: number; group?: string }) {
    const q = this.db('pm_survey_responses').where('submitted_at', '<', query.submittedBefore);
    if (query.surveyIds) q.whereIn('survey_id', query.surveyIds);
    const rows = await ofGroup(q, query.group).orderBy(['survey_id', 'submitted_at']);
    return rows.map(toResponse);
  }

  async surveyScoreCounts(query: { submittedBefore: number; maxSurveyId: string; group?: string }) {
    const q = this.db('pm_survey_responses')
      .where('submitted_at', '<', query.submittedBefore)
      .andWhere('survey_id', '<=', query.maxSurveyId)
      .groupBy('survey_id', 'score')
      .orderBy(['survey_id', 'score'])
      .select('survey_id', 'score', this.db.raw('count(*) as n'));
    const rows = await ofGroup(q, query.group);
    return rows.map((r: any) => ({ surveyId: r.survey_id, score: num(r.score), n: num(r.n) }));
  }

  async setSnooze(surveyId: string, userRef: string, until: number) {
    await this.db('pm_survey_snoozes')
      .insert({ survey_id: surveyId, user_ref: userRef, snoozed_until: until })
      .onConflict(['survey_id', 'user_ref'])
      .merge();
  }

  async getSnooze(surveyId: string, userRef: string) {
    const row = await this.db('pm_survey_snoozes').where({ survey_id: surveyId, user_ref: userRef }).first();
    return row ? num(row.snoozed_until) : undefined;
  }
}

import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { CHUNK, num, rowsPerInsert } from './knex';
import { PublicationEntry, PublicationStore, ReleasedComment, SurveyPublication } from './PublicationStore';

const PUBLICATIONS = 'pm_survey_publications';
const ENTRIES = 'pm_survey_publication_entries';

function toPublication(r: any): SurveyPublication {
  const body = JSON.parse(r.body);
  return {
    surveyId: r.survey_id,
    seq: num(r.seq),
    asOf: num(r.as_of),
    publishedAt: num(r.published_at),
    k: body.k,
    org: body.org,
    groups: body.groups,
    suppressed: body.suppressed,
    questions: body.questions ?? {},
  };
}

function toEntry(r: any): PublicationEntry {
  return {
    userKey: r.user_key,
    submittedDay: num(r.submitted_day),
    groups: JSON.parse(r.groups),
    comment: r.comment ?? null,
    bucket: r.bucket ?? null,
    commentGroups: JSON.parse(r.comment_groups),
    questions: r.questions ? JSON.parse(r.questions) : [],
  };
}

/** knex implementation of {@link PublicationStore}, for SQLite and PostgreSQL. */
export class DatabasePublicationStore implements PublicationStore {
  constructor(private readonly db: Knex) {}

  async latest(surveyId: string) {
    const row = await this.db(PUBLICATIONS).where({ survey_id: surveyId }).orderBy('seq', 'desc').first();
    return row ? toPublication(row) : undefined;
  }

  async listSurveyIds() {
    const rows = await this.db(PUBLICATIONS).distinct('survey_id').orderBy('survey_id');
    return rows.map(r => r.survey_id as string);
  }

  async list(surveyId: string) {
    const rows = await this.db(PUBLICATIONS).where({ survey_id: surveyId }).orderBy('seq');
    return rows.map(toPublication);
  }

  async entries(surveyId: string, seqs: number[]) {
    const out = new Map<number, PublicationEntry[]>(seqs.map(s => [s, []]));
    if (seqs.length === 0) return out;
    const rows = await this.db(ENTRIES).where({ survey_id: surveyId }).whereIn('seq', seqs).orderBy(['seq', 'user_key']);
    for (const r of rows) out.get(num(r.seq))!.push(toEntry(r));
    return out;
  }

  async asOf(query: { maxSurveyId: string; to: number }) {
    const latest = this.db(PUBLICATIONS)
      .where('survey_id', '<=', query.maxSurveyId)
      .andWhere('as_of', '<=', query.to)
      .groupBy('survey_id')
      .select('survey_id', this.db.raw('max(seq) as seq'))
      .as('l');
    const rows = await this.db(`${PUBLICATIONS} as p`)
      .join(latest, join => join.on('p.survey_id', '=', 'l.survey_id').andOn('p.seq', '=', 'l.seq'))
      .orderBy('p.survey_id')
      .select('p.*');
    return rows.map(toPublication);
  }

  async comments(surveyId: string, seq: number): Promise<ReleasedComment[]> {
    const rows = await this.db(ENTRIES).where({ survey_id: surveyId, seq }).whereNotNull('comment').orderBy('comment');
    return rows.map(r => ({ comment: r.comment, bucket: r.bucket, groups: JSON.parse(r.comment_groups) }));
  }

  async publish(publication: SurveyPublication, entries: PublicationEntry[]) {
    const { surveyId, seq } = publication;
    return this.db.transaction(async tx => {
      const inserted = await tx(PUBLICATIONS)
        .insert({
          survey_id: surveyId,
          seq,
          as_of: publication.asOf,
          published_at: publication.publishedAt,
          body: JSON.stringify({
            k: publication.k,
            org: publication.org,
            groups: publication.groups,
            suppressed: publication.suppressed,
            questions: publication.questions,
          }),
        })
        .onConflict(['survey_id', 'seq'])
        .ignore()
        .returning('seq');
      if (inserted.length === 0) return false;
      for (const part of chunks(entries, rowsPerInsert(9))) {
        await tx(ENTRIES).insert(
          part.map(e => ({
            survey_id: surveyId,
            seq,
            user_key: e.userKey,
            submitted_day: e.submittedDay,
            groups: JSON.stringify(e.groups),
            comment: e.comment,
            bucket: e.bucket,
            comment_groups: JSON.stringify(e.commentGroups),
            questions: JSON.stringify(e.questions),
          })),
        );
      }
      return true;
    });
  }

  async deleteEntriesOf(userKeys: string[]) {
    return this.db.transaction(async tx => {
      let entries = 0;
      let comments = 0;
      for (const part of chunks(userKeys, CHUNK)) {
        const [{ n }] = await tx(ENTRIES).whereIn('user_key', part).whereNotNull('comment').count({ n: '*' });
        comments += num(n);
        entries += await tx(ENTRIES).whereIn('user_key', part).delete();
      }
      return { entries, comments };
    });
  }

  async deleteEntriesOfSurveys(surveyIds: string[]) {
    let deleted = 0;
    for (const part of chunks(surveyIds, CHUNK)) {
      deleted += await this.db(ENTRIES).whereIn('survey_id', part).delete();
    }
    return deleted;
  }
}

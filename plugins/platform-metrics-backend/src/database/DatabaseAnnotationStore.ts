import { Knex } from 'knex';
import { AnnotationRow, AnnotationStore, AnnotationWrite } from './AnnotationStore';
import { num } from './knex';

const TABLE = 'pm_annotations';

function toRow(r: any): AnnotationRow {
  return {
    id: r.id,
    at: num(r.at),
    title: r.title,
    description: r.description ?? null,
    url: r.url ?? null,
    scope: r.scope,
    tags: JSON.parse(r.tags),
    createdBy: r.created_by,
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}

/** knex implementation of {@link AnnotationStore}, for SQLite and PostgreSQL. */
export class DatabaseAnnotationStore implements AnnotationStore {
  constructor(private readonly db: Knex) {}

  async upsert(a: AnnotationWrite, now: number) {
    const values = {
      at: a.at,
      title: a.title,
      description: a.description,
      url: a.url,
      scope: a.scope,
      tags: JSON.stringify(a.tags),
      created_by: a.createdBy,
      updated_at: now,
    };
    // one statement, so that two racing writes of one id keep one row
    const inserted = await this.db(TABLE)
      .insert({ id: a.id, ...values, created_at: now })
      .onConflict('id')
      .ignore()
      .returning('id');
    const created = inserted.length > 0;
    if (!created) await this.db(TABLE).where({ id: a.id }).update(values);
    return { row: (await this.get(a.id))!, created };
  }

  async get(id: string) {
    const row = await this.db(TABLE).where({ id }).first();
    return row ? toRow(row) : undefined;
  }

  async list(query: { scopes?: string[]; from?: number; to?: number; limit: number }) {
    const q = this.db(TABLE).select('*');
    if (query.scopes) q.whereIn('scope', query.scopes);
    if (query.from !== undefined) q.where('at', '>=', query.from);
    if (query.to !== undefined) q.where('at', '<', query.to);
    const rows = await q.orderBy([{ column: 'at' }, { column: 'id' }]).limit(query.limit);
    return rows.map(toRow);
  }

  async delete(id: string) {
    return (await this.db(TABLE).where({ id }).delete()) > 0;
  }
}

import { Knex } from 'knex';
import { chunks } from '../lib/collections';
import { PeopleStore, UserRow, UserUpsert } from './PeopleStore';
import { CHUNK, MetaTable, num, numOrNull, rowsPerInsert } from './knex';

/** Meta key owned by the people store. */
const USERS_FIRST_SYNCED_AT = 'users_first_synced_at';

const USER_COLUMNS = ['email', 'github_login', 'annotated_start_at', 'last_seen_at', 'in_catalog'];

function toUser(r: any): UserRow {
  return {
    userRef: r.user_ref,
    email: r.email ?? null,
    githubLogin: r.github_login ?? null,
    annotatedStartAt: numOrNull(r.annotated_start_at),
    firstSeenAt: num(r.first_seen_at),
  };
}

/** knex implementation of {@link PeopleStore}, for SQLite and PostgreSQL. */
export class DatabasePeopleStore implements PeopleStore {
  private readonly meta: MetaTable;

  constructor(private readonly db: Knex) {
    this.meta = new MetaTable(db);
  }

  async syncUsers(users: UserUpsert[], seenAt: number) {
    const unique = [...new Map(users.map(u => [u.userRef, u])).values()].sort((a, b) =>
      a.userRef < b.userRef ? -1 : 1,
    );
    await this.db.transaction(async tx => {
      for (const part of chunks(unique, rowsPerInsert(USER_COLUMNS.length + 2))) {
        await tx('pm_users')
          .insert(
            part.map(u => ({
              user_ref: u.userRef,
              email: u.email,
              github_login: u.githubLogin,
              annotated_start_at: u.annotatedStartAt,
              first_seen_at: seenAt,
              last_seen_at: seenAt,
              in_catalog: true,
            })),
          )
          .onConflict('user_ref')
          // first_seen_at is kept from the first insert
          .merge(USER_COLUMNS);
      }
      await tx('pm_users').where('last_seen_at', '<', seenAt).andWhere('in_catalog', true).update({ in_catalog: false });
      if (unique.length > 0) {
        await tx('pm_meta').insert({ key: USERS_FIRST_SYNCED_AT, value: String(seenAt) }).onConflict('key').ignore();
      }
    });
  }

  async getFirstSyncedAt() {
    const v = await this.meta.get(USERS_FIRST_SYNCED_AT);
    return v === undefined ? undefined : Number(v);
  }

  async listUsers() {
    const rows = await this.db('pm_users').where('in_catalog', true).orderBy('user_ref');
    return rows.map(toUser);
  }

  async userByGithubLogin(login: string) {
    const rows = await this.db('pm_users')
      .where({ github_login: login, in_catalog: true })
      .orderBy('user_ref')
      .limit(2)
      .select('user_ref');
    return rows.length === 1 ? (rows[0].user_ref as string) : undefined;
  }

  async authoredDeployments(query: { authors: string[]; to: number; productionEnvironments: string[] }) {
    const found = new Map<string, number[]>();
    if (query.productionEnvironments.length === 0) return found;
    for (const part of chunks([...new Set(query.authors)], CHUNK)) {
      const rows = await this.db('pm_deployment_changes as c')
        .join('pm_deployments as d', function on() {
          this.on('d.source', '=', 'c.source').andOn('d.id', '=', 'c.deployment_id');
        })
        .whereIn('c.author', part)
        .andWhere('d.status', 'succeeded')
        .whereIn('d.environment', query.productionEnvironments)
        .andWhere('d.finished_at', '<', query.to)
        .groupBy('c.author', 'd.finished_at')
        .orderBy([{ column: 'c.author' }, { column: 'd.finished_at' }])
        .select('c.author as author', 'd.finished_at as finished_at');
      for (const r of rows) {
        const list = found.get(r.author);
        if (list) list.push(num(r.finished_at));
        else found.set(r.author, [num(r.finished_at)]);
      }
    }
    return found;
  }
}

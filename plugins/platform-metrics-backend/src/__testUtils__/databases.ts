import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import createKnex, { Knex } from 'knex';

const POSTGRES: TestDatabaseId = 'POSTGRES_15';

/**
 * SQLite and PostgreSQL for store tests. PostgreSQL is never skipped
 * silently: without BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING the
 * tests fail with a message, unless PLATFORM_METRICS_SKIP_POSTGRES=1 is set
 * on purpose. `scripts/test.sh` points the variable at 127.0.0.1:5432.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', POSTGRES],
    disableDocker: true,
  });
  if (!databases.supports(POSTGRES) && process.env.PLATFORM_METRICS_SKIP_POSTGRES !== '1') {
    throw new Error(
      'PostgreSQL tests need BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ' +
        '(e.g. postgresql://postgres@127.0.0.1:5432); scripts/test.sh sets it. ' +
        'Set PLATFORM_METRICS_SKIP_POSTGRES=1 to run on SQLite only.',
    );
  }
  return databases;
}

/**
 * The PostgreSQL test databases only: the tests that need row locks, two
 * connection pools or a connection to kill. Empty only when
 * PLATFORM_METRICS_SKIP_POSTGRES=1 is set on purpose.
 */
export function postgresIds(databases: TestDatabases): [TestDatabaseId][] {
  return databases.eachSupportedId().filter(([id]) => id === POSTGRES);
}

/** A second, separate pool of connections to the database of `db`: another replica's. */
export function anotherPool(db: Knex): Knex {
  return createKnex({ client: db.client.config.client, connection: db.client.config.connection, pool: { min: 0, max: 10 } });
}

/**
 * Undoes migrations, latest first, until the named one is undone too: the
 * schema as it was before it, whatever migrations were added after it.
 */
export async function migrateDownThrough(knex: Knex, directory: string, name: string) {
  for (;;) {
    const [completed] = await knex.migrate.list({ directory });
    if (!completed.some((m: { name: string }) => m.name === name)) return;
    await knex.migrate.down({ directory });
  }
}

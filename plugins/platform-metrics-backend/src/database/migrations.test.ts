import { createTestDatabases, migrateDownThrough } from '../__testUtils__/databases';
import { migrationsDir } from './stores';

jest.setTimeout(60_000);

const directory = migrationsDir;
const A = 'component:default/a';
const B = 'component:default/b';
const C = 'component:default/c';

const downThrough = (knex: import('knex').Knex, name: string) => migrateDownThrough(knex, directory, name);
const ROLLUP_MARKS = '20261210000000_rollup_marks.js';

describe('the rollup marks migration', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('carries the dirty marks over, and back, on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    // back to the delete-on-clean marks
    await downThrough(knex, ROLLUP_MARKS);
    expect(await knex.schema.hasTable('pm_rollup_marks')).toBe(false);
    await knex('pm_rollup_dirty').insert([
      { entity_ref: A, version: 3 },
      { entity_ref: B, version: 1 },
    ]);
    const deployment = { source: 'api', environment: 'production', status: 'succeeded', finished_at: 1, type: 'standard', received_at: 1 };
    // c is clean: it has rollups and no mark
    await knex('pm_deployments').insert([
      { ...deployment, id: 'd1', entity_ref: A },
      { ...deployment, id: 'd2', entity_ref: C },
    ]);
    await knex('pm_failed_deployments').insert({ source: 'api', id: 'd2', entity_ref: C });

    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('pm_rollup_dirty')).toBe(false);
    const marks = await knex('pm_rollup_marks').orderBy('entity_ref');
    expect(marks.map(m => [m.entity_ref, Number(m.dirty_version), Number(m.clean_version)])).toEqual([
      [A, 3, 0],
      [B, 1, 0],
    ]);
    expect(await knex('pm_failed_deployments').select('entity_ref', 'source', 'id')).toEqual([
      { entity_ref: C, source: 'api', id: 'd2' },
    ]);
    // keyed by entity first: the same deployment may sit under two entities until both are recomputed
    await knex('pm_failed_deployments').insert({ source: 'api', id: 'd2', entity_ref: A });

    // down again: failures are derived, so they go and every entity is dirty
    await knex('pm_rollup_marks').update({ clean_version: knex.ref('dirty_version') });
    await downThrough(knex, ROLLUP_MARKS);
    expect(await knex('pm_failed_deployments')).toEqual([]);
    expect((await knex('pm_rollup_dirty').orderBy('entity_ref')).map(r => r.entity_ref)).toEqual([A, B, C]);
    await knex.migrate.latest({ directory });
    const again = await knex('pm_rollup_marks').orderBy('entity_ref');
    expect(again.map(m => [m.entity_ref, Number(m.dirty_version) > Number(m.clean_version)])).toEqual([
      [A, true],
      [B, true],
      [C, true],
    ]);
  });
});

describe('the source template and snapshot source migrations', () => {
  const databases = createTestDatabases();
  const SOURCE_TEMPLATE = '20261217000000_entity_source_template.js';

  it.each(databases.eachSupportedId())('add the columns (stored snapshots are measured ones), and drop them again, on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    await downThrough(knex, SOURCE_TEMPLATE);
    expect(await knex.schema.hasColumn('pm_entities', 'source_template')).toBe(false);
    expect(await knex.schema.hasColumn('pm_adoption_snapshots', 'source')).toBe(false);
    await knex('pm_entities').insert({ entity_ref: A, kind: 'component', adoption_status: 'adopted', first_seen_at: 1, last_seen_at: 1 });
    await knex('pm_adoption_snapshots').insert({ day: '2026-01-01', scope_type: 'org', scope_ref: 'org', adopted: 1, eligible: 2, exceptions: 0 });

    await knex.migrate.latest({ directory });
    expect(await knex('pm_entities').select('entity_ref', 'source_template')).toEqual([{ entity_ref: A, source_template: null }]);
    expect(await knex('pm_adoption_snapshots').select('day', 'source')).toEqual([{ day: '2026-01-01', source: 'measured' }]);
    await knex('pm_entities').update({ source_template: 'template:default/node' });
    await knex('pm_adoption_snapshots').insert({ day: '2026-01-02', scope_type: 'org', scope_ref: 'org', adopted: 1, eligible: 2, exceptions: 0, source: 'import' });

    await downThrough(knex, SOURCE_TEMPLATE);
    expect(await knex('pm_entities').select('entity_ref')).toEqual([{ entity_ref: A }]);
    expect((await knex('pm_adoption_snapshots').orderBy('day')).map(r => Object.keys(r).includes('source'))).toEqual([false, false]);
  });
});

/*
 * Monotonic dirty marks (docs/metrics.md, "Rollups").
 *
 * pm_rollup_dirty held a mark per dirty entity and deleted it when a rollup
 * was written; a later ingestion inserted it again at version 1, so a stale
 * rollup computed at version 1 could clear it (ABA) and lose an event.
 * pm_rollup_marks keeps one row per entity forever: ingestion bumps
 * dirty_version, a rollup written after reading version v sets
 * clean_version = v, and only if clean_version < v (compare-and-set under the
 * row lock). The entity is dirty while dirty_version > clean_version.
 * Existing marks carry over with clean_version 0.
 *
 * pm_failed_deployments is keyed by entity first, so that a rollup writes
 * only rows of the entities whose marks it holds (a deployment re-sent under
 * another entity has a row under each until both are recomputed).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_rollup_marks', table => {
    table.comment('Per entity: the version of its events and the version its rollups were computed after');
    table.string('entity_ref', 255).primary();
    table.bigInteger('dirty_version').notNullable().comment('bumped by every ingestion that touches the entity');
    table.bigInteger('clean_version').notNullable().defaultTo(0).comment('the dirty_version the rollups reflect');
  });
  // the rollup job's scan: only the dirty ones, in entity-ref order
  await knex.raw(
    'CREATE INDEX pm_rollup_marks_dirty_idx ON pm_rollup_marks (entity_ref) WHERE dirty_version > clean_version',
  );
  await knex.raw(
    `INSERT INTO pm_rollup_marks (entity_ref, dirty_version, clean_version)
     SELECT entity_ref, version, 0 FROM pm_rollup_dirty`,
  );
  await knex.schema.dropTable('pm_rollup_dirty');

  await knex.schema.alterTable('pm_failed_deployments', table => {
    table.dropIndex(['entity_ref'], 'pm_failed_deployments_entity_idx');
  });
  await knex.schema.alterTable('pm_failed_deployments', table => {
    table.dropPrimary();
  });
  await knex.schema.alterTable('pm_failed_deployments', table => {
    table.primary(['entity_ref', 'source', 'id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // (source, id) may now repeat across entities: drop the derived rows and
  // let the rollup job recompute every entity
  await knex('pm_failed_deployments').delete();
  await knex.schema.alterTable('pm_failed_deployments', table => {
    table.dropPrimary();
  });
  await knex.schema.alterTable('pm_failed_deployments', table => {
    table.primary(['source', 'id']);
    table.index(['entity_ref'], 'pm_failed_deployments_entity_idx');
  });

  await knex.schema.createTable('pm_rollup_dirty', table => {
    table.comment('Entities whose rollups are out of date');
    table.string('entity_ref', 255).primary();
    table.bigInteger('version').notNullable().defaultTo(1);
  });
  await knex.raw(
    `INSERT INTO pm_rollup_dirty (entity_ref, version)
     SELECT entity_ref, 1 FROM pm_rollup_marks
     UNION SELECT entity_ref, 1 FROM pm_deployments
     UNION SELECT entity_ref, 1 FROM pm_incidents`,
  );
  await knex.schema.dropTable('pm_rollup_marks');
};

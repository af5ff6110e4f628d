/*
 * Rollups: per-entity-per-day facts kept by the rollup job, so that reads
 * never join or scan the raw event tables.
 *
 * Ingestion marks the entities it touched dirty (pm_rollup_dirty, with a
 * version bumped by the database on every mark); the rollup job, or a read
 * that meets a dirty entity, recomputes that entity's rows and clears the
 * mark only if its version is unchanged. Existing data is marked dirty here.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_rollup_dirty', table => {
    table.comment('Entities whose rollups are out of date');
    table.string('entity_ref', 255).primary();
    table.bigInteger('version').notNullable().defaultTo(1);
  });

  await knex.schema.createTable('pm_entity_days', table => {
    table.comment('Per entity and UTC day: the facts every DORA metric is summed from');
    table.string('entity_ref', 255).notNullable();
    table.integer('day').notNullable().comment('days since 1970-01-01 (UTC)');
    table.integer('deployments').notNullable();
    table.integer('failed').notNullable();
    table.integer('rework').notNullable();
    table.text('lead_times').notNullable().comment('JSON array of seconds, ascending');
    table.text('restores').notNullable().comment('JSON array of seconds, ascending');
    table.primary(['entity_ref', 'day']);
    table.index(['day'], 'pm_entity_days_day_idx');
  });

  await knex.schema.createTable('pm_entity_rollups', table => {
    table.comment('Per entity: facts over its whole history');
    table.string('entity_ref', 255).primary();
    table.bigInteger('first_deploy_at').nullable();
    table.bigInteger('refreshed_at').notNullable();
  });

  await knex.schema.createTable('pm_failed_deployments', table => {
    table.comment('Successful production deployments that caused a failure');
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.primary(['source', 'id']);
    table.index(['entity_ref'], 'pm_failed_deployments_entity_idx');
  });

  await knex.schema.createTable('pm_summaries', table => {
    table.comment('Org and team summaries of the current window, computed by the rollup job');
    table.string('scope_ref', 255).notNullable().comment("'org' or a group ref");
    table.integer('window_days').notNullable();
    table.integer('to_day').notNullable().comment('days since 1970-01-01 of the window end');
    table.bigInteger('computed_at').notNullable();
    table.text('body').notNullable().comment('the OrgSummary as JSON');
    table.primary(['scope_ref', 'window_days']);
  });

  await knex.raw(
    `INSERT INTO pm_rollup_dirty (entity_ref)
     SELECT entity_ref FROM pm_deployments UNION SELECT entity_ref FROM pm_incidents`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const t of [
    'pm_summaries',
    'pm_failed_deployments',
    'pm_entity_rollups',
    'pm_entity_days',
    'pm_rollup_dirty',
  ]) {
    await knex.schema.dropTable(t);
  }
};

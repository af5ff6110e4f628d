/*
 * CI pipeline runs (metrics.md §17): one row per run, idempotent on
 * (source, id), read per entity and window by finish time.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_pipeline_runs', table => {
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.bigInteger('started_at').notNullable().comment('Epoch ms');
    table.bigInteger('finished_at').notNullable().comment('Epoch ms');
    table.string('status', 20).notNullable().comment('succeeded, failed or cancelled');
    table.string('branch', 255).nullable();
    table.string('commit_sha', 64).nullable().comment('Lower-case hex');
    table.bigInteger('received_at').notNullable();
    table.primary(['source', 'id']);
    table.index(['entity_ref', 'finished_at'], 'pm_pipeline_runs_entity_finished_idx');
    table.index(['finished_at'], 'pm_pipeline_runs_finished_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_pipeline_runs');
};

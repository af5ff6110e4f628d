/*
 * Failed deployment recovery time (metrics.md §4b): per entity and UTC day
 * of a failed deployment's finishedAt, the recovery times (seconds) of the
 * failed deployments that recovered, and how many have not. Existing rows
 * are recomputed by the rollup job: the rollup format changed with this
 * migration, so the settings claimed at start-up mark every entity dirty.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pm_entity_days', table => {
    table.text('recoveries').notNullable().defaultTo('[]').comment('JSON array of seconds, ascending');
    table.integer('unrecovered').notNullable().defaultTo(0).comment('failed deployments not yet recovered');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_entity_days', table => {
    table.dropColumn('recoveries');
    table.dropColumn('unrecovered');
  });
};

/*
 * Cost records (metrics.md §15): one row per record, idempotent on
 * (source, id), summed per entity and calendar month when read.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_costs', table => {
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('month', 7).notNullable().comment('YYYY-MM, UTC calendar month of the period');
    table.string('period', 10).notNullable().comment('YYYY-MM or YYYY-MM-DD, as sent');
    table.double('amount').notNullable();
    table.string('currency', 3).notNullable();
    table.bigInteger('received_at').notNullable();
    table.primary(['source', 'id']);
    table.index(['month', 'entity_ref'], 'pm_costs_month_entity_idx');
    table.index(['entity_ref', 'month'], 'pm_costs_entity_month_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_costs');
};

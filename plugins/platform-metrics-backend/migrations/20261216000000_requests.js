/*
 * Platform requests (metrics.md §13, self-service ratio): one row per
 * request, idempotent on (source, id), read by closing time (the requests
 * closed in a window) and by the open ones at a window's end.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_requests', table => {
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.string('kind', 63).notNullable().comment('Lower-cased, e.g. new-service');
    table.string('entity_ref', 255).nullable().comment('The entity the request is for, normalised');
    table.string('requested_by', 255).nullable().comment('A user entity ref, normalised');
    table.bigInteger('opened_at').notNullable().comment('Epoch ms');
    table.bigInteger('closed_at').nullable().comment('Epoch ms; null while open');
    table.string('fulfilment', 20).notNullable().comment('self-service or ticket');
    table.bigInteger('received_at').notNullable();
    table.primary(['source', 'id']);
    table.index(['closed_at'], 'pm_requests_closed_idx');
    table.index(['entity_ref', 'closed_at'], 'pm_requests_entity_closed_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_requests');
};

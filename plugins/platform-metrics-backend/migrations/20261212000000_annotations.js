/*
 * Platform-change annotations (metrics.md §11): a dated note ("golden path
 * v2 released") in a scope, `org`, a Group ref or an entity ref, shown as a
 * marker on the trend charts of that scope, with a before/after comparison.
 * Idempotent on `id` (a client-chosen or generated id).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_annotations', table => {
    table.comment('Platform-change annotations: markers on the trend charts of their scope');
    table.string('id', 255).primary();
    table.bigInteger('at').notNullable().comment('when the change happened, epoch ms');
    table.string('title', 200).notNullable();
    table.text('description').nullable();
    table.string('url', 2000).nullable();
    table.string('scope', 255).notNullable().comment("'org', a group ref or an entity ref (normalised)");
    table.text('tags').notNullable().comment('JSON array of strings');
    table.string('created_by', 255).notNullable().comment('user ref or service subject of the last writer');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['scope', 'at'], 'pm_annotations_scope_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_annotations');
};

/*
 * Whether a deployment's change list is known to be complete (metrics.md §2):
 * false when the changes were found with a gap (missing pushes, a push hook
 * that lists only its last 20 commits); null when the sender did not say.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pm_deployments', table => {
    table.boolean('changes_complete').nullable().comment('false: the change list has a gap');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_deployments', table => {
    table.dropColumn('changes_complete');
  });
};

/*
 * The commit a deployment deployed (its head sha), so that the next
 * deployment's changes can be found from the git history or the stored
 * pushes (`prev..HEAD`), and a CI tool can ask for the last one.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pm_deployments', table => {
    table.string('commit_sha', 64).nullable().comment('Head commit deployed, lower-case hex');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_deployments', table => {
    table.dropColumn('commit_sha');
  });
};

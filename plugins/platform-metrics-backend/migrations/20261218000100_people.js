/*
 * Who did it (metrics.md, "People fields (§5)") and the time to onboard a
 * new engineer (§6d):
 * - `pm_deployments.deployed_by` and `pm_deployment_changes.author`: a user
 *   entity ref or an email address, as sent (normalised, lower-cased); null
 *   when not sent. Emails are matched to catalog Users when read, not here.
 * - `pm_users`: the catalog's Users as the catalog sync last saw them, with
 *   their `spec.profile.email`, GitHub login, annotated start date and when
 *   the suite first saw them (kept from the first sighting).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pm_deployments', table => {
    table.string('deployed_by', 255).nullable().comment('User ref or email (lower-cased); null when not sent');
  });
  await knex.schema.alterTable('pm_deployment_changes', table => {
    table.string('author', 255).nullable().comment('User ref or email (lower-cased); null when not sent');
    table.index(['author'], 'pm_changes_author_idx');
  });
  await knex.schema.createTable('pm_users', table => {
    table.comment('Catalog Users as the catalog sync last saw them (metrics.md §6d)');
    table.string('user_ref', 255).primary();
    table.string('email', 255).nullable().comment('spec.profile.email, lower-cased');
    table.string('github_login', 255).nullable().comment('github.com/user-login annotation, lower-cased');
    table.bigInteger('annotated_start_at').nullable().comment('platform-metrics.io/start-date, epoch ms');
    table.bigInteger('first_seen_at').notNullable().comment('Epoch ms of the first sync that saw the user');
    table.bigInteger('last_seen_at').notNullable();
    table.boolean('in_catalog').notNullable().defaultTo(true);
    table.index(['email'], 'pm_users_email_idx');
    table.index(['github_login'], 'pm_users_github_login_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_users');
  await knex.schema.alterTable('pm_deployment_changes', table => {
    table.dropIndex(['author'], 'pm_changes_author_idx');
    table.dropColumn('author');
  });
  await knex.schema.alterTable('pm_deployments', table => {
    table.dropColumn('deployed_by');
  });
  await knex('pm_meta').where('key', 'users_first_synced_at').delete();
};

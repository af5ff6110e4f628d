/*
 * Push-chain gaps (docs/metrics.md §2, "Ingested records"):
 * - `pm_webhook_pushes.truncated`: the push hook listed fewer commits than it
 *   pushed (GitLab lists at most 20), so a walk through it is incomplete;
 * - `pm_webhook_deliveries.awaiting_push`: the sha whose push was missing when
 *   the deployment's changes were walked; when that push arrives, the
 *   deployment is processed again and gets the commits it missed.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pm_webhook_pushes', table => {
    table.boolean('truncated').notNullable().defaultTo(false).comment('the hook listed only some of the commits');
  });
  await knex.schema.alterTable('pm_webhook_deliveries', table => {
    table.string('awaiting_push', 64).nullable().comment('sha of the push a deployment missed, lower-case');
    table.index(['awaiting_push'], 'pm_webhook_deliveries_awaiting_push_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_webhook_deliveries', table => {
    table.dropIndex(['awaiting_push'], 'pm_webhook_deliveries_awaiting_push_idx');
    table.dropColumn('awaiting_push');
  });
  await knex.schema.alterTable('pm_webhook_pushes', table => {
    table.dropColumn('truncated');
  });
};

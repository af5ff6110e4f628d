/*
 * Pushes received by the webhook receivers (GitHub `push`): the commits
 * between `before_sha` and `after_sha` of a repository, so that a webhook
 * deployment's changes can be found by walking back from its sha to the
 * previous successful production deployment's (docs/metrics.md, "Ingested
 * records").
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_webhook_pushes', table => {
    table.comment('Pushes of webhook deliveries: before..after with the commits and their times');
    table.string('source', 32).notNullable();
    table.string('repository', 512).notNullable().comment('lower-cased, e.g. acme/payments');
    table.string('after_sha', 64).notNullable();
    table.string('before_sha', 64).notNullable();
    table.text('commits').notNullable().comment('JSON: [{ id, committedAt }] (epoch ms)');
    table.bigInteger('received_at').notNullable();
    table.primary(['source', 'repository', 'after_sha']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_webhook_pushes');
};

/*
 * Webhook receivers (README, "Connect your tools").
 *
 * - `pm_webhook_deliveries`: the inbox. Each delivery of GitHub, GitLab,
 *   PagerDuty or Argo CD is written here, unique on (provider, delivery_id),
 *   before the receiver answers 2xx; a redelivery of the same id finds its
 *   row and counts once. Processing turns the deliveries of one subject (a
 *   deployment or an incident) into one deployment or incident record.
 *   `state`: pending | processed | ignored | unmatched | unprocessable | failed.
 * - `pm_webhook_rejections`: deliveries refused for a bad or missing
 *   signature, counted per provider and hour (nothing of them is stored).
 * - `pm_entity_annotations`: the annotations that match deliveries to
 *   entities (`github.com/project-slug`, ...), values lower-cased, written
 *   by the catalog sync.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_webhook_deliveries', table => {
    table.comment('Webhook deliveries (the inbox), unique on (provider, delivery_id)');
    table.string('provider', 32).notNullable().comment('github | gitlab | pagerduty | argocd');
    table.string('delivery_id', 255).notNullable();
    table.string('event', 64).notNullable().comment('the event named by the tool (header or payload)');
    table.bigInteger('received_at').notNullable();
    table.text('body').notNullable().comment('the raw body, as signed');
    table.string('state', 16).notNullable().defaultTo('pending');
    table.text('reason').nullable().comment('why ignored, unprocessable, unmatched or failed');
    table.string('subject', 512).nullable().comment('deployment:<source>:<id> or incident:<source>:<id>');
    table.bigInteger('occurred_at').nullable().comment('when the event happened, per the tool');
    table.string('match_key', 512).nullable().comment('<annotation>=<value> the delivery is matched on, lower-case');
    table.integer('attempts').notNullable().defaultTo(0);
    table.bigInteger('processed_at').nullable();
    table.primary(['provider', 'delivery_id']);
    table.index(['state'], 'pm_webhook_deliveries_state_idx');
    table.index(['subject'], 'pm_webhook_deliveries_subject_idx');
    table.index(['provider', 'received_at'], 'pm_webhook_deliveries_received_idx');
  });

  await knex.schema.createTable('pm_webhook_rejections', table => {
    table.comment('Deliveries refused for their signature, per provider and hour');
    table.string('provider', 32).notNullable();
    table.bigInteger('hour').notNullable().comment('epoch ms of the hour');
    table.integer('count').notNullable();
    table.primary(['provider', 'hour']);
  });

  await knex.schema.createTable('pm_entity_annotations', table => {
    table.comment('Annotations that match webhook deliveries to entities (lower-cased values)');
    table.string('entity_ref', 255).notNullable();
    table.string('annotation', 255).notNullable();
    table.string('value', 512).notNullable();
    table.primary(['annotation', 'value', 'entity_ref']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_entity_annotations');
  await knex.schema.dropTable('pm_webhook_rejections');
  await knex.schema.dropTable('pm_webhook_deliveries');
};

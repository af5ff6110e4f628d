/*
 * Survey invitations and reminders through Backstage notifications
 * (metrics.md §8c).
 *
 * - `pm_survey_notifications`: what was sent, one row per survey, person and
 *   kind ('invitation' or 'reminder'). The primary key is the at-most-once
 *   guarantee: a run claims a row by inserting it (a conflict is ignored) and
 *   sends only to the rows it inserted, so two runs or two replicas never
 *   notify a person twice. `user_key` is the person's notification key, an
 *   HMAC of the user ref under the survey secret with its own prefix: not
 *   the pseudonym of `pm_survey_responses`, so these rows cannot be joined
 *   with answers without the secret. `claim` is the random id of the run that
 *   claimed the row (it releases only its own rows when a send fails);
 *   `sent_at` is null while the send is under way.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_survey_notifications', table => {
    table.comment('Survey invitations and reminders sent, one per survey, person (notification key) and kind');
    table.string('survey_id', 16).notNullable();
    table.string('kind', 16).notNullable().comment("'invitation' or 'reminder'");
    table.string('user_key', 255).notNullable().comment('HMAC of the user ref, not the answer pseudonym');
    table.string('claim', 64).notNullable().comment('random id of the run that claimed the row');
    table.bigInteger('claimed_at').notNullable().comment('epoch ms of the claim');
    table.bigInteger('sent_at').nullable().comment('epoch ms the notification was accepted; null while sending');
    table.primary(['survey_id', 'kind', 'user_key']);
    table.index(['user_key'], 'pm_survey_notifications_user_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_survey_notifications');
};

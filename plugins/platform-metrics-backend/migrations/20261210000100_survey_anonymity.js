/*
 * Survey anonymity (metrics.md §8a).
 *
 * - Answers and snoozes are keyed by a pseudonym, the HMAC-SHA256 of the
 *   user ref with `platformMetrics.survey.pseudonymSecret`: the column
 *   `user_ref` becomes `user_key`. The secret is configuration, not schema,
 *   so the rows stored before are re-keyed by the plugin at start-up (a user
 *   ref contains ':' and '/', an HMAC in hex never does).
 * - `submitted_at` keeps the UTC day only (its midnight, epoch ms).
 * - `origin`: null for an answer given in Backstage, otherwise the subject
 *   of the service principal that imported it.
 * - `pm_groups`: the catalog's Groups with their `spec.type`, so that only
 *   reporting groups (`survey.reportingGroupTypes`) get NPS.
 * - `pm_survey_publications`: the published results of a survey, written in
 *   batches by the publication task; reads use nothing else.
 *   `pm_survey_publication_entries`: who (by pseudonym) each publication
 *   counted, in which reporting groups, and the comments it released, so
 *   that the next publication can be checked against it and a person's
 *   comments can be erased.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of ['pm_survey_responses', 'pm_survey_snoozes']) {
    await knex.schema.alterTable(table, t => {
      t.renameColumn('user_ref', 'user_key');
    });
  }
  await knex.schema.alterTable('pm_survey_responses', t => {
    t.string('origin', 255).nullable().comment('null: answered in Backstage; else the importing service subject');
  });
  const DAY = 86400000;
  await knex('pm_survey_responses').update({
    submitted_at: knex.raw('?? - (?? % ?)', ['submitted_at', 'submitted_at', DAY]),
  });

  await knex.schema.createTable('pm_groups', table => {
    table.comment('Catalog Groups with their spec.type, from the catalog sync');
    table.string('group_ref', 255).primary();
    table.string('type', 64).nullable().comment('spec.type, lower-cased');
  });

  await knex.schema.createTable('pm_survey_publications', table => {
    table.comment('Published survey results (counts of the org and each released reporting group)');
    table.string('survey_id', 16).notNullable();
    table.integer('seq').notNullable().comment('1, 2, ... per survey');
    table.bigInteger('as_of').notNullable().comment('a UTC midnight: answers submitted before it');
    table.bigInteger('published_at').notNullable();
    table.text('body').notNullable().comment('JSON: org and group counts, suppressed groups');
    table.primary(['survey_id', 'seq']);
  });

  await knex.schema.createTable('pm_survey_publication_entries', table => {
    table.comment('The respondents (by pseudonym) each publication counted, and the comments it released');
    table.string('survey_id', 16).notNullable();
    table.integer('seq').notNullable();
    table.string('user_key', 64).notNullable();
    table.integer('submitted_day').notNullable().comment('days since 1970-01-01 of the answer');
    table.text('groups').notNullable().comment('JSON array of the reporting groups it was counted in');
    table.text('comment').nullable().comment('set only when released');
    table.string('bucket', 16).nullable().comment('promoter | passive | detractor, with a released comment');
    table.text('comment_groups').notNullable().comment('JSON array of the groups the comment is listed under');
    table.primary(['survey_id', 'seq', 'user_key']);
    table.index(['user_key'], 'pm_survey_publication_entries_user_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_survey_publication_entries');
  await knex.schema.dropTable('pm_survey_publications');
  await knex.schema.dropTable('pm_groups');
  await knex.schema.alterTable('pm_survey_responses', t => {
    t.dropColumn('origin');
  });
  for (const table of ['pm_survey_responses', 'pm_survey_snoozes']) {
    await knex.schema.alterTable(table, t => {
      t.renameColumn('user_key', 'user_ref');
    });
  }
};

/*
 * The survey's 1-5 agreement questions (metrics.md §18).
 *
 * - `pm_survey_answers`: one answer per person (pseudonym, as in
 *   `pm_survey_responses`), survey and question; the UTC day only. Saved
 *   one question at a time, so a survey left half-done resumes; counted
 *   with the person's NPS answer (the response), whose `submitted_at`
 *   moves to the day of their latest change.
 * - `pm_survey_publication_entries.questions`: the question ids each
 *   counted respondent had answered, so that the next publication can check
 *   a question's figures against its earlier ones by respondent set.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_survey_answers', table => {
    table.comment('Answers to the survey agreement questions (1-5), by pseudonym');
    table.string('survey_id', 16).notNullable();
    table.string('user_key', 255).notNullable().comment('the pseudonym, as in pm_survey_responses');
    table.string('question_id', 64).notNullable();
    table.integer('value').notNullable().comment('1 strongly disagree .. 5 strongly agree');
    table.bigInteger('submitted_at').notNullable().comment('00:00 UTC of the day answered');
    table.primary(['survey_id', 'user_key', 'question_id']);
    table.index(['user_key'], 'pm_survey_answers_user_idx');
  });
  await knex.schema.alterTable('pm_survey_publication_entries', table => {
    table.text('questions').nullable().comment('JSON array of the question ids the counted response answered');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_survey_publication_entries', table => {
    table.dropColumn('questions');
  });
  await knex.schema.dropTable('pm_survey_answers');
};

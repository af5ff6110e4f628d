/*
 * The text of the adoption rule that matched an adopted entity, so that a
 * scorecard can say why it is on the golden path under the configured rules.
 * Filled by the next catalog sync.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pm_entities', table => {
    table.text('adoption_rule').nullable().comment('The matched adoption rule, as text');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_entities', table => {
    table.dropColumn('adoption_rule');
  });
};

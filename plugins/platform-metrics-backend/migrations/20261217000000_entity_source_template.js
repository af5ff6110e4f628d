/*
 * The software template a component was made from (its
 * `backstage.io/source-template` annotation, normalised as an entity ref of
 * kind `template`), for the time to first deploy per template (metrics.md,
 * "TTFD per software template (§3)"). Filled by the next catalog sync.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pm_entities', table => {
    table
      .string('source_template', 255)
      .nullable()
      .comment('Normalised template ref; null without one');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_entities', table => {
    table.dropColumn('source_template');
  });
};

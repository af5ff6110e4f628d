/*
 * Platform incident impact (metrics.md §14): the developers an incident kept
 * from their work as its tool counted them, and what the catalog says when it
 * did not: the Resources with their owner, and the `dependsOn` relations
 * between components and resources, replaced by every catalog sync. The
 * members of a group are looked up by group.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pm_incidents', table => {
    table
      .integer('affected_developers')
      .nullable()
      .comment('Developers affected, as the incident named them; null when not sent');
  });
  await knex.schema.createTable('pm_resources', table => {
    table.comment('Catalog Resources with their owner, replaced by each catalog sync');
    table.string('entity_ref', 255).notNullable().primary();
    table.string('type', 255).nullable().comment('Lower-cased spec.type');
    table.string('owner_ref', 255).nullable().comment('Normalised owner (group or user) ref');
  });
  await knex.schema.createTable('pm_entity_dependencies', table => {
    table.comment('dependsOn relations between catalog components and resources, replaced by each catalog sync');
    table.string('entity_ref', 255).notNullable().comment('The entity that depends');
    table.string('depends_on_ref', 255).notNullable().comment('The entity it depends on');
    table.primary(['entity_ref', 'depends_on_ref']);
    table.index(['depends_on_ref'], 'pm_entity_dependencies_target_idx');
  });
  await knex.schema.alterTable('pm_group_members', table => {
    table.index(['group_ref'], 'pm_group_members_group_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_group_members', table => {
    table.dropIndex(['group_ref'], 'pm_group_members_group_idx');
  });
  await knex.schema.dropTable('pm_entity_dependencies');
  await knex.schema.dropTable('pm_resources');
  await knex.schema.alterTable('pm_incidents', table => {
    table.dropColumn('affected_developers');
  });
};

/*
 * Systems and their domains (docs/metrics.md, "Scopes"): the catalog sync
 * records every System with the Domain it is part of, so that a summary can
 * be scoped to a domain (the components of its systems).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_systems', table => {
    table.comment('Catalog Systems with their Domain, from the catalog sync');
    table.string('system_ref', 255).primary();
    table.string('domain_ref', 255).nullable().comment('the Domain the system is part of');
    table.index(['domain_ref'], 'pm_systems_domain_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_systems');
};

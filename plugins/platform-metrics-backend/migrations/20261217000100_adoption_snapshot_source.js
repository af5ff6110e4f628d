/*
 * Where an adoption snapshot comes from (metrics.md §6): `measured` by the
 * catalog sync, or `import`ed through `POST /adoption-snapshots`. An import
 * never replaces a measured snapshot; a measurement replaces an imported one.
 * Every snapshot stored before is one the suite measured.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pm_adoption_snapshots', table => {
    table
      .string('source', 16)
      .notNullable()
      .defaultTo('measured')
      .comment('measured | import');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_adoption_snapshots', table => {
    table.dropColumn('source');
  });
};

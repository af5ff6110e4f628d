/*
 * Initial schema of the platform-metrics plugin.
 * Timestamps are stored as epoch milliseconds (bigint) so that ordering and
 * arithmetic behave the same on SQLite and PostgreSQL.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_deployments', table => {
    table.comment('Deployments ingested through POST /deployments');
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 100).notNullable().comment('lower-cased');
    table.string('status', 16).notNullable();
    table.bigInteger('finished_at').notNullable();
    table.bigInteger('started_at').nullable();
    table.string('version', 255).nullable();
    table.string('type', 16).notNullable();
    table.string('remediates', 255).nullable();
    table.integer('change_count').notNullable().defaultTo(0);
    table.bigInteger('received_at').notNullable();
    table.primary(['source', 'id']);
    table.index(['entity_ref', 'finished_at'], 'pm_deployments_entity_time_idx');
    table.index(['finished_at'], 'pm_deployments_time_idx');
  });

  await knex.schema.createTable('pm_deployment_changes', table => {
    table.comment('Changes (commits, merged PRs) shipped by each deployment');
    table.string('source', 255).notNullable();
    table.string('deployment_id', 255).notNullable();
    table.string('change_id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.bigInteger('committed_at').notNullable();
    table.primary(['source', 'deployment_id', 'change_id']);
    table.index(['entity_ref', 'change_id'], 'pm_changes_entity_change_idx');
  });

  await knex.schema.createTable('pm_incidents', table => {
    table.comment('Incidents ingested through POST /incidents');
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.bigInteger('opened_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table.string('severity', 50).nullable();
    table.string('caused_by', 255).nullable();
    table.bigInteger('received_at').notNullable();
    table.primary(['source', 'id']);
    table.index(['entity_ref', 'opened_at'], 'pm_incidents_entity_opened_idx');
    table.index(['entity_ref', 'resolved_at'], 'pm_incidents_entity_resolved_idx');
    table.index(['resolved_at'], 'pm_incidents_resolved_idx');
  });

  await knex.schema.createTable('pm_entities', table => {
    table.comment('Catalog entities as last seen by the catalog sync task');
    table.string('entity_ref', 255).primary();
    table.string('kind', 64).notNullable();
    table.string('type', 64).nullable();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table.string('lifecycle', 64).nullable();
    table.string('adoption_status', 16).notNullable();
    table.text('adoption_reason').nullable();
    table.bigInteger('annotated_created_at').nullable();
    table.bigInteger('first_seen_at').notNullable();
    table.bigInteger('last_seen_at').notNullable();
    table.boolean('in_catalog').notNullable().defaultTo(true);
    table.index(['owner_ref'], 'pm_entities_owner_idx');
  });

  await knex.schema.createTable('pm_group_members', table => {
    table.comment('User to group membership from the catalog, for team NPS');
    table.string('user_ref', 255).notNullable();
    table.string('group_ref', 255).notNullable();
    table.primary(['user_ref', 'group_ref']);
  });

  await knex.schema.createTable('pm_adoption_snapshots', table => {
    table.comment('Daily golden-path adoption per org, owner group and system');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('scope_type', 16).notNullable().comment('org | group | system');
    table.string('scope_ref', 255).notNullable();
    table.integer('adopted').notNullable();
    table.integer('eligible').notNullable();
    table.integer('exceptions').notNullable();
    table.primary(['scope_type', 'scope_ref', 'day']);
  });

  await knex.schema.createTable('pm_survey_responses', table => {
    table.comment('Developer NPS answers; one per user per survey');
    table.string('survey_id', 16).notNullable();
    table.string('user_ref', 255).notNullable();
    table.integer('score').notNullable();
    table.text('comment').nullable();
    table.bigInteger('submitted_at').notNullable();
    table.text('groups').notNullable().comment('JSON array of group refs at submission');
    table.primary(['survey_id', 'user_ref']);
  });

  await knex.schema.createTable('pm_survey_snoozes', table => {
    table.string('survey_id', 16).notNullable();
    table.string('user_ref', 255).notNullable();
    table.bigInteger('snoozed_until').notNullable();
    table.primary(['survey_id', 'user_ref']);
  });

  await knex.schema.createTable('pm_meta', table => {
    table.comment('Plugin-wide facts, e.g. when the suite first synced');
    table.string('key', 64).primary();
    table.text('value').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const t of [
    'pm_meta',
    'pm_survey_snoozes',
    'pm_survey_responses',
    'pm_adoption_snapshots',
    'pm_group_members',
    'pm_entities',
    'pm_incidents',
    'pm_deployment_changes',
    'pm_deployments',
  ]) {
    await knex.schema.dropTable(t);
  }
};

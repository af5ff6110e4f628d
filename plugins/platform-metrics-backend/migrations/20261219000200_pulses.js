/*
 * Pulse questions (experience sampling, metrics.md "Pulse questions"): one
 * short question to one person, idempotent on (source, id). The recipient is
 * stored only as the HMAC pseudonym of their user ref (as survey answers
 * are), never the ref; `pulse_key` is the random, opaque id the person's own
 * reads and answers use. An answer is stored with its UTC day only.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_pulses', table => {
    table.comment('Pulse questions and their answers (metrics.md, "Pulse questions")');
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.string('pulse_key', 36).notNullable().unique('pm_pulses_key_uq').comment('Random UUID: the id the recipient sees');
    table.string('recipient', 64).notNullable().comment('HMAC pseudonym of the user ref (survey.pseudonymSecret)');
    table.string('question', 200).notNullable();
    table.string('question_id', 255).notNullable().comment('What answers are aggregated by; default the question');
    table.string('entity_ref', 255).nullable();
    table.bigInteger('created_at').notNullable().comment('Epoch ms; shown from then');
    table.bigInteger('expires_at').notNullable().comment('Epoch ms; never shown or answered from then');
    table.string('state', 10).notNullable().defaultTo('open').comment('open, answered or dismissed');
    table.integer('value').nullable().comment('1..5 once answered');
    table.bigInteger('answered_on').nullable().comment('00:00 UTC (epoch ms) of the day of the answer');
    table.bigInteger('received_at').notNullable();
    table.primary(['source', 'id']);
    table.index(['recipient', 'state', 'created_at'], 'pm_pulses_recipient_idx');
    table.index(['answered_on', 'question_id'], 'pm_pulses_answered_idx');
    table.index(['created_at'], 'pm_pulses_created_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_pulses');
};

import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { chunks } from '../lib/collections';
import { Clock, dayStart } from '../lib/time';
import { OpenPulse, PulseAnswer, PulseClose, PulseIngestResult, PulseRecord, PulseStore } from './PulseStore';
import { CHUNK, dedupe, existingKeys, num, rowsPerInsert, sortedByKey, sourceAndId, whereKeys } from './knex';

const TABLE = 'pm_pulses';
/** The columns a re-sent open pulse replaces (never its key, state or answer). */
const REPLACED = ['recipient', 'question', 'question_id', 'entity_ref', 'created_at', 'expires_at', 'received_at'];

/** knex implementation of {@link PulseStore}, for SQLite and PostgreSQL. */
export class DatabasePulseStore implements PulseStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock = Date.now,
  ) {}

  upsertPulses(input: PulseRecord[], options: { keepExisting?: boolean } = {}): Promise<PulseIngestResult> {
    const records = sortedByKey(dedupe(input, sourceAndId));
    const now = this.clock();
    return this.db.transaction(async tx => {
      const keys = records.map(r => [r.source, r.id] as [string, string]);
      const existing = await existingKeys(tx, TABLE, ['source', 'id'], keys);
      const closed = options.keepExisting ? existing : await this.closedKeys(tx, keys);
      const row = (r: PulseRecord) => ({
        source: r.source,
        id: r.id,
        pulse_key: randomUUID(),
        recipient: r.recipient,
        question: r.question,
        question_id: r.questionId,
        entity_ref: r.entityRef,
        created_at: r.createdAt,
        expires_at: r.expiresAt,
        state: r.answer ? 'answered' : 'open',
        value: r.answer?.value ?? null,
        answered_on: r.answer ? dayStart(r.answer.answeredAt) : null,
        received_at: now,
      });
      const imported = records.filter(r => r.answer);
      const live = records.filter(r => !r.answer);
      for (const part of chunks(live, rowsPerInsert(REPLACED.length + 8))) {
        const insert = tx(TABLE).insert(part.map(row)).onConflict(['source', 'id']);
        // an answered or dismissed pulse stays as it was answered: the database decides, not the read above
        if (options.keepExisting) await insert.ignore();
        else await insert.merge(REPLACED).where(`${TABLE}.state`, 'open');
      }
      // imported answers are insert-only, as survey imports: a stored pulse is never overwritten
      for (const part of chunks(imported, rowsPerInsert(REPLACED.length + 8))) {
        await tx(TABLE).insert(part.map(row)).onConflict(['source', 'id']).ignore();
      }
      const kept = new Map(records.map(r => [sourceAndId(r), r]));
      const first = new Set<string>();
      let skipped = 0;
      for (const r of input) {
        const key = sourceAndId(r);
        if (!kept.get(key)!.answer) {
          if (closed.has(key)) skipped++;
        } else if (existing.has(key) || first.has(key)) skipped++;
        else first.add(key);
      }
      const created = records.length - existing.size;
      return { received: input.length, created, updated: input.length - created - skipped, skipped };
    });
  }

  /** The keys among `keys` of pulses already answered or dismissed, as `source\0id`. */
  private async closedKeys(tx: Knex.Transaction, keys: Array<[string, string]>): Promise<Set<string>> {
    const closed = new Set<string>();
    for (const part of chunks(keys, CHUNK)) {
      const rows = await whereKeys(tx(TABLE), ['source', 'id'], part).andWhereNot('state', 'open').select('source', 'id');
      for (const r of rows) closed.add(sourceAndId(r));
    }
    return closed;
  }

  async currentPulse(recipient: string, now: number): Promise<OpenPulse | undefined> {
    const row = await this.shown(this.db(TABLE).where({ recipient }), now)
      .orderBy([{ column: 'created_at' }, { column: 'pulse_key' }])
      .first('pulse_key', 'question', 'entity_ref', 'expires_at');
    return row
      ? { key: row.pulse_key, question: row.question, entityRef: row.entity_ref ?? null, expiresAt: num(row.expires_at) }
      : undefined;
  }

  /** Open and shown at `now`: created at or before it, expiring after it. */
  private shown(q: Knex.QueryBuilder, now: number) {
    return q.andWhere('state', 'open').andWhere('created_at', '<=', now).andWhere('expires_at', '>', now);
  }

  async closePulse(
    recipient: string,
    key: string,
    now: number,
    outcome: { state: 'answered'; value: number } | { state: 'dismissed' },
  ): Promise<PulseClose> {
    const changes =
      outcome.state === 'answered'
        ? { state: 'answered', value: outcome.value, answered_on: dayStart(now) }
        : { state: 'dismissed' };
    const updated = await this.shown(this.db(TABLE).where({ pulse_key: key, recipient }), now).update(changes);
    if (updated > 0) return 'closed';
    const row = await this.db(TABLE).where({ pulse_key: key, recipient }).first('state', 'created_at', 'expires_at');
    if (!row || num(row.created_at) > now) return 'not-found';
    if (row.state === 'answered' || row.state === 'dismissed') return row.state;
    return 'expired';
  }

  async listAnswers(query: { from: number; to: number }): Promise<PulseAnswer[]> {
    const rows = await this.db(TABLE)
      .where('state', 'answered')
      .andWhere('answered_on', '>=', query.from)
      .andWhere('answered_on', '<', query.to)
      .select('pulse_key', 'recipient', 'question_id', 'value', 'answered_on');
    return rows.map(r => ({
      key: r.pulse_key,
      recipient: r.recipient,
      questionId: r.question_id,
      value: num(r.value),
      answeredOn: num(r.answered_on),
    }));
  }

  async listQuestions(query: { from: number; to: number }) {
    const rows = await this.db(TABLE)
      .where(w =>
        w
          .where(c => c.where('created_at', '>=', query.from).andWhere('created_at', '<', query.to))
          .orWhere(a => a.where('answered_on', '>=', query.from).andWhere('answered_on', '<', query.to)),
      )
      .groupBy('question_id', 'question')
      .select('question_id', 'question', this.db.raw('max(created_at) as latest'));
    const latest = new Map<string, { question: string; at: number }>();
    for (const r of rows) {
      const at = num(r.latest);
      const seen = latest.get(r.question_id);
      if (!seen || at > seen.at || (at === seen.at && r.question < seen.question)) {
        latest.set(r.question_id, { question: r.question, at });
      }
    }
    return [...latest.entries()]
      .map(([questionId, { question }]) => ({ questionId, question }))
      .sort((a, b) => a.questionId.localeCompare(b.questionId, 'en'));
  }
}

import { Knex } from 'knex';
import { DeliveryRow, DeliveryUpdate, ProviderStats, PushRow, WebhookStore, isNoSha } from './WebhookStore';
import { num, numOrNull } from './knex';

const HOUR = 3_600_000;

function toDelivery(r: any): DeliveryRow {
  return {
    provider: r.provider,
    deliveryId: r.delivery_id,
    event: r.event,
    receivedAt: num(r.received_at),
    body: r.body,
    state: r.state,
    reason: r.reason ?? null,
    subject: r.subject ?? null,
    matchKey: r.match_key ?? null,
    attempts: num(r.attempts),
  };
}

function columns(update: DeliveryUpdate, at: number) {
  return {
    state: update.state,
    ...(update.reason !== undefined && { reason: update.reason }),
    ...(update.subject !== undefined && { subject: update.subject }),
    ...(update.occurredAt !== undefined && { occurred_at: update.occurredAt }),
    ...(update.matchKey !== undefined && { match_key: update.matchKey }),
    ...(update.awaitingPush !== undefined && { awaiting_push: update.awaitingPush }),
    processed_at: at,
  };
}

/** knex implementation of {@link WebhookStore}, for SQLite and PostgreSQL. */
export class DatabaseWebhookStore implements WebhookStore {
  constructor(private readonly db: Knex) {}

  async insertDelivery(row: { provider: string; deliveryId: string; event: string; body: string; receivedAt: number }) {
    const inserted = await this.db('pm_webhook_deliveries')
      .insert({
        provider: row.provider,
        delivery_id: row.deliveryId,
        event: row.event.slice(0, 64),
        body: row.body,
        received_at: row.receivedAt,
        state: 'pending',
        attempts: 0,
      })
      .onConflict(['provider', 'delivery_id'])
      .ignore()
      .returning('delivery_id');
    return inserted.length > 0;
  }

  async getDelivery(provider: string, deliveryId: string) {
    const row = await this.db('pm_webhook_deliveries').where({ provider, delivery_id: deliveryId }).first();
    return row ? toDelivery(row) : undefined;
  }

  async updateDelivery(provider: string, deliveryId: string, update: DeliveryUpdate, at: number) {
    await this.db('pm_webhook_deliveries')
      .where({ provider, delivery_id: deliveryId })
      .update({ ...columns(update, at), attempts: this.db.raw('?? + 1', ['attempts']) });
  }

  async updateSubject(subject: string, update: DeliveryUpdate, at: number) {
    await this.db('pm_webhook_deliveries')
      .where({ subject })
      .whereNot('state', 'unprocessable')
      .update(columns(update, at));
  }

  async listSubject(subject: string) {
    const rows = await this.db('pm_webhook_deliveries')
      .where({ subject })
      .orderBy([{ column: 'received_at' }, { column: 'delivery_id' }]);
    return rows.map(toDelivery);
  }

  async listDue(options: { before: number; maxAttempts: number; limit: number }) {
    const rows = await this.db('pm_webhook_deliveries')
      .where(w => w.where('state', 'pending').orWhere(f => f.where('state', 'failed').andWhere('attempts', '<', options.maxAttempts)))
      .andWhere('received_at', '<', options.before)
      .orderBy([{ column: 'received_at' }, { column: 'provider' }, { column: 'delivery_id' }])
      .limit(options.limit);
    return rows.map(toDelivery);
  }

  async listUnmatched(limit: number, after?: DeliveryRow) {
    const q = this.db('pm_webhook_deliveries').where('state', 'unmatched');
    if (after) {
      q.andWhere(w =>
        w
          .where('received_at', '>', after.receivedAt)
          .orWhere(e => e.where('received_at', after.receivedAt).andWhere('provider', '>', after.provider))
          .orWhere(e =>
            e.where({ received_at: after.receivedAt, provider: after.provider }).andWhere('delivery_id', '>', after.deliveryId),
          ),
      );
    }
    const rows = await q
      .orderBy([{ column: 'received_at' }, { column: 'provider' }, { column: 'delivery_id' }])
      .limit(limit);
    return rows.map(toDelivery);
  }

  async listAwaitingPush(provider: string, matchKey: string, sha: string) {
    const rows = await this.db('pm_webhook_deliveries')
      .where({ awaiting_push: sha, provider, match_key: matchKey })
      .whereNotNull('subject')
      .distinct('subject')
      .orderBy('subject');
    return rows.map(r => r.subject as string);
  }

  async recordPush(push: PushRow, at: number) {
    const insert = this.db('pm_webhook_pushes')
      .insert({
        source: push.source,
        repository: push.repository,
        after_sha: push.after,
        before_sha: push.before,
        commits: JSON.stringify(push.commits),
        truncated: push.truncated ?? false,
        received_at: at,
      })
      .onConflict(['source', 'repository', 'after_sha']);
    // a branch created at a known sha says less about it than the push that made the sha
    await (isNoSha(push.before) ? insert.ignore() : insert.merge());
  }

  async getPush(source: string, repository: string, after: string): Promise<PushRow | undefined> {
    const row = await this.db('pm_webhook_pushes').where({ source, repository, after_sha: after }).first();
    if (!row) return undefined;
    return {
      source,
      repository,
      after,
      before: row.before_sha,
      commits: JSON.parse(row.commits),
      truncated: !!row.truncated,
    };
  }

  async prune(before: number) {
    const deleted = await this.db('pm_webhook_deliveries')
      .where('received_at', '<', before)
      .whereNotIn('state', ['pending', 'failed'])
      .delete();
    await this.db('pm_webhook_pushes').where('received_at', '<', before).delete();
    await this.db('pm_webhook_rejections').where('hour', '<', before - (before % HOUR)).delete();
    return deleted;
  }

  async countRejection(provider: string, at: number) {
    await this.db('pm_webhook_rejections')
      .insert({ provider, hour: at - (at % HOUR), count: 1 })
      .onConflict(['provider', 'hour'])
      .merge({ count: this.db.raw('?? + 1', ['pm_webhook_rejections.count']) });
  }

  async stats(since: number): Promise<ProviderStats[]> {
    const [last, recent, rejections, unmatched] = await Promise.all([
      this.db('pm_webhook_deliveries').groupBy('provider').select('provider', this.db.raw('max(received_at) as last')),
      this.db('pm_webhook_deliveries')
        .where('received_at', '>=', since)
        .groupBy('provider', 'state')
        .select('provider', 'state', this.db.raw('count(*) as n')),
      this.db('pm_webhook_rejections')
        .where('hour', '>=', since - (since % HOUR))
        .groupBy('provider')
        .select('provider', this.db.raw('sum(count) as n')),
      this.db('pm_webhook_deliveries')
        .where('state', 'unmatched')
        .whereNotNull('match_key')
        .groupBy('provider', 'match_key')
        .select('provider', 'match_key', this.db.raw('count(*) as n'))
        .orderBy([{ column: 'provider' }, { column: 'match_key' }]),
    ]);
    const stats = new Map<string, ProviderStats>();
    const of = (provider: string) => {
      let s = stats.get(provider);
      if (!s) {
        s = { provider, lastDeliveryAt: null, deliveries: 0, signatureFailures: 0, unprocessable: 0, pending: 0, unmatched: [] };
        stats.set(provider, s);
      }
      return s;
    };
    for (const r of last as any[]) of(r.provider).lastDeliveryAt = numOrNull(r.last);
    for (const r of recent as any[]) {
      const s = of(r.provider);
      s.deliveries += num(r.n);
      if (r.state === 'unprocessable') s.unprocessable += num(r.n);
      if (r.state === 'pending' || r.state === 'failed') s.pending += num(r.n);
    }
    for (const r of rejections as any[]) of(r.provider).signatureFailures = num(r.n);
    for (const r of unmatched as any[]) of(r.provider).unmatched.push({ key: r.match_key, deliveries: num(r.n) });
    return [...stats.values()];
  }
}

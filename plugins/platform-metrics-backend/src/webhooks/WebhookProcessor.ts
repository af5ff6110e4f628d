import { LoggerService } from '@backstage/backend-plugin-api';
import { CatalogStore } from '../database/CatalogStore';
import { EventStore } from '../database/EventStore';
import { PeopleStore } from '../database/PeopleStore';
import { DeliveryRow, DeliveryState, WebhookStore, isNoSha } from '../database/WebhookStore';
import { Clock } from '../lib/time';
import { DeploymentInput } from '../schema/validation';
import { WalkedChanges, walkChanges } from './changes';
import { actorOf, foldDeployment, foldIncident } from './fold';
import { parseArgocd, parseGithub, parseGitlab, parsePagerduty } from './parse';
import { IntegrationSettings } from './settings';
import { ANNOTATIONS, DeploymentFact, Fact, IncidentFact, MatchKey, ParsedDelivery, matchKeyString, subjectOf } from './types';

/** Attempts of a delivery whose processing failed before it is left alone (the status view shows it). */
export const MAX_ATTEMPTS = 10;
/** Deliveries per retry batch. */
const BATCH = 100;

/** The annotation naming the repository whose pushes a deployment of a source is walked through. */
const REPOSITORY_ANNOTATION: Record<string, string | undefined> = {
  github: ANNOTATIONS.githubSlug,
  gitlab: ANNOTATIONS.gitlabSlug,
};

const isFact = (p: ParsedDelivery): p is Fact => p.kind === 'deployment' || p.kind === 'incident';

/**
 * Turns inbox deliveries into deployments and incidents. A delivery's
 * facts are folded with every other delivery of the same subject (one
 * deployment or incident), so the result does not depend on the order they
 * came in, and writing is an upsert: processing again changes nothing.
 * Deliveries that match no entity are kept `unmatched` and processed again
 * when the catalog changes ({@link WebhookProcessor.rematch}).
 */
export class WebhookProcessor {
  private readonly clock: Clock;

  constructor(
    private readonly deps: {
      /** `people`: the catalog's Users, to name who deployed by a GitHub login (metrics.md §5). */
      stores: { webhooks: WebhookStore; events: EventStore; catalog: CatalogStore; people?: PeopleStore };
      settings: IntegrationSettings;
      /** Environments that count as production (lower-case): webhook deployments to them get their changes from pushes. */
      productionEnvironments: string[];
      onEventsWritten?: () => void;
      logger?: LoggerService;
      clock?: Clock;
    },
  ) {
    this.clock = deps.clock ?? Date.now;
  }

  /** What a stored delivery means (pure but for the settings). */
  parse(row: Pick<DeliveryRow, 'provider' | 'event' | 'body'>): ParsedDelivery {
    let body: unknown;
    try {
      body = JSON.parse(row.body);
    } catch {
      return { kind: 'unprocessable', reason: 'the body is not JSON' };
    }
    const { settings } = this.deps;
    switch (row.provider) {
      case 'github':
        return parseGithub(row.event, body, settings);
      case 'gitlab':
        return parseGitlab(row.event, body);
      case 'pagerduty':
        return parsePagerduty(body);
      case 'argocd':
        return parseArgocd(body, settings);
      default:
        return { kind: 'unprocessable', reason: `unknown provider ${row.provider}` };
    }
  }

  /**
   * Processes one delivery; never throws: a failure is recorded as `failed`
   * (retried by the inbox task) and returned as such.
   */
  async process(row: DeliveryRow): Promise<DeliveryState> {
    const { webhooks } = this.deps.stores;
    try {
      const parsed = this.parse(row);
      const now = this.clock();
      if (parsed.kind === 'ignored' || parsed.kind === 'unprocessable') {
        await webhooks.updateDelivery(row.provider, row.deliveryId, { state: parsed.kind, reason: parsed.reason }, now);
        return parsed.kind;
      }
      if (parsed.kind === 'activity') {
        if (parsed.push) await webhooks.recordPush(parsed.push, now);
        const entities = await this.entitiesOf(parsed.match);
        if (parsed.push && entities.length) await this.applyAwaiting(row.provider, parsed.match[0], parsed.push.after);
        const state = entities.length ? 'processed' : 'unmatched';
        await webhooks.updateDelivery(
          row.provider,
          row.deliveryId,
          { state, reason: entities.length ? null : unmatchedReason(parsed.match), matchKey: matchKeyString(parsed.match[0]) },
          now,
        );
        return state;
      }
      const subject = subjectOf(parsed);
      await webhooks.updateDelivery(
        row.provider,
        row.deliveryId,
        { state: 'pending', subject, occurredAt: parsed.occurredAt, matchKey: matchKeyString(parsed.match[0]) },
        now,
      );
      return await this.applySubject(subject);
    } catch (e) {
      const reason = `processing failed: ${(e as Error).message}`.slice(0, 1000);
      this.deps.logger?.warn(`Webhook delivery ${row.provider}/${row.deliveryId}: ${reason}`);
      try {
        await webhooks.updateDelivery(row.provider, row.deliveryId, { state: 'failed', reason }, this.clock());
      } catch {
        // the database is away: the delivery stays pending and the task retries it
      }
      return 'failed';
    }
  }

  /**
   * Folds every delivery of a subject into its record and writes it; again
   * while deliveries of the subject arrived meanwhile, so that of two
   * concurrent writers the last one writes what both know; and again when
   * the push its change walk missed was stored meanwhile (the push's own
   * processing may have looked for waiting deployments before this one
   * recorded that it waits: one of the two sees the other).
   */
  private async applySubject(subject: string): Promise<DeliveryState> {
    const { webhooks } = this.deps.stores;
    let rows = await webhooks.listSubject(subject);
    for (let round = 0; ; round++) {
      const { state, missing } = await this.applyRows(subject, rows);
      const now = await webhooks.listSubject(subject);
      const ids = (list: DeliveryRow[]) => list.map(r => `${r.provider}/${r.deliveryId}`).join(' ');
      const push = missing && (await webhooks.getPush(missing.source, missing.repository, missing.after));
      // a push that only created a branch is what the walk stopped at: it has not arrived
      const arrived = !!push && !isNoSha(push.before);
      if ((ids(now) === ids(rows) && !arrived) || round >= 4) return state;
      rows = now;
    }
  }

  private async applyRows(
    subject: string,
    rows: DeliveryRow[],
  ): Promise<{ state: DeliveryState; missing?: { source: string; repository: string; after: string } }> {
    const { webhooks, events } = this.deps.stores;
    const facts = rows
      .filter(r => r.state !== 'unprocessable')
      .map(r => this.parse(r))
      .filter(isFact)
      .filter(f => subjectOf(f) === subject);
    if (facts.length === 0) return { state: 'processed' };
    const latest = facts.reduce((a, b) => (b.occurredAt >= a.occurredAt ? b : a));
    const entities = await this.entitiesFor(latest);
    const now = this.clock();
    if (entities.length === 0) {
      await webhooks.updateSubject(subject, { state: 'unmatched', reason: unmatchedReason(latest.match) }, now);
      return { state: 'unmatched' };
    }
    let written = 0;
    let gap: string | undefined;
    let missing: string | undefined;
    let repository: string | undefined;
    if (latest.kind === 'deployment') {
      const recorded = await events.recordIds('deployment', latest.source, latest.id, entities);
      const deployedBy = await this.deployedBy(facts as DeploymentFact[]);
      const records = foldDeployment(facts as DeploymentFact[], entities, recorded, deployedBy);
      repository = latest.match.find(k => k.annotation === REPOSITORY_ANNOTATION[latest.source])?.value;
      for (const r of records) {
        const walked = await this.changesOf(r, repository);
        if (walked) {
          r.changes = walked.changes.map(c => ({
            id: c.id,
            committedAt: new Date(c.committedAt).toISOString(),
            ...(c.author && { author: c.author }),
          }));
          r.changesComplete = walked.complete;
          gap = gap ?? walked.gap;
          missing = missing ?? walked.missing;
        }
      }
      if (records.length) written = (await events.upsertDeployments(records)).received;
    } else {
      const recorded = await events.recordIds('incident', latest.source, latest.id, entities);
      const records = foldIncident(facts as IncidentFact[], entities, recorded);
      if (records.length) written = (await events.upsertIncidents(records)).received;
    }
    let reason: string | null = written ? null : 'no final state yet';
    if (gap) reason = `changes incomplete (changesComplete: false): ${gap}`;
    await webhooks.updateSubject(subject, { state: 'processed', reason, awaitingPush: missing ?? null }, now);
    if (written) this.deps.onEventsWritten?.();
    return { state: 'processed', ...(missing && repository && { missing: { source: latest.source, repository, after: missing } }) };
  }

  /**
   * The deployments whose change walk missed the push that just arrived:
   * processed again, so they get its commits (and walk on from its `before`).
   */
  private async applyAwaiting(provider: string, match: MatchKey, after: string) {
    const subjects = await this.deps.stores.webhooks.listAwaitingPush(provider, matchKeyString(match), after);
    for (const subject of subjects) await this.applySubject(subject);
  }

  /**
   * The changes of a successful GitHub or GitLab production deployment,
   * from the pushes between the previous successful production deployment's
   * sha and its own (docs/metrics.md); `undefined` for any other deployment.
   */
  private async changesOf(d: DeploymentInput, repository?: string): Promise<WalkedChanges | undefined> {
    const { productionEnvironments } = this.deps;
    if (!REPOSITORY_ANNOTATION[d.source] || d.status !== 'succeeded' || !d.commitSha) return undefined;
    if (!productionEnvironments.includes(d.environment)) return undefined;
    if (!repository) return undefined;
    const previous = await this.deps.stores.events.latestDeployment(
      d.entityRef,
      productionEnvironments,
      Date.parse(d.finishedAt),
    );
    const walked = await walkChanges(d.commitSha, previous?.commitSha ?? undefined, after =>
      this.deps.stores.webhooks.getPush(d.source, repository, after),
    );
    if (!previous?.commitSha && walked.complete === false) {
      return { ...walked, gap: `no previous successful production deployment with a sha (${walked.gap})` };
    }
    return walked;
  }

  /**
   * Who deployed (metrics.md §5): the email the delivery gives, else the
   * catalog User whose `github.com/user-login` annotation is the GitHub
   * sender's login; nobody when neither is known (as of this processing: a
   * User added later does not name deployments processed before).
   */
  private async deployedBy(facts: DeploymentFact[]): Promise<string | undefined> {
    const actor = actorOf(facts);
    if (actor?.email) return actor.email;
    if (actor?.githubLogin && this.deps.stores.people) return this.deps.stores.people.userByGithubLogin(actor.githubLogin);
    return undefined;
  }

  /** The entities a fact counts for (README, "Monorepos"). */
  private async entitiesFor(fact: Fact): Promise<string[]> {
    if (fact.kind === 'deployment' && fact.entity) return [fact.entity];
    const matched = await this.entitiesOf(fact.match);
    if (fact.kind === 'deployment' && matched.length > 1) {
      const mapped = this.deps.settings.environmentEntities[fact.environment];
      if (mapped && matched.includes(mapped)) return [mapped];
    }
    return matched;
  }

  private async entitiesOf(match: MatchKey[]): Promise<string[]> {
    const found = new Set<string>();
    for (const k of match) {
      for (const ref of await this.deps.stores.catalog.entitiesByAnnotation(k.annotation, k.value)) found.add(ref);
    }
    return [...found].sort();
  }

  /** Processes pending deliveries and failed ones with attempts left, oldest first; stops when `signal` aborts. */
  async retryDue(signal?: AbortSignal, minAgeMs = 5_000): Promise<number> {
    let done = 0;
    for (;;) {
      signal?.throwIfAborted();
      const due = await this.deps.stores.webhooks.listDue({
        before: this.clock() - minAgeMs,
        maxAttempts: MAX_ATTEMPTS,
        limit: BATCH,
      });
      const fresh = due.filter(r => r.attempts < MAX_ATTEMPTS);
      for (const row of fresh) {
        signal?.throwIfAborted();
        await this.process(row);
        done++;
      }
      if (due.length < BATCH || fresh.length === 0) return done;
    }
  }

  /** Deletes what the inbox keeps longer than `integrations.retentionDays` (unmatched deliveries too). */
  async prune(): Promise<number> {
    return this.deps.stores.webhooks.prune(this.clock() - this.deps.settings.retentionDays * 86_400_000);
  }

  /**
   * Processes again the unmatched deliveries whose annotation value an
   * entity now carries (after a catalog sync); returns how many were.
   */
  async rematch(signal?: AbortSignal): Promise<number> {
    const known = new Map<string, boolean>();
    let after: DeliveryRow | undefined;
    let done = 0;
    for (;;) {
      signal?.throwIfAborted();
      const page = await this.deps.stores.webhooks.listUnmatched(BATCH, after);
      for (const row of page) {
        const parsed = this.parse(row);
        const match = isFact(parsed) || parsed.kind === 'activity' ? parsed.match : [];
        const key = match.map(matchKeyString).join(' ');
        if (!known.has(key)) known.set(key, (await this.entitiesOf(match)).length > 0);
        if (known.get(key)) {
          signal?.throwIfAborted();
          const current = await this.deps.stores.webhooks.getDelivery(row.provider, row.deliveryId);
          if (current?.state === 'unmatched' && (await this.process(current)) === 'processed') done++;
        }
      }
      if (page.length < BATCH) return done;
      after = page[page.length - 1];
    }
  }
}

function unmatchedReason(match: MatchKey[]): string {
  return `no entity in the catalog has ${match.map(k => `${k.annotation}: ${k.value}`).join(' or ')}`;
}

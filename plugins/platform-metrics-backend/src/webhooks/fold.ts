import { DeploymentInput, IncidentInput } from '../schema/validation';
import { DeploymentFact, IncidentFact } from './types';

/**
 * Folds every delivery of one subject into its record, whatever order the
 * deliveries came in: processing is a function of the set of deliveries,
 * so a redelivery, a retry or a late `in_progress` never changes the result.
 */

const iso = (t: number) => new Date(t).toISOString();
const rank = (status: DeploymentFact['status']) => (status === 'failed' ? 1 : 0);

/**
 * Where one record is kept per entity: the tool's id, or `<id>/<entity ref>`
 * when it counts for several; an entity the subject was recorded for before
 * keeps that record's id (`recorded`), so that a change in the set of
 * entities never counts it twice.
 */
export function recordId(id: string, entityRef: string, entities: number, recorded?: Map<string, string>) {
  return recorded?.get(entityRef) ?? (entities === 1 ? id : `${id}/${entityRef}`);
}

/** The final state (success, failure) with the latest time; `undefined` while none arrived. */
export function finalFact(facts: DeploymentFact[]): DeploymentFact | undefined {
  return (
    facts
      .filter(f => f.status !== null)
      // at the same time, a failure wins
      .sort((a, b) => a.occurredAt - b.occurredAt || rank(a.status) - rank(b.status))
      .pop()
  );
}

/**
 * Who deployed, as the facts tell it (metrics.md §5): the actor of the
 * final state, else of the latest delivery that names one.
 */
export function actorOf(facts: DeploymentFact[]): DeploymentFact['actor'] {
  const final = finalFact(facts);
  if (final?.actor) return final.actor;
  return [...facts].sort((a, b) => a.occurredAt - b.occurredAt).filter(f => f.actor).pop()?.actor;
}

/**
 * The deployment the facts describe: the final state (success, failure)
 * with the latest time wins; `undefined` while no final state arrived.
 * `deployedBy` is the person the caller resolved {@link actorOf} to.
 */
export function foldDeployment(
  facts: DeploymentFact[],
  entityRefs: string[],
  recorded?: Map<string, string>,
  deployedBy?: string,
): DeploymentInput[] {
  const final = finalFact(facts);
  if (!final || !final.status) return [];
  const commitSha = final.commitSha ?? facts.find(f => f.commitSha)?.commitSha;
  return entityRefs.map(entityRef => ({
    id: recordId(final.id, entityRef, entityRefs.length, recorded),
    source: final.source,
    entityRef,
    environment: final.environment,
    status: final.status!,
    finishedAt: iso(final.occurredAt),
    ...(commitSha && { commitSha }),
    ...(deployedBy && { deployedBy }),
    changes: [],
    type: 'standard' as const,
  }));
}

/**
 * The incident the facts describe: opened at the earliest time known (its
 * creation, a trigger, or a resolution that came first), resolved when the
 * latest transition is a resolution.
 */
export function foldIncident(
  facts: IncidentFact[],
  entityRefs: string[],
  recorded?: Map<string, string>,
): IncidentInput[] {
  if (facts.length === 0) return [];
  const sorted = [...facts].sort(
    // at the same time, the resolution comes last
    (a, b) => a.occurredAt - b.occurredAt || Number(a.transition === 'resolve') - Number(b.transition === 'resolve'),
  );
  const last = sorted[sorted.length - 1];
  const openedAt = Math.min(...facts.map(f => Math.min(f.occurredAt, f.createdAt ?? Infinity)));
  const resolvedAt = last.transition === 'resolve' ? Math.max(last.occurredAt, openedAt) : null;
  const severity = sorted.map(f => f.severity).filter(Boolean).pop();
  return entityRefs.map(entityRef => ({
    id: recordId(last.id, entityRef, entityRefs.length, recorded),
    source: last.source,
    entityRef,
    openedAt: iso(openedAt),
    resolvedAt: resolvedAt === null ? null : iso(resolvedAt),
    ...(severity && { severity }),
  }));
}

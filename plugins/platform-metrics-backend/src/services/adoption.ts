import { Entity } from '@backstage/catalog-model';
import { AdoptionStatus } from '@platform-metrics/plugin-platform-metrics-common';
import { AdoptionCounts } from '../database/MetricsStore';
import { AdoptionRule } from '../options';

export const EXCEPTION_ANNOTATION = 'platform-metrics.io/golden-path-exception';
export const CREATED_AT_ANNOTATION = 'platform-metrics.io/created-at';

/**
 * Golden-path status of a catalog entity (metrics.md §6): only Components of
 * an eligible type are eligible; any matching rule adopts; otherwise a
 * documented exception is an off-ramp with its reason.
 */
export function classifyAdoption(
  entity: Entity,
  options: { eligibleTypes: string[]; rules: AdoptionRule[] },
): { status: AdoptionStatus; reason: string | null } {
  const type = String(entity.spec?.type ?? '').toLocaleLowerCase('en-US');
  if (
    entity.kind.toLocaleLowerCase('en-US') !== 'component' ||
    !options.eligibleTypes.includes(type)
  ) {
    return { status: 'not-eligible', reason: null };
  }
  const annotations = entity.metadata.annotations ?? {};
  const adopted = options.rules.some(rule => {
    const value = annotations[rule.annotation];
    return value !== undefined && (rule.value === undefined || value === rule.value);
  });
  if (adopted) return { status: 'adopted', reason: null };
  const exception = annotations[EXCEPTION_ANNOTATION];
  if (exception !== undefined) {
    return { status: 'exception', reason: exception.trim() || 'No reason given' };
  }
  return { status: 'not-adopted', reason: null };
}

/** Adoption counts of a set of statuses. */
export function countAdoption(statuses: AdoptionStatus[]): AdoptionCounts {
  const counts = { adopted: 0, eligible: 0, exceptions: 0 };
  for (const s of statuses) {
    if (s === 'not-eligible') continue;
    counts.eligible++;
    if (s === 'adopted') counts.adopted++;
    if (s === 'exception') counts.exceptions++;
  }
  return counts;
}

/** adopted / (eligible - exceptions); null when nothing is in the denominator. */
export function adoptionRate(c: AdoptionCounts): number | null {
  const denominator = c.eligible - c.exceptions;
  return denominator > 0 ? c.adopted / denominator : null;
}

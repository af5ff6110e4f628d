import { Entity } from '@backstage/catalog-model';
import { AdoptionStatus } from '@platform-metrics/plugin-platform-metrics-common';
import { AdoptionCounts } from '../database/CatalogStore';
import { AdoptionRule } from '../config';
import { lower } from '../lib/refs';

export const EXCEPTION_ANNOTATION = 'platform-metrics.io/golden-path-exception';
export const CREATED_AT_ANNOTATION = 'platform-metrics.io/created-at';

/** A rule as people read it: `annotation backstage.io/source-template is set`. */
export function describeRule(rule: AdoptionRule): string {
  return rule.value === undefined
    ? `annotation ${rule.annotation} is set`
    : `annotation ${rule.annotation} is "${rule.value}"`;
}

/**
 * Golden-path status of a catalog entity (metrics.md §6): only Components of
 * an eligible type are eligible; any matching rule adopts (the first that
 * matches is named); otherwise a documented exception is an off-ramp with its
 * reason.
 */
export function classifyAdoption(
  entity: Entity,
  options: { eligibleTypes: string[]; rules: AdoptionRule[] },
): { status: AdoptionStatus; reason: string | null; rule: string | null } {
  const type = lower(String(entity.spec?.type ?? ''));
  if (lower(entity.kind) !== 'component' || !options.eligibleTypes.includes(type)) {
    return { status: 'not-eligible', reason: null, rule: null };
  }
  const annotations = entity.metadata.annotations ?? {};
  const matched = options.rules.find(rule => {
    const value = annotations[rule.annotation];
    return value !== undefined && (rule.value === undefined || value === rule.value);
  });
  if (matched) return { status: 'adopted', reason: null, rule: describeRule(matched) };
  const exception = annotations[EXCEPTION_ANNOTATION];
  if (exception !== undefined) {
    return { status: 'exception', reason: exception.trim() || 'No reason given', rule: null };
  }
  return { status: 'not-adopted', reason: null, rule: null };
}

/** Adoption counts of a set of statuses. */
export function countAdoption(statuses: Iterable<AdoptionStatus>): AdoptionCounts {
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

import { Entity } from '@backstage/catalog-model';
import { AdoptionStatus } from '@platform-metrics/plugin-platform-metrics-common';
import { AdoptionCounts } from '../database/CatalogStore';
import { AdoptionRule } from '../config';
import { lower, normalizeEntityRef } from '../lib/refs';

export const EXCEPTION_ANNOTATION = 'platform-metrics.io/golden-path-exception';
export const CREATED_AT_ANNOTATION = 'platform-metrics.io/created-at';
/** Set by the Backstage scaffolder on what a software template made: `template:default/node-service`. */
export const SOURCE_TEMPLATE_ANNOTATION = 'backstage.io/source-template';

/**
 * The software template an entity was made from: its source-template
 * annotation as a normalised entity ref (kind defaults to `template`), or
 * null without one or when the value is not an entity ref.
 */
export function sourceTemplateOf(entity: Entity): string | null {
  const value = entity.metadata.annotations?.[SOURCE_TEMPLATE_ANNOTATION]?.trim();
  if (!value) return null;
  try {
    const ref = normalizeEntityRef(value, { defaultKind: 'template' });
    return ref.length <= 255 ? ref : null;
  } catch {
    return null;
  }
}

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

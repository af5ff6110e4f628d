import { Entity, RELATION_DEPENDS_ON, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { DependencyEdge, ResourceRow } from '../database/DependencyStore';
import { isKind, lower, normalizeEntityRef } from '../lib/refs';

/** The kinds whose `dependsOn` relations the catalog sync records (metrics.md §14). */
const DEPENDENCY_KINDS = ['component', 'resource'];

/** A relation's target, normalised; null for one that is not an entity ref. */
function targetOf(targetRef: string): string | null {
  try {
    return normalizeEntityRef(targetRef);
  } catch {
    return null;
  }
}

/**
 * The `dependsOn` relations of a component or resource (`entityRef`,
 * normalised) to components and resources, each once; a relation to itself
 * or to another kind (an API, a System) is left out.
 */
export function dependsOnOf(entityRef: string, entity: Entity): DependencyEdge[] {
  const targets = new Set<string>();
  for (const r of entity.relations ?? []) {
    if (r.type !== RELATION_DEPENDS_ON) continue;
    const target = targetOf(r.targetRef);
    if (target && target !== entityRef && DEPENDENCY_KINDS.some(k => isKind(target, k))) targets.add(target);
  }
  return [...targets].sort().map(dependsOnRef => ({ entityRef, dependsOnRef }));
}

/** A catalog Resource with its owner (a group, else a user) and type. */
export function resourceOf(entityRef: string, entity: Entity): ResourceRow {
  const owners = (entity.relations ?? []).filter(r => r.type === RELATION_OWNED_BY).map(r => targetOf(r.targetRef));
  const ownerRef = owners.find(o => o && isKind(o, 'group')) ?? owners.find(o => o && isKind(o, 'user')) ?? null;
  return { entityRef, type: entity.spec?.type ? lower(String(entity.spec.type)) : null, ownerRef };
}

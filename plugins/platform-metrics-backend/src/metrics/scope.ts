import { CatalogStore, EntityRow } from '../database/CatalogStore';
import { isKind } from '../lib/refs';

/** The kinds of scope a summary covers (docs/metrics.md, "Scopes"). */
export type ScopeType = 'org' | 'group' | 'system' | 'domain';

/** What a summary covers: the org, or a group's, a system's or a domain's components. */
export interface SummaryScope {
  type: ScopeType;
  /** `org`, or the normalised entity ref. */
  ref: string;
  /** For a domain: the systems that are part of it, as the catalog sync recorded them. */
  systems?: ReadonlySet<string>;
}

export const ORG_SCOPE: SummaryScope = { type: 'org', ref: 'org' };

/** Whether a component is in the scope: owned by the group, part of the system, or of a system of the domain. */
export function inScope(scope: SummaryScope, entity: EntityRow): boolean {
  switch (scope.type) {
    case 'org':
      return true;
    case 'group':
      return entity.ownerRef === scope.ref;
    case 'system':
      return entity.systemRef === scope.ref;
    case 'domain':
      return entity.systemRef !== null && (scope.systems?.has(entity.systemRef) ?? false);
    default:
      return false;
  }
}

/** The ref the survey publications know a scope by (undefined: the org). */
export function npsScopeOf(scope: SummaryScope): string | undefined {
  return scope.type === 'org' ? undefined : scope.ref;
}

/**
 * The scope of a normalised ref: `org`, a group, a system or a domain (with
 * its systems, as the catalog sync recorded them); undefined for any other
 * ref (an entity is its own scope).
 */
export async function scopeOfRef(
  ref: string,
  catalog: Pick<CatalogStore, 'systemsOfDomain'>,
): Promise<SummaryScope | undefined> {
  if (ref === ORG_SCOPE.ref) return ORG_SCOPE;
  if (isKind(ref, 'group')) return { type: 'group', ref };
  if (isKind(ref, 'system')) return { type: 'system', ref };
  if (isKind(ref, 'domain')) return { type: 'domain', ref, systems: new Set(await catalog.systemsOfDomain(ref)) };
  return undefined;
}

/** The components in a scope, as the catalog sync recorded them, by ref. */
export async function scopeEntities(
  scope: SummaryScope,
  catalog: Pick<CatalogStore, 'listEntities'>,
): Promise<EntityRow[]> {
  const listed = await catalog.listEntities({
    kind: 'component',
    ownerRef: scope.type === 'group' ? scope.ref : undefined,
  });
  return listed.filter(e => inScope(scope, e));
}

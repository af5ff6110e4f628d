import { EntityRow } from '../database/CatalogStore';

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

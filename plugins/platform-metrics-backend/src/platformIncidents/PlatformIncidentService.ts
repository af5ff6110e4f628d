import type { PlatformIncident, PlatformIncidentImpact } from '@platform-metrics/plugin-platform-metrics-common';
import { CatalogStore } from '../database/CatalogStore';
import { EventStore } from '../database/EventStore';
import { Window, windowJson } from '../lib/time';
import {
  COSTLIEST,
  ImpactCatalog,
  affectedOwners,
  affectedUsers,
  dependentsIndex,
  platformIncidentImpact,
  resolvedIn,
} from '../metrics/incidentImpact';

/** Keeps the incidents the caller may see (the route passes the catalog's visibility). */
export type VisibleIncidents = (rows: PlatformIncident[]) => Promise<PlatformIncident[]>;

/**
 * The platform incident impact (metrics.md §14): incidents on the components
 * and resources the platform owners own, resolved in the window, times the
 * developers they affected: the incident's own count, else the members of
 * the groups owning the components that depend on the entity (to the
 * configured depth), as the catalog is now. Read per request; nothing is
 * precomputed.
 */
export class PlatformIncidentService {
  constructor(
    private readonly stores: { events: EventStore; catalog: CatalogStore },
    private readonly settings: { platformOwners: string[]; incidentImpact: { dependencyDepth: number } },
  ) {}

  async report(window: Window, visible: VisibleIncidents): Promise<PlatformIncidentImpact> {
    const { events, catalog } = this.stores;
    const platformOwners = this.settings.platformOwners;
    const depth = this.settings.incidentImpact.dependencyDepth;
    const [components, graph] = await Promise.all([catalog.listEntities({ kind: 'component' }), catalog.getDependencies()]);
    const owners = new Set(platformOwners);
    const ownerOf = new Map<string, string | null>(components.map(c => [c.entityRef, c.ownerRef]));
    const platformEntities = [...components, ...graph.resources]
      .filter(e => e.ownerRef !== null && owners.has(e.ownerRef))
      .map(e => e.entityRef);
    const incidents =
      platformEntities.length > 0 ? await events.listIncidents({ from: window.from, to: window.to, entityRefs: platformEntities }) : [];

    // the catalog's count, for the entities of resolved incidents that name none
    const impactCatalog: ImpactCatalog = { dependents: dependentsIndex(graph.edges), ownerOf, depth };
    const counted = new Set(
      incidents.filter(i => resolvedIn(i, window) && (i.affectedDevelopers ?? null) === null).map(i => i.entityRef),
    );
    const ownersOf = new Map([...counted].map(ref => [ref, affectedOwners(ref, impactCatalog)]));
    const groups = new Set([...platformOwners, ...[...ownersOf.values()].flatMap(o => [...o])]);
    const membersOf = groups.size > 0 ? await catalog.membersOfGroups([...groups]) : new Map<string, string[]>();
    const platformMembers = new Set(platformOwners.flatMap(g => membersOf.get(g) ?? []));
    const affected = new Map(
      [...ownersOf].map(([ref, o]) => [ref, affectedUsers(o, membersOf, platformMembers).size]),
    );

    const { rated, ...figures } = platformIncidentImpact(incidents, window, ref => affected.get(ref) ?? 0);
    return {
      window: windowJson(window),
      platformOwners,
      dependencyDepth: depth,
      ...figures,
      // the totals count every platform incident; the list only those on entities the caller sees
      costliest: (await visible(rated)).slice(0, COSTLIEST),
    };
  }
}

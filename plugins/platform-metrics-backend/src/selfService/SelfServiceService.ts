import { IngestResult, OrgSelfService } from '@platform-metrics/plugin-platform-metrics-common';
import { byOwner } from '../catalog/owners';
import { CatalogStore } from '../database/CatalogStore';
import { RequestStore } from '../database/RequestStore';
import { groupBy } from '../lib/collections';
import { Window, windowJson } from '../lib/time';
import { selfServiceByKind, selfServiceFigures, selfServiceTrend } from '../metrics/selfService';
import { RequestInput } from '../schema/requestValidation';

/**
 * The self-service ratio (metrics.md §13): ingestion of platform requests,
 * and the share of them fulfilled by self-service, org-wide or of one
 * group's components, per kind, per owning team and per week. Requests are
 * read per request by index (closing time); nothing is precomputed.
 */
export class SelfServiceService {
  constructor(
    private readonly stores: {
      requests: RequestStore;
      catalog: CatalogStore;
    },
  ) {}

  ingest(requests: RequestInput[]): Promise<IngestResult> {
    return this.stores.requests.upsertRequests(requests);
  }

  /**
   * Org-wide (every request, with or without an entity), or one group's (the
   * requests for the components it owns), with a row per owning team of the
   * scope's components: a request counts for the team that owns its entity
   * in the catalog now.
   */
  async org(window: Window, group?: string): Promise<OrgSelfService> {
    const entities = await this.stores.catalog.listEntities({
      kind: 'component',
      ownerRef: group,
    });
    const requests = await this.stores.requests.listRequests({
      from: window.from,
      to: window.to,
      entityRefs: group ? entities.map(e => e.entityRef) : undefined,
    });
    const requestsOf = groupBy(requests, r => r.entityRef);
    const teams = byOwner(entities).map(([groupRef, owned]) => ({
      groupRef,
      ...selfServiceFigures(
        owned.flatMap(e => requestsOf.get(e.entityRef) ?? []),
        window,
      ),
    }));
    return {
      window: windowJson(window),
      group: group ?? null,
      ...selfServiceFigures(requests, window),
      kinds: selfServiceByKind(requests, window),
      teams,
      trend: selfServiceTrend(requests, window),
    };
  }
}

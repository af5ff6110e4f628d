import { InputError } from '@backstage/errors';
import {
  EntityCosts,
  IngestResult,
  OrgCosts,
} from '@platform-metrics/plugin-platform-metrics-common';
import { CatalogStore } from '../database/CatalogStore';
import { CostStore, MonthlyCost } from '../database/CostStore';
import { RollupStore } from '../database/RollupStore';
import { byOwner } from '../catalog/owners';
import { groupBy } from '../lib/collections';
import { monthsEndingAt, monthsWindow } from '../lib/time';
import { acrossServices, costTotals, monthlySeries } from '../metrics/costs';
import { CostInput } from '../schema/costValidation';

/** The calendar months of a cost read. */
export interface CostWindow {
  months: string[];
}

export const costWindow = (
  months: number,
  to: string | undefined,
  now: number,
): CostWindow => ({
  months: monthsEndingAt(to ? Date.parse(to) : now, months),
});

/**
 * Cost per service (metrics.md §15): ingestion in the installation's one
 * currency, and costs per entity, team and org by calendar month, with the
 * cost per successful production deployment from the day rollups.
 */
export class CostService {
  constructor(
    private readonly stores: {
      costs: CostStore;
      catalog: CatalogStore;
      rollups: RollupStore;
    },
    private readonly currency: string,
  ) {}

  ingest(costs: CostInput[]): Promise<IngestResult> {
    const wrong = costs.findIndex(c => c.currency !== this.currency);
    if (wrong >= 0) {
      throw new InputError(
        `Invalid request: costs[${wrong}].currency: expected ${this.currency}, the currency of this installation (platformMetrics.costs.currency), got ${costs[wrong].currency}`,
      );
    }
    return this.stores.costs.upsertCosts(costs);
  }

  async entity(entityRef: string, window: CostWindow): Promise<EntityCosts> {
    const { months } = window;
    const [costs, deployments] = await Promise.all([
      this.read(months, [entityRef]),
      this.deployments(months, [entityRef]),
    ]);
    return {
      entityRef,
      currency: this.currency,
      fromMonth: months[0],
      toMonth: months[months.length - 1],
      ...costTotals(costs, months.length, deployments.get(entityRef) ?? 0),
      monthly: monthlySeries(costs, months),
    };
  }

  /** Org-wide (every record), or one group's (the components it owns), with a row per owning team. */
  async org(window: CostWindow, group?: string): Promise<OrgCosts> {
    const { months } = window;
    const entities = await this.stores.catalog.listEntities({
      kind: 'component',
      ownerRef: group,
    });
    const scope = group ? entities.map(e => e.entityRef) : undefined;
    const [costs, deployments] = await Promise.all([
      this.read(months, scope),
      this.deployments(months, scope),
    ]);
    const costsOf = groupBy(costs, c => c.entityRef);
    const sum = (refs: string[]) =>
      refs.reduce((s, r) => s + (deployments.get(r) ?? 0), 0);
    const teams = byOwner(entities).map(([groupRef, owned]) => {
      const refs = owned.map(e => e.entityRef);
      const teamCosts = refs.flatMap(r => costsOf.get(r) ?? []);
      return {
        groupRef,
        services: new Set(teamCosts.map(c => c.entityRef)).size,
        ...costTotals(teamCosts, months.length, sum(refs)),
      };
    });
    return {
      currency: this.currency,
      group: group ?? null,
      fromMonth: months[0],
      toMonth: months[months.length - 1],
      ...costTotals(
        costs,
        months.length,
        [...deployments.values()].reduce((s, n) => s + n, 0),
      ),
      ...acrossServices(costs, months),
      teams,
    };
  }

  /**
   * Only the figures across services (the median and p90 per service, and
   * per month the services' median), org-wide or of one group's components:
   * what a cost target reads, without the deployments and team rows.
   */
  async perService(window: CostWindow, group?: string): Promise<Pick<OrgCosts, 'perService' | 'monthly'>> {
    const scope = group
      ? (await this.stores.catalog.listEntities({ kind: 'component', ownerRef: group })).map(e => e.entityRef)
      : undefined;
    const { perService, monthly } = acrossServices(await this.read(window.months, scope), window.months);
    return { perService, monthly };
  }

  private read(
    months: string[],
    entityRefs?: string[],
  ): Promise<MonthlyCost[]> {
    return this.stores.costs.listMonthlyCosts({
      fromMonth: months[0],
      toMonth: months[months.length - 1],
      entityRefs,
    });
  }

  /** Successful production deployments per entity in the months, from the day rollups. */
  private async deployments(
    months: string[],
    entityRefs?: string[],
  ): Promise<Map<string, number>> {
    const range = monthsWindow(months[0], months[months.length - 1]);
    const days = await this.stores.rollups.listEntityDays({
      entityRefs,
      ...range,
    });
    return new Map(
      [...days].map(([ref, list]) => [
        ref,
        list.reduce((s, d) => s + d.deployments, 0),
      ]),
    );
  }
}

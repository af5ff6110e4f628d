import { CatalogStore } from '../database/CatalogStore';
import { EventStore } from '../database/EventStore';
import { RollupStore } from '../database/RollupStore';
import { Window } from '../lib/time';
import { EntityFacts } from './dora';

/**
 * Reads what the metrics are computed from: the day rollups of a window,
 * first deployments and the installation time. Reads never recompute a
 * rollup (they take no locks and write nothing): the rollup job does, right
 * after ingestion (docs/metrics.md, "Rollups", for how soon).
 */
export class MetricsReader {
  private installed: number | undefined;

  constructor(private readonly stores: { rollups: RollupStore; catalog: CatalogStore; events: EventStore }) {}

  /** The facts of the window from the rollups, per entity. */
  async facts(window: Window, entityRefs?: string[]): Promise<Map<string, EntityFacts>> {
    const scope = { entityRefs, from: window.from, to: window.to };
    const [days, open] = await Promise.all([
      this.stores.rollups.listEntityDays(scope),
      this.stores.events.countOpenIncidents(scope),
    ]);
    const refs = entityRefs ?? [...new Set([...days.keys(), ...open.keys()])];
    return new Map(refs.map(ref => [ref, { entityRef: ref, days: days.get(ref) ?? [], open: open.get(ref) ?? 0 }]));
  }

  firstDeployments(window: Window, entityRefs?: string[]) {
    return this.stores.rollups.firstDeployments({ entityRefs, to: window.to });
  }

  /** A value that changes whenever a rollup is written (see the rollup store). */
  rollupVersion(): Promise<string> {
    return this.stores.rollups.rollupVersion();
  }

  /** When the suite first synced the catalog; set once, so kept once read. */
  async installedAt(): Promise<number | undefined> {
    if (this.installed === undefined) this.installed = await this.stores.catalog.getInstalledAt();
    return this.installed;
  }
}

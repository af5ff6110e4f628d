import { CatalogStore } from '../database/CatalogStore';
import { EventStore } from '../database/EventStore';
import { RollupStore } from '../database/RollupStore';
import { Window } from '../lib/time';
import { RollupService } from '../rollups/RollupService';
import { EntityFacts } from './dora';

/**
 * Reads what the metrics are computed from: the day rollups of a window
 * (after recomputing any dirty entity in scope, so a read never misses an
 * event ingested before it), first deployments and the installation time.
 */
export class MetricsReader {
  private installed: number | undefined;

  constructor(
    private readonly stores: { rollups: RollupStore; catalog: CatalogStore; events: EventStore },
    private readonly rollups: RollupService,
  ) {}

  /** Recomputes the dirty entities in scope (all of them without `entityRefs`). */
  refresh(entityRefs?: string[]) {
    return this.rollups.refreshDirty(entityRefs);
  }

  /** The facts of the window from the rollups, per entity (call `refresh` first). */
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

  /** When the suite first synced the catalog; set once, so kept once read. */
  async installedAt(): Promise<number | undefined> {
    if (this.installed === undefined) this.installed = await this.stores.catalog.getInstalledAt();
    return this.installed;
  }
}

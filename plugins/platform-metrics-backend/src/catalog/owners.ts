import { EntityRow } from '../database/CatalogStore';
import { groupBy } from '../lib/collections';

/** The entities per owning team (entities without an owner left out), in the order of the owners' refs: the team rows of a KPI read. */
export function byOwner(entities: EntityRow[]): Array<[string, EntityRow[]]> {
  return [...groupBy(entities, e => e.ownerRef).entries()].sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
}

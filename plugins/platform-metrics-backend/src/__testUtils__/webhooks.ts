import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlatformMetricsStores } from '../database/stores';
import { MATCH_ANNOTATIONS } from '../webhooks/types';

/** A fixture of src/webhooks/__fixtures__ (a fresh copy to modify). */
export function fixture(name: string): any {
  return JSON.parse(readFileSync(resolve(__dirname, '../webhooks/__fixtures__', name), 'utf8'));
}

/**
 * Puts components with annotations in the catalog store, as the catalog
 * sync records them (replacing every recorded annotation).
 */
export async function catalogWith(
  stores: PlatformMetricsStores,
  entities: Array<{ ref: string; annotations: Record<string, string> }>,
  seenAt = 1,
) {
  await stores.catalog.upsertEntities(
    entities.map(e => ({
      entityRef: e.ref,
      kind: 'component',
      type: 'service',
      ownerRef: 'group:default/team-a',
      systemRef: null,
      lifecycle: 'production',
      adoptionStatus: 'adopted',
      adoptionReason: null,
      annotatedCreatedAt: null,
    })),
    seenAt,
  );
  await stores.catalog.replaceAnnotations(
    entities.flatMap(e =>
      Object.entries(e.annotations)
        .filter(([a]) => MATCH_ANNOTATIONS.includes(a))
        .map(([annotation, value]) => ({ entityRef: e.ref, annotation, value: value.toLowerCase() })),
    ),
  );
}

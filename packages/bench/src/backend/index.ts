/**
 * Entry of the benchmark's backend child process: `createBackend()` with the
 * platform-metrics plugin and an in-memory catalog holding the benchmark's
 * entities (read from the JSON file named by `PM_BENCH_ENTITIES`). Config
 * comes from the `--config` file the benchmark writes.
 *
 * The catalog is wrapped only to print a marker line when a catalog sync
 * starts reading it (a query without a cursor), so that the benchmark can
 * time the sync job from the marker to the plugin's "Catalog sync recorded"
 * log line.
 */
import fs from 'node:fs';
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

export const SYNC_START_MARKER = 'PM_BENCH catalog-sync-start';

const file = process.env.PM_BENCH_ENTITIES;
if (!file) throw new Error('PM_BENCH_ENTITIES must name the entities file');
const entities: Entity[] = JSON.parse(fs.readFileSync(file, 'utf8'));

const backend = createBackend();

backend.add(
  createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory() {
      const catalog = catalogServiceMock({ entities });
      const queryEntities = catalog.queryEntities.bind(catalog);
      catalog.queryEntities = async (request, options) => {
        if (!request || !('cursor' in request)) {
          process.stdout.write(`${SYNC_START_MARKER} ${Date.now()}\n`);
        }
        return queryEntities(request, options);
      };
      return catalog;
    },
  }),
);
backend.add(import('@platform-metrics/plugin-platform-metrics-backend'));
backend.start();

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseMetricsStore } from '../database/DatabaseMetricsStore';
import { readOptions } from '../options';
import { createRouter } from '../service/router';
import { MetricsService } from '../services/MetricsService';
import { Rollups } from '../services/Rollups';
import { SurveyService } from '../services/SurveyService';

describe('openapi.yaml', () => {
  const databases = createTestDatabases();

  it('documents exactly the routes the router serves', async () => {
    const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([path, ops]) => Object.keys(ops).map(m => `${m.toUpperCase()} ${path}`))
      .sort();

    const store = await DatabaseMetricsStore.forKnex(await databases.init('SQLITE_3'));
    const options = readOptions(new ConfigReader({}));
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      store,
      metrics: new MetricsService(store, options, new Rollups(store, options)),
      surveys: new SurveyService(store, options.survey),
    });
    const served = (router.stack as any[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          m => `${m.toUpperCase()} ${String(layer.route.path).replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort();
    expect(served).toEqual(documented);
  });
});

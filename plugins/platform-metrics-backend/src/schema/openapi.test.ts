import { mockServices } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices } from '../__testUtils__/services';
import { createAuth } from '../service/auth';
import { createRouter } from '../service/router';

describe('openapi.yaml', () => {
  const databases = createTestDatabases();

  it('documents exactly the routes the router serves', async () => {
    const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([path, ops]) => Object.keys(ops).map(m => `${m.toUpperCase()} ${path}`))
      .sort();

    const services = await createServices(await databases.init('SQLITE_3'));
    const router = await createRouter({
      auth: createAuth({ httpAuth: mockServices.httpAuth(), permissions: mockServices.permissions() }),
      ...services,
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

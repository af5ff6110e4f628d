import { TestDatabaseId, mockCredentials, mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from './databases';
import { catalogComponent } from './records';
import { createServices, createTestRouter } from './services';
import { request } from './validatedRequest';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const TO = Date.parse('2026-06-01T00:00:00Z');
const JANUARY = Date.parse('2026-01-01T00:00:00Z');

/** `count` successful production deployments of `entity`, one a day from `from`, each shipping one change `leadHours` old. */
function deployments(entity: string, from: number, count: number, leadHours: number) {
  return Array.from({ length: count }, (_, i) => {
    const finishedAt = from + i * DAY + 12 * HOUR;
    return {
      id: `${entity}-${from}-${i}`,
      entityRef: entity,
      environment: 'production',
      status: 'succeeded',
      finishedAt: new Date(finishedAt).toISOString(),
      changes: [{ id: `${entity}-${from}-c${i}`, committedAt: new Date(finishedAt - leadHours * HOUR).toISOString() }],
    };
  });
}

/**
 * payments (adopted, team-a, system shop) and cart (not adopted, team-b,
 * shop) in the domain commerce; search (adopted, team-b, system
 * discovery, no domain), created 20 days before the window's end.
 */
export async function scopedWorld(databases: ReturnType<typeof createTestDatabases>, databaseId: TestDatabaseId) {
  const baseline = { from: '2026-01-01', to: '2026-01-31', label: 'Before the platform' };
  const services = await createServices(await databases.init(databaseId), { baseline }, () => TO);
  const { catalog } = services.stores;
  await catalog.setInstalledAtOnce(JANUARY - 30 * DAY);
  await catalog.upsertEntities(
    [
      { ...catalogComponent('payments', 'group:default/team-a'), systemRef: 'system:default/shop' },
      { ...catalogComponent('cart', 'group:default/team-b'), systemRef: 'system:default/shop', adoptionStatus: 'not-adopted' },
      {
        ...catalogComponent('search', 'group:default/team-b'),
        systemRef: 'system:default/discovery',
        annotatedCreatedAt: TO - 20 * DAY,
      },
    ],
    JANUARY - 30 * DAY,
  );
  await catalog.replaceSystems([
    { systemRef: 'system:default/shop', domainRef: 'domain:default/commerce' },
    { systemRef: 'system:default/discovery', domainRef: null },
  ]);
  const a = express().use(await createTestRouter(services)).use(mockErrorHandler());
  const ingest = (list: object[]) =>
    request(a).post('/deployments').set('Authorization', mockCredentials.service.header()).send({ deployments: list }).expect(200);
  // January (the baseline): payments 10 at 48 h, cart 10 at 24 h; the window (May): payments 30 at 4 h, cart 10 at 24 h, search 5 at 2 h
  await ingest(deployments('payments', JANUARY, 10, 48));
  await ingest(deployments('cart', JANUARY, 10, 24));
  await ingest(deployments('payments', TO - 30 * DAY, 30, 4));
  await ingest(deployments('cart', TO - 30 * DAY, 10, 24));
  await ingest(deployments('search', TO - 15 * DAY, 5, 2));
  await services.runRollupJob();
  return { a, services };
}


import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { anotherPool, createTestDatabases, postgresIds } from '../__testUtils__/databases';
import { testScheduler } from '../__testUtils__/replicas';
import { platformMetricsPlugin } from '../plugin';
import { surveyIdAt } from '../surveys/surveyIds';
import { SURVEY_NOTIFICATIONS_TASK } from '../tasks/scheduleSurveyNotifications';

jest.setTimeout(120_000);

const NAMES = ['alice', 'bob', 'carol', 'dave'];
const ORIGIN = 'plugin:platform-metrics';
const TOPIC = 'platform-metrics-survey';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  ...NAMES.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: ['team-a'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/team-a' }],
  })),
];

/** Each plugin its own database, as Backstage gives them: the two migrate separately. */
const databasesOf = (byPlugin: { [pluginId: string]: Knex }) =>
  createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => ({ getClient: async () => byPlugin[plugin.getId()] }),
  });

/**
 * One backend replica as the demo runs it: the plugin beside the real
 * notifications backend, with a scheduler the test drives.
 */
async function startReplica(knex?: { 'platform-metrics': Knex; notifications: Knex }) {
  const scheduler = testScheduler();
  const backend = await startTestBackend({
    features: [
      platformMetricsPlugin,
      notificationsPlugin,
      scheduler.factory(),
      ...(knex ? [databasesOf(knex)] : []),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' }, platformMetrics: { survey: { link: '/home' } } },
      }),
    ],
  });
  await scheduler.triggerTask('platform-metrics:catalog-sync');
  return { server: backend.server, scheduler };
}

const as = (name: string) => mockCredentials.user.header(`user:default/${name}`);

async function notificationsOf(server: any, name: string) {
  const res = await request(server).get('/api/notifications').set('Authorization', as(name));
  expect(res.status).toBe(200);
  return res.body.notifications as Array<{ origin: string; user: string; payload: Record<string, unknown> }>;
}

async function optOut(server: any, name: string, origin: object) {
  const res = await request(server)
    .post('/api/notifications/settings')
    .set('Authorization', as(name))
    .send({ channels: [{ id: 'Web', origins: [origin] }] });
  expect(res.status).toBe(200);
}

describe('survey invitations through the real notifications backend', () => {
  it('reach each eligible user once, in their notifications, except those who turned the plugin or the topic off', async () => {
    const { server, scheduler } = await startReplica();
    // one replica at a time runs it
    expect(await scheduler.getScheduledTasks()).toContainEqual(expect.objectContaining({ id: SURVEY_NOTIFICATIONS_TASK, scope: 'global' }));
    await optOut(server, 'bob', { id: ORIGIN, enabled: false });
    await optOut(server, 'carol', { id: ORIGIN, enabled: true, topics: [{ id: TOPIC, enabled: false }] });

    await scheduler.triggerTask(SURVEY_NOTIFICATIONS_TASK);
    await scheduler.triggerTask(SURVEY_NOTIFICATIONS_TASK);

    const surveyId = surveyIdAt(Date.now(), 'quarterly');
    for (const name of ['alice', 'dave']) {
      const list = await notificationsOf(server, name);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        origin: ORIGIN,
        user: `user:default/${name}`,
        payload: {
          title: `Developer survey ${surveyId} is open`,
          link: '/home',
          topic: TOPIC,
          scope: `${TOPIC}:${surveyId}:invitation`,
        },
      });
    }
    expect(await notificationsOf(server, 'bob')).toEqual([]);
    expect(await notificationsOf(server, 'carol')).toEqual([]);

    // the settings list the plugin and its topic, so that alice can turn them off
    const settings = await request(server).get('/api/notifications/settings').set('Authorization', as('alice'));
    expect(settings.body.channels[0].origins).toEqual([
      expect.objectContaining({ id: ORIGIN, enabled: true, topics: [expect.objectContaining({ id: TOPIC, enabled: true })] }),
    ]);
  });

  const databases = createTestDatabases();
  it.each(postgresIds(databases))('reach each user once when two replicas run the task at the same time, on %p', async id => {
    const knexA = await databases.init(id);
    const knexB = anotherPool(knexA);
    const notificationsA = await databases.init(id);
    const notificationsB = anotherPool(notificationsA);
    try {
      const a = await startReplica({ 'platform-metrics': knexA, notifications: notificationsA });
      const b = await startReplica({ 'platform-metrics': knexB, notifications: notificationsB });
      await Promise.all([a.scheduler.triggerTask(SURVEY_NOTIFICATIONS_TASK), b.scheduler.triggerTask(SURVEY_NOTIFICATIONS_TASK)]);
      for (const name of NAMES) {
        expect(await notificationsOf(a.server, name)).toHaveLength(1);
        expect(await notificationsOf(b.server, name)).toHaveLength(1);
      }
      const rows = await knexA('pm_survey_notifications').whereNotNull('sent_at').count({ n: '*' });
      expect(Number(rows[0].n)).toBe(NAMES.length);
    } finally {
      await Promise.all([knexB.destroy(), notificationsB.destroy()]);
    }
  });
});

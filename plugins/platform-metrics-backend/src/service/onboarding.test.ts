import { mockCredentials, mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { createServices, createTestRouter } from '../__testUtils__/services';
import { request } from '../__testUtils__/validatedRequest';
import { UserUpsert } from '../database/PeopleStore';
import { RouterOptions } from './router';

jest.setTimeout(60_000);

const service = mockCredentials.service.header();
const user = mockCredentials.user.header();
const DAY = 86_400;
const at = (iso: string) => Date.parse(iso);
const TO = '2026-06-01T00:00:00Z';

/** A User as the catalog sync records them. */
const person = (name: string, over: Partial<UserUpsert> = {}): UserUpsert => ({
  userRef: `user:default/${name}`,
  email: null,
  githubLogin: null,
  annotatedStartAt: null,
  ...over,
});

/** A successful production deployment of payments at `finishedAt` shipping one change by each of `authors`. */
const deployment = (id: string, finishedAt: string, authors: string[], over: object = {}) => ({
  id,
  entityRef: 'payments',
  environment: 'production',
  status: 'succeeded',
  finishedAt,
  changes: authors.map((author, i) => ({ id: `${id}-c${i}`, committedAt: '2026-01-02T00:00:00Z', author })),
  ...over,
});

/** Hides `group:default/team-c` from the caller, as the catalog would. */
const hidesTeamC: RouterOptions['visibility'] = {
  assertVisible: async ref => {
    if (ref === 'group:default/team-c') throw new NotFoundError(`No such entity ${ref}`);
  },
  filterSummary: async summary => summary,
  filterRows: async rows => rows,
};

describe('GET /org/onboarding: time to onboard a new engineer (metrics.md §6d)', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('answers the cohort of the window org-wide and per team, withheld below k, on %p', async databaseId => {
    const services = await createServices(await databases.init(databaseId), { survey: { minGroupSize: 3 } }, () => at('2026-06-01T00:00:00Z'));
    const { catalog, people } = services.stores;
    const app = express().use(await createTestRouter(services)).use(mockErrorHandler());
    const send = async (deployments: object[]) => {
      const res = await request(app).post('/deployments').set('Authorization', service).send({ deployments });
      expect(res.status).toBe(200);
    };

    // every sync records every User in the catalog then
    const users: UserUpsert[] = [];
    const sync = (iso: string, ...added: UserUpsert[]) => {
      users.push(...added);
      return people.syncUsers(users, at(iso));
    };
    // installed on 2026-01-01: the Users seen then were there before
    await catalog.setInstalledAtOnce(at('2026-01-01T00:00:00Z'));
    await sync(
      '2026-01-01T00:00:00Z',
      person('old'),
      // there since January, but the annotation says they started on April 1
      person('annotated', { annotatedStartAt: at('2026-04-01T00:00:00Z') }),
    );
    // a deployment that names an email before its User is in the catalog: matched when read
    await send([deployment('early', '2026-03-16T00:00:00Z', ['Late@Example.com'])]);
    await sync(
      '2026-03-10T00:00:00Z',
      person('email', { email: 'e@example.com' }),
      person('ref'),
      person('c1'),
      person('c2'),
    );
    await sync('2026-03-15T00:00:00Z', person('late', { email: 'late@example.com' }));
    await sync('2026-03-20T00:00:00Z', person('stalled'));
    // their change was in production before the suite first saw them: start unknown
    await send([deployment('before-seen', '2026-03-24T00:00:00Z', ['user:default/seen-late'])]);
    await sync('2026-03-25T00:00:00Z', person('seen-late'));
    await sync('2026-04-10T00:00:00Z', person('b3'));
    await sync('2026-05-20T00:00:00Z', person('pending'));

    await send([
      // not production, and failed: neither ends anyone's onboarding
      deployment('staging', '2026-03-11T00:00:00Z', ['e@example.com'], { environment: 'staging' }),
      deployment('failed', '2026-03-11T00:00:00Z', ['e@example.com'], { status: 'failed' }),
      deployment('d1', '2026-03-11T00:00:00Z', ['ref', 'user:default/old']),
      deployment('d2', '2026-03-12T00:00:00Z', ['E@Example.com']),
      deployment('d3', '2026-03-13T00:00:00Z', ['c1']),
      deployment('d4', '2026-04-04T00:00:00Z', ['annotated']),
      deployment('d5', '2026-04-20T00:00:00Z', ['b3', 'seen-late']),
    ]);
    await catalog.replaceGroupMembers([
      ...['email', 'ref', 'annotated', 'late'].map(u => ({ userRef: `user:default/${u}`, groupRef: 'group:default/team-a' })),
      ...['stalled', 'pending', 'b3'].map(u => ({ userRef: `user:default/${u}`, groupRef: 'group:default/team-b' })),
      ...['c1', 'c2'].map(u => ({ userRef: `user:default/${u}`, groupRef: 'group:default/team-c' })),
      // everyone of the cohort but c2: the org minus this guild would be one person
      ...['email', 'ref', 'annotated', 'late', 'stalled', 'pending', 'b3', 'c1'].map(u => ({
        userRef: `user:default/${u}`,
        groupRef: 'group:default/guild',
      })),
    ]);

    const get = (query: string, credentials = user) => request(app).get(`/org/onboarding?windowDays=90&to=${TO}${query}`).set('Authorization', credentials);

    const org = await get('');
    expect(org.status).toBe(200);
    // email 2 days (the staging and failed deployments do not count), ref 1 day, annotated 3 days,
    // late 1 day, c1 3 days, b3 10 days; stalled and c2 stalled; pending pending; old and
    // seen-late are in no cohort
    expect(org.body).toEqual({
      window: { from: '2026-03-03T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z', days: 90 },
      group: null,
      minGroupSize: 3,
      target: DAY,
      median: 2.5 * DAY,
      n: 6,
      cohort: 9,
      stalled: 2,
      pending: 1,
      withheld: null,
      medianWithheld: null,
    });
    // services may read it too
    expect((await get('', service)).body).toEqual(org.body);

    const team = async (group: string) => (await get(`&group=${group}`)).body;
    expect(await team('team-a')).toMatchObject({ group: 'group:default/team-a', median: 1.5 * DAY, n: 4, cohort: 4, stalled: 0, pending: 0, withheld: null });
    // three people, one of them deployed: the counts show, the median of one person does not
    expect(await team('group:default/team-b')).toMatchObject({
      median: null,
      n: 1,
      cohort: 3,
      stalled: 1,
      pending: 1,
      withheld: null,
      medianWithheld: 'fewer than 3 people with a first deployment',
    });
    expect(await team('team-c')).toMatchObject({ median: null, n: null, cohort: null, stalled: null, pending: null, withheld: 'fewer than 3 people' });
    expect(await team('guild')).toMatchObject({ cohort: null, withheld: 'withheld so that no subtraction reveals fewer than 3 people' });

    // an earlier window: as of its end, deployments after it do not count yet
    const march = await request(app).get('/org/onboarding?windowDays=30&to=2026-03-31T00:00:00Z').set('Authorization', user);
    // started in March: email, ref, c1, c2, late, stalled (seen-late's start is unknown); c1, email, ref, late deployed
    expect(march.body).toMatchObject({ cohort: 6, n: 4, median: 1.5 * DAY, stalled: 0, pending: 2 });

    // a window below k org-wide: withheld
    expect((await request(app).get('/org/onboarding?windowDays=7&to=2026-04-12T00:00:00Z').set('Authorization', user)).body).toMatchObject({
      cohort: null,
      withheld: 'fewer than 3 people',
    });
  });

  it.each(databases.eachSupportedId())('checks the query, the permission and the group’s visibility on %p', async databaseId => {
    const services = await createServices(await databases.init(databaseId));
    const app = express().use(await createTestRouter(services, undefined, hidesTeamC)).use(mockErrorHandler());
    const empty = await request(app).get(`/org/onboarding?to=${TO}`).set('Authorization', user);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ minGroupSize: 5, withheld: 'fewer than 5 people', window: { days: 90 } });

    const bad = await request(app).get('/org/onboarding?windowDays=0').set('Authorization', user);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/windowDays: expected a whole number of days from 1 to 730/);
    expect((await request(app).get('/org/onboarding?group=a%20b').set('Authorization', user)).status).toBe(400);
    expect((await request(app).get('/org/onboarding?group=team-c').set('Authorization', user)).status).toBe(404);

    const denied = express()
      .use(await createTestRouter(services, mockServices.permissions({ result: AuthorizeResult.DENY })))
      .use(mockErrorHandler());
    expect((await request(denied).get('/org/onboarding').set('Authorization', user)).status).toBe(403);
  });
});

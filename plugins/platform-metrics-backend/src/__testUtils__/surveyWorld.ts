import { mockCredentials, mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import express from 'express';
import { Knex } from 'knex';
import { DAY } from '../lib/time';
import { createServices, createTestRouter } from './services';
import { request } from './validatedRequest';

/** A team of the test organisation: its Group type (default `team`) and its members' names. */
export interface TeamDef {
  type?: string;
  members: string[];
}

/**
 * An organisation for the anonymity tests, on a real database: Groups with
 * their types and members in the catalog store, one component owned by each
 * team (so it has a row in the summary's `teams`), the plugin's router with
 * mock credentials and an adjustable clock. Every response is checked
 * against the OpenAPI spec.
 */
export async function surveyWorld(
  knex: Knex,
  opts: { now: string; teams: Record<string, TeamDef>; config?: object; permissions?: ReturnType<typeof mockServices.permissions> },
) {
  let now = Date.parse(opts.now);
  const services = await createServices(knex, opts.config ?? {}, () => now);
  const { catalog } = services.stores;
  const ref = (team: string) => `group:default/${team}`;
  await catalog.replaceGroups(Object.entries(opts.teams).map(([team, def]) => ({ groupRef: ref(team), type: def.type ?? 'team' })));
  await catalog.replaceGroupMembers(
    Object.entries(opts.teams).flatMap(([team, def]) => def.members.map(m => ({ userRef: `user:default/${m}`, groupRef: ref(team) }))),
  );
  await catalog.upsertEntities(
    Object.keys(opts.teams).map(team => ({
      entityRef: `component:default/${team}-service`,
      kind: 'component',
      type: 'service',
      ownerRef: ref(team),
      systemRef: null,
      lifecycle: 'production',
      adoptionStatus: 'not-adopted' as const,
      adoptionReason: null,
      annotatedCreatedAt: null,
    })),
    now - 100 * DAY,
  );
  const app = express()
    .use(await createTestRouter(services, opts.permissions))
    .use(mockErrorHandler());

  const user = (name: string) => mockCredentials.user.header(`user:default/${name}`);
  return {
    services,
    app,
    knex,
    ref,
    user,
    now: () => now,
    setNow: (iso: string) => {
      now = Date.parse(iso);
    },
    advanceDays: (days: number) => {
      now += days * DAY;
    },
    /** One person answers the current survey in the app. */
    async answer(name: string, score: number, comment?: string) {
      await request(app)
        .post('/surveys/current/responses')
        .set('Authorization', user(name))
        .send({ score, ...(comment && { comment }) })
        .expect(200);
    },
    async summary(query = ''): Promise<OrgSummary> {
      const res = await request(app).get(`/org/summary${query}`).set('Authorization', user('reader')).expect(200);
      return res.body;
    },
    async comments(surveyId: string, group?: string) {
      const q = group ? `?group=${encodeURIComponent(group)}` : '';
      const res = await request(app).get(`/surveys/${surveyId}/comments${q}`).set('Authorization', user('reader')).expect(200);
      return res.body;
    },
    /** One run of the publication task. */
    publish: () => services.publications.publishDue(),
  };
}

/** The NPS figures of a summary: org, trend points and team rows. */
export function npsFigures(summary: OrgSummary) {
  return [summary.nps, ...summary.nps.trend, ...summary.teams.map(t => t.nps)];
}

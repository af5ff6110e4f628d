import { createTestDatabases } from '../__testUtils__/databases';
import { createServices } from '../__testUtils__/services';
import { EntityUpsert } from '../database/CatalogStore';
import { makeWindow } from '../lib/time';
import { DeploymentInput, IncidentInput, deploymentSchema, incidentSchema } from '../schema/validation';

jest.setTimeout(60_000);

const H = 3600;
const D = 24 * H;
const dep = (d: Record<string, unknown>): DeploymentInput =>
  deploymentSchema.parse({ environment: 'production', status: 'succeeded', ...d });
const inc = (i: Record<string, unknown>): IncidentInput => incidentSchema.parse(i);
const change = (id: string, committedAt: string) => ({ id, committedAt });

function entity(ref: string, patch: Partial<EntityUpsert> = {}): EntityUpsert {
  return {
    entityRef: ref,
    kind: 'component',
    type: 'service',
    ownerRef: 'group:default/team-a',
    systemRef: null,
    lifecycle: 'production',
    adoptionStatus: 'not-adopted',
    adoptionReason: null,
    annotatedCreatedAt: null,
    ...patch,
  };
}

/**
 * The worked example: the entity is sent as `Payments` (case-folded to
 * component:default/payments); the window is [2026-03-02, 2026-04-01).
 */
const PAYMENTS: DeploymentInput[] = [
  dep({ id: 'd0', entityRef: 'Payments', finishedAt: '2026-02-20T00:00:00Z', changes: [change('c0', '2026-02-19T00:00:00Z'), change('c1', '2026-02-18T00:00:00Z')] }),
  // exactly at the window start: inside; lead time exactly one hour
  dep({ id: 'd1', entityRef: 'Payments', finishedAt: '2026-03-02T00:00:00Z', version: '1.0.0', changes: [change('c2', '2026-03-01T23:00:00Z')] }),
  // c1 was first shipped by d0 (outside): not counted here; c4 committed after the deploy (clock skew): skipped
  dep({ id: 'd2', entityRef: 'component:default/payments', finishedAt: '2026-03-05T12:00:00Z', changes: [change('c1', '2026-02-18T00:00:00Z'), change('c3', '2026-03-05T10:00:00Z'), change('c4', '2026-03-05T13:00:00Z')] }),
  // a failed rollout: stored, never counted
  dep({ id: 'd3', entityRef: 'payments', finishedAt: '2026-03-10T00:00:00Z', status: 'failed', changes: [change('c5', '2026-03-09T00:00:00Z')] }),
  dep({ id: 'd4', entityRef: 'payments', finishedAt: '2026-03-11T00:00:00Z', changes: [change('c5', '2026-03-09T00:00:00Z'), change('c6', '2026-03-10T00:00:00Z')] }),
  // a hotfix that remediates d4: d4 failed, d5 is rework
  dep({ id: 'd5', entityRef: 'payments', finishedAt: '2026-03-12T00:00:00Z', type: 'hotfix', remediates: 'd4', changes: [change('c7', '2026-03-11T18:00:00Z')] }),
  // staging: not production
  dep({ id: 's1', entityRef: 'payments', environment: 'staging', finishedAt: '2026-03-15T00:00:00Z', changes: [change('c8', '2026-03-14T00:00:00Z')] }),
  // production spelled differently
  dep({ id: 'd6', entityRef: 'payments', environment: 'PROD', finishedAt: '2026-03-20T00:00:00Z', changes: [change('c8', '2026-03-14T00:00:00Z')] }),
  // exactly at `to`: outside
  dep({ id: 'd7', entityRef: 'payments', finishedAt: '2026-04-01T00:00:00Z' }),
];

const PAYMENTS_INCIDENTS: IncidentInput[] = [
  // no causedBy: nearest deployment before it is d2
  inc({ id: 'i1', entityRef: 'payments', openedAt: '2026-03-06T00:00:00Z', resolvedAt: '2026-03-06T02:00:00Z' }),
  // names d2 too: d2 counts once
  inc({ id: 'i2', entityRef: 'payments', openedAt: '2026-03-06T01:00:00Z', resolvedAt: '2026-03-06T01:30:00Z', causedBy: 'd2' }),
  // still open; nearest deployment is d6
  inc({ id: 'i3', entityRef: 'payments', openedAt: '2026-03-25T00:00:00Z' }),
  // opened before the window, resolved inside: counts for time to restore only
  inc({ id: 'i4', entityRef: 'payments', openedAt: '2026-02-25T00:00:00Z', resolvedAt: '2026-03-03T00:00:00Z' }),
  // before the first deployment: attributed to none
  inc({ id: 'i6', entityRef: 'payments', openedAt: '2026-01-01T00:00:00Z', resolvedAt: '2026-01-02T00:00:00Z' }),
  // another entity's incident
  inc({ id: 'i5', entityRef: 'other', openedAt: '2026-03-12T00:00:00Z' }),
];

const TO = '2026-04-01T00:00:00Z';

describe('metrics worked examples', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0], config: object = {}) {
    const { stores, metrics, runRollupJob, publications } = await createServices(await databases.init(databaseId), config);
    return { store: stores, service: metrics, job: runRollupJob, publications };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('computes the scorecard of metrics.md by hand', async () => {
      const { store, service, job } = await setup(databaseId);
      await store.events.upsertDeployments(PAYMENTS);
      // re-sent with a new version: updates, never double-counts
      await store.events.upsertDeployments([dep({ ...PAYMENTS[1], version: '1.0.1' } as any)]);
      await store.events.upsertIncidents(PAYMENTS_INCIDENTS);
      await store.catalog.upsertEntities(
        [entity('component:default/payments', { annotatedCreatedAt: Date.parse('2026-02-10T00:00:00Z') })],
        Date.parse('2026-01-01T00:00:00Z'),
      );

      await job(); // the rollup job, as it runs after ingestion
      const card = await service.getScorecard('component:default/payments', makeWindow(30, TO));

      expect(card.window).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', days: 30 });
      expect(card.benchmark).toBe('dora-2021');
      const { dora } = card;
      // d1, d2, d4, d5, d6
      expect(dora.deploymentFrequency).toEqual({ perDay: 5 / 30, perWeek: 35 / 30, count: 5, tier: 'high' });
      // c2 1h, c3 2h, c7 6h, c6 1d, c5 2d, c8 6d
      expect(dora.leadTime).toEqual({ median: (6 * H + D) / 2, p90: 6 * D, n: 6, tier: 'high' });
      // d2 (i1 and i2, once), d4 (remediated by d5), d6 (nearest to open i3)
      expect(dora.changeFailureRate).toEqual({ value: 3 / 5, failed: 3, total: 5, tier: 'low' });
      // i2 30m, i1 2h, i4 6d; i3 open
      expect(dora.timeToRestore).toEqual({ median: 2 * H, p90: 6 * D, n: 3, tier: 'high', open: 1 });
      expect(dora.reworkRate).toEqual({ value: 1 / 5, rework: 1, total: 5 });
      expect(dora.overallTier).toBe('low');

      expect(card.timeToFirstDeploy).toEqual({
        seconds: 10 * D,
        createdAt: '2026-02-10T00:00:00.000Z',
        firstDeployAt: '2026-02-20T00:00:00.000Z',
      });

      expect(card.trend).toEqual([
        { weekStart: '2026-03-02T00:00:00.000Z', deployments: 2, leadTimeMedian: 1.5 * H, changeFailureRate: 0.5, timeToRestoreMedian: 2 * H },
        { weekStart: '2026-03-09T00:00:00.000Z', deployments: 2, leadTimeMedian: D, changeFailureRate: 0.5, timeToRestoreMedian: null },
        { weekStart: '2026-03-16T00:00:00.000Z', deployments: 1, leadTimeMedian: 6 * D, changeFailureRate: 1, timeToRestoreMedian: null },
        { weekStart: '2026-03-23T00:00:00.000Z', deployments: 0, leadTimeMedian: null, changeFailureRate: null, timeToRestoreMedian: null },
        { weekStart: '2026-03-30T00:00:00.000Z', deployments: 0, leadTimeMedian: null, changeFailureRate: null, timeToRestoreMedian: null },
      ]);

      const recent = card.recentDeployments;
      expect(recent.map(d => d.id)).toEqual(['d6', 's1', 'd5', 'd4', 'd3', 'd2', 'd1', 'd0']);
      // failures are attributed over the whole history: d0, before the window,
      // is the nearest deployment before i4 and is marked too
      expect(recent.filter(d => d.causedFailure).map(d => d.id)).toEqual(['d6', 'd4', 'd2', 'd0']);
      expect(recent.find(d => d.id === 'd1')?.version).toBe('1.0.1');
      expect(card.recentIncidents.map(i => i.id)).toEqual(['i3', 'i2', 'i1', 'i4', 'i6']);
    });

    it('honours explicit-only attribution and the dora-2023 profile', async () => {
      const { store, service, job } = await setup(databaseId, {
        incidentAttribution: 'explicit-only',
        benchmark: 'dora-2023',
      });
      await store.events.upsertDeployments(PAYMENTS);
      await store.events.upsertIncidents(PAYMENTS_INCIDENTS);
      await job(); // the rollup job, as it runs after ingestion
      const { dora, benchmark } = await service.getScorecard('component:default/payments', makeWindow(30, TO));
      expect(benchmark).toBe('dora-2023');
      // only d2 (named by i2) and d4 (remediated)
      expect(dora.changeFailureRate).toMatchObject({ failed: 2, total: 5, value: 0.4, tier: 'low' });
      // 15h median is elite under dora-2023 (< 1 day)
      expect(dora.leadTime.tier).toBe('elite');
    });

    it('rates a lead time of exactly one hour as high, not elite', async () => {
      const { store, service, job } = await setup(databaseId);
      await store.events.upsertDeployments(
        ['a', 'b', 'c'].map((id, i) =>
          dep({ id, entityRef: 'hourly', finishedAt: `2026-03-1${i}T10:00:00Z`, changes: [change(`x${i}`, `2026-03-1${i}T09:00:00Z`)] }),
        ),
      );
      await job(); // the rollup job, as it runs after ingestion
      const { dora } = await service.getScorecard('component:default/hourly', makeWindow(30, TO));
      expect(dora.leadTime).toEqual({ median: H, p90: H, n: 3, tier: 'high' });
    });

    it('returns nulls and insufficient data for an empty entity', async () => {
      const { service } = await setup(databaseId);
      const card = await service.getScorecard('component:default/empty', makeWindow(90, TO));
      expect(card.dora).toEqual({
        deploymentFrequency: { perDay: 0, perWeek: 0, count: 0, tier: 'insufficient-data' },
        leadTime: { median: null, p90: null, n: 0, tier: 'insufficient-data' },
        changeFailureRate: { value: null, failed: 0, total: 0, tier: 'insufficient-data' },
        timeToRestore: { median: null, p90: null, n: 0, tier: 'insufficient-data', open: 0 },
        reworkRate: { value: null, rework: 0, total: 0 },
        overallTier: 'insufficient-data',
      });
      expect(card.adoption).toEqual({ status: 'not-eligible', reason: 'Not (yet) seen in the catalog' });
      expect(card.timeToFirstDeploy).toEqual({ seconds: null, createdAt: null, firstDeployAt: null });
      expect(card.trend).toHaveLength(14);
      expect(card.trend.every(w => w.deployments === 0)).toBe(true);
    });

    it('keeps the value but marks the tier insufficient below minSamples', async () => {
      const { store, service, job } = await setup(databaseId, { minSamples: 6 });
      await store.events.upsertDeployments(PAYMENTS);
      await job(); // the rollup job, as it runs after ingestion
      const { dora } = await service.getScorecard('component:default/payments', makeWindow(30, TO));
      expect(dora.deploymentFrequency).toMatchObject({ count: 5, tier: 'insufficient-data' });
      expect(dora.leadTime).toMatchObject({ n: 6, tier: 'high' });
    });

    it('summarises the organisation, teams, adoption, time to first deploy and NPS', async () => {
      const { store, service, job, publications } = await setup(databaseId);
      const t = (iso: string) => Date.parse(iso);
      await store.catalog.setInstalledAtOnce(t('2025-12-01T00:00:00Z'));
      await store.catalog.upsertEntities(
        [
          entity('component:default/a1', { adoptionStatus: 'adopted', systemRef: 'system:default/shop', annotatedCreatedAt: t('2026-01-10T00:00:00Z') }),
          entity('component:default/a2', { type: 'website', systemRef: 'system:default/shop', annotatedCreatedAt: t('2026-01-20T00:00:00Z') }),
          entity('component:default/b1', { ownerRef: 'group:default/team-b', systemRef: 'system:default/ledger', adoptionStatus: 'exception', adoptionReason: 'legacy' }),
          entity('component:default/b2', { ownerRef: 'group:default/team-b', type: 'library', adoptionStatus: 'not-eligible', annotatedCreatedAt: t('2026-03-20T00:00:00Z') }),
        ],
        t('2025-11-01T00:00:00Z'),
      );
      // seen for the first time after installation: created then
      await store.catalog.upsertEntities(
        [entity('component:default/c1', { ownerRef: 'group:default/team-b', adoptionStatus: 'adopted' })],
        t('2026-03-25T00:00:00Z'),
      );
      // first seen after installation, but deployed before that: creation unknown
      await store.catalog.upsertEntities(
        [entity('component:default/old', { ownerRef: 'group:default/team-b', type: 'library', adoptionStatus: 'not-eligible' })],
        t('2026-03-01T00:00:00Z'),
      );
      await store.events.upsertDeployments([
        dep({ id: 'old-1', entityRef: 'old', finishedAt: '2025-06-01T00:00:00Z' }),
        dep({ id: 'a1-1', entityRef: 'a1', finishedAt: '2026-01-12T00:00:00Z' }),
        dep({ id: 'a2-1', entityRef: 'a2', finishedAt: '2026-03-01T00:00:00Z' }),
        // not in the catalog: kept, not counted org-wide
        dep({ id: 'ghost-1', entityRef: 'ghost', finishedAt: '2026-03-01T00:00:00Z' }),
      ]);
      // the eligible developers of the response rate: six Users in team-a, four in team-b
      await store.catalog.replaceGroupMembers([
        ...['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map(u => ({ userRef: `user:default/${u}`, groupRef: 'group:default/team-a' })),
        ...['b1', 'b2', 'b3', 'b4'].map(u => ({ userRef: `user:default/${u}`, groupRef: 'group:default/team-b' })),
      ]);
      await store.catalog.replaceGroups([
        { groupRef: 'group:default/team-a', type: 'team' },
        { groupRef: 'group:default/team-b', type: 'team' },
      ]);
      const answer = (surveyId: string, user: string, score: number, groups: string[]) =>
        store.surveys.upsertSurveyResponse({ surveyId, userKey: `key-${user}`, score, comment: null, submittedAt: t(surveyId === '2026-Q1' ? '2026-03-01T00:00:00Z' : '2025-11-01T00:00:00Z'), groups, origin: null });
      const A = ['group:default/team-a'];
      const B = ['group:default/team-b'];
      await answer('2025-Q4', 'u1', 10, A);
      await answer('2025-Q4', 'u2', 0, A);
      for (const [user, score] of [['u1', 10], ['u2', 9], ['u3', 8], ['u4', 6], ['u5', 3]] as const) {
        await answer('2026-Q1', user, score, A);
      }
      await answer('2026-Q1', 'v1', 10, B);
      await answer('2026-Q1', 'v2', 10, B);
      // NPS is read from publications only: both surveys are closed, 2025-Q4
      // has fewer than 5 answers and is never published
      expect((await publications.publishDue()).map(p => p.surveyId)).toEqual(['2026-Q1']);

      await job(); // the rollup job, as it runs after ingestion
      const org = await service.getOrgSummary(makeWindow(90, TO));
      expect(org.dora.deploymentFrequency.count).toBe(2);
      expect(org.dora.tierDistribution).toEqual({ elite: 0, high: 0, medium: 0, low: 0, 'insufficient-data': 6 });
      // a window in the past: adoption as of its end, the last daily snapshot before `to` (none yet)
      expect(org.adoption).toMatchObject({ rate: null, adopted: 0, eligible: 0, exceptions: 0, reason: expect.stringMatching(/no adoption snapshot/) });
      // the catalog sync's snapshots of 2026-03-30 and -31: eligible a1 a2 b1 c1, one exception, adopted a1 c1 on the 31st
      await store.catalog.upsertAdoptionSnapshots([
        { scopeType: 'org', scopeRef: 'org', day: '2026-03-30', adopted: 1, eligible: 4, exceptions: 1 },
        { scopeType: 'org', scopeRef: 'org', day: '2026-03-31', adopted: 2, eligible: 4, exceptions: 1 },
        { scopeType: 'org', scopeRef: 'org', day: '2026-04-01', adopted: 3, eligible: 4, exceptions: 0 },
      ]);
      const asOf = (await service.getOrgSummary(makeWindow(90, TO))).adoption;
      expect(asOf).toMatchObject({ rate: 2 / 3, adopted: 2, eligible: 4, exceptions: 1, asOf: '2026-03-31' });
      expect(asOf.trend.map(p => p.date)).toEqual(['2026-03-30', '2026-03-31']);
      // the current window reads the catalog now: the same four, as the catalog holds them
      expect((await service.getOrgSummary(makeWindow(90))).adoption).toMatchObject({ rate: 2 / 3, adopted: 2, eligible: 4, exceptions: 1 });
      expect(org.adoption.bySystem).toEqual([
        { systemRef: 'system:default/ledger', rate: null, adopted: 0, eligible: 1, exceptions: 1 },
        { systemRef: 'system:default/shop', rate: 0.5, adopted: 1, eligible: 2, exceptions: 0 },
      ]);
      // cohort a1 (2 days), a2 (40 days, stalled), b2 (no deploy, 12 days old), c1 (7 days old)
      expect(org.timeToFirstDeploy).toEqual({ median: (2 * D + 40 * D) / 2, n: 2, stalled: 1 });
      // 4 promoters, 1 passive, 2 detractors of 7: 28.57 -> 29
      expect(org.nps).toMatchObject({ surveyId: '2026-Q1', score: 29, n: 7, promoters: 4, passives: 1, detractors: 2, band: 'good' });
      expect(org.nps).toMatchObject({ withheld: null, asOf: '2026-04-01T00:00:00.000Z' });
      // response rate: the published 7 of the 10 members of the reporting groups
      expect(org.nps.responseRate).toEqual({ respondents: 7, eligible: 10, rate: 0.7 });
      expect(org.nps.trend).toEqual([{ surveyId: '2026-Q1', score: 29, n: 7, withheld: null, responseRate: 0.7 }]);
      // team-a has 5 answers, but org minus team-a would reveal team-b's 2:
      // complementary suppression withholds it; team-b has fewer than 5
      const subtraction = 'withheld so that no subtraction reveals fewer than 5 responses';
      expect(org.teams.map(tm => [tm.groupRef, tm.entities, tm.nps])).toEqual([
        ['group:default/team-a', 2, { score: null, n: null, reason: subtraction, withheld: subtraction, responseRate: null }],
        ['group:default/team-b', 4, { score: null, n: null, reason: 'fewer than 5 responses', withheld: 'fewer than 5 responses', responseRate: null }],
      ]);
      expect(org.teams[0].adoption).toEqual({ rate: 0.5, adopted: 1, eligible: 2 });

      const teamB = await service.getOrgSummary(makeWindow(90, TO), { type: 'group', ref: 'group:default/team-b' });
      expect(teamB.group).toBe('group:default/team-b');
      // no snapshot of team-b before `to`; the current window's figure is the catalog's
      expect(teamB.adoption).toMatchObject({ rate: null, reason: expect.stringMatching(/no adoption snapshot/) });
      const teamBNow = await service.getOrgSummary(makeWindow(90), { type: 'group', ref: 'group:default/team-b' });
      expect(teamBNow.adoption).toMatchObject({ rate: 1, adopted: 1, eligible: 2, exceptions: 1 });
      // a 2-person team's NPS is withheld, never {score: 100, n: 2}
      expect(teamB.nps).toMatchObject({
        score: null, n: null, promoters: null, passives: null, detractors: null, band: null,
        withheld: 'fewer than 5 responses',
      });
      expect(teamB.nps.trend).toEqual([{ surveyId: '2026-Q1', score: null, n: null, withheld: 'fewer than 5 responses', responseRate: null }]);
      expect(teamB.teams.map(tm => tm.groupRef)).toEqual(['group:default/team-b']);
      const old = await service.getScorecard('component:default/old', makeWindow(90, TO));
      expect(old.timeToFirstDeploy).toEqual({ seconds: null, createdAt: null, firstDeployAt: '2025-06-01T00:00:00.000Z' });
      const c1 = await service.getScorecard('component:default/c1', makeWindow(90, TO));
      expect(c1.timeToFirstDeploy.createdAt).toBe('2026-03-25T00:00:00.000Z');
    });
  });
});

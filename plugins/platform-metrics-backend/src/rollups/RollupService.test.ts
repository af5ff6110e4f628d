import { ConfigReader } from '@backstage/config';
import { createTestDatabases } from '../__testUtils__/databases';
import { paymentsDeployment as dep } from '../__testUtils__/records';
import { createServices } from '../__testUtils__/services';
import { readSettings } from '../config';
import { makeWindow } from '../lib/time';
import { MetricsReader } from '../metrics/MetricsReader';
import { SummaryService } from '../metrics/SummaryService';
import { incidentSchema } from '../schema/validation';
import { SummaryCache } from '../summaries/SummaryCache';
import { RollupService } from './RollupService';

jest.setTimeout(60_000);

const PAYMENTS = 'component:default/payments';
const TO = '2026-04-01T00:00:00Z';

describe('RollupService', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0], config: object = {}) {
    const knex = await databases.init(databaseId);
    let now = Date.parse('2026-03-31T12:00:00Z');
    const services = await createServices(knex, config, () => now);
    const { stores: store, metrics: service } = services;
    /** The rollups of a replica under a config: its start-up settings check, and its rollup passes. */
    const jobFor = (cfg: object) => {
      const settings = readSettings(new ConfigReader({ platformMetrics: cfg }));
      const rollups = new RollupService(store, settings);
      const cache = new SummaryCache(store, new SummaryService(store, new MetricsReader(store), settings), settings);
      return {
        checkSettings: async () => {
          const marked = await rollups.checkSettings();
          await cache.checkSettings();
          return marked;
        },
        refreshDirty: () => rollups.refreshDirty(),
      };
    };
    const rollups = jobFor(config);
    return { knex, store, rollups, service, services, jobFor, setNow: (t: string) => (now = Date.parse(t)) };
  }

  it('rounds a window up to whole UTC days', () => {
    expect(makeWindow(30, '2026-03-31T10:15:00Z')).toEqual({
      from: Date.parse('2026-03-02T00:00:00Z'),
      to: Date.parse('2026-04-01T00:00:00Z'),
      days: 30,
    });
    // already a midnight: unchanged, and an event exactly at `to` stays out
    expect(makeWindow(7, TO).to).toBe(Date.parse(TO));
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('marks what ingestion touches and clears the mark when rolled up', async () => {
      const { store, rollups } = await setup(databaseId);
      await store.events.upsertDeployments([dep({ id: 'd1' }), dep({ id: 'd2', entityRef: 'search' })]);
      await store.events.upsertIncidents([
        incidentSchema.parse({ id: 'i1', entityRef: 'billing', openedAt: '2026-03-02T11:00:00Z' }),
      ]);
      const marks = await store.rollups.listDirty({ limit: 10 });
      expect(marks).toEqual([
        { entityRef: 'component:default/billing', version: 1 },
        { entityRef: PAYMENTS, version: 1 },
        { entityRef: 'component:default/search', version: 1 },
      ]);
      expect(marks.map(m => m.entityRef)).toEqual([
        'component:default/billing',
        PAYMENTS,
        'component:default/search',
      ]);
      // paging by entity ref
      expect((await store.rollups.listDirty({ limit: 10, after: PAYMENTS })).map(m => m.entityRef)).toEqual([
        'component:default/search',
      ]);
      expect(await rollups.refreshDirty()).toEqual({ written: 3, stale: 0, superseded: false });
      expect(await store.rollups.listDirty({ limit: 10 })).toEqual([]);
      // clean marks stay, with their versions: the next ingestion bumps, never restarts
      await store.events.upsertDeployments([dep({ id: 'd3' })]);
      expect(await store.rollups.listDirty({ limit: 10 })).toEqual([{ entityRef: PAYMENTS, version: 2 }]);
      expect(await rollups.refreshDirty()).toMatchObject({ written: 1 });
      const days = await store.rollups.listEntityDays({ from: 0, to: Date.parse(TO) });
      expect(days.get(PAYMENTS)).toEqual([
        { day: Date.parse('2026-03-02T00:00:00Z'), deployments: 2, failed: 0, rework: 0, leadTimes: [], restores: [], recoveries: [], unrecovered: 0 },
      ]);
      expect((await store.rollups.firstDeployments({ to: Date.parse(TO) })).get(PAYMENTS)).toBe(
        Date.parse('2026-03-02T10:00:00Z'),
      );
    });

    it('keeps a mark that new events bumped while the rollup was computed', async () => {
      const { store, rollups, services } = await setup(databaseId);
      await store.events.upsertDeployments([dep({ id: 'd1' })]);
      const [mark] = await store.rollups.listDirty({ limit: 1 });
      const computed = await services.rollups.compute([PAYMENTS]);
      // another request sends events after the rollup read its marks and events
      await store.events.upsertDeployments([dep({ id: 'd2', finishedAt: '2026-03-03T10:00:00Z' })]);
      expect(await services.rollups.write(computed, [mark])).toEqual({ written: [PAYMENTS], stale: [], superseded: false });
      const [after] = await store.rollups.listDirty({ limit: 1 });
      expect(after).toEqual({ entityRef: PAYMENTS, version: mark.version + 1 });
      await rollups.refreshDirty();
      const days = await store.rollups.listEntityDays({ entityRefs: [PAYMENTS], from: 0, to: Date.parse(TO) });
      expect(days.get(PAYMENTS)?.map(d => d.deployments)).toEqual([1, 1]);
      expect(await store.rollups.listDirty({ limit: 1 })).toEqual([]);
    });

    it('answers with events ingested after the last rollup', async () => {
      const { store, service, rollups } = await setup(databaseId);
      await store.events.upsertDeployments([dep({ id: 'd1' }), dep({ id: 'd2', finishedAt: '2026-03-03T10:00:00Z' })]);
      await rollups.refreshDirty();
      const window = makeWindow(30, TO);
      expect((await service.getScorecard(PAYMENTS, window)).dora.changeFailureRate).toMatchObject({ failed: 0, total: 2 });
      // an incident arriving later marks d1 failed once the job recomputed
      await store.events.upsertIncidents([
        incidentSchema.parse({ id: 'i1', entityRef: 'payments', openedAt: '2026-03-02T11:00:00Z', causedBy: 'd1' }),
      ]);
      await rollups.refreshDirty();
      const card = await service.getScorecard(PAYMENTS, window);
      expect(card.dora.changeFailureRate).toMatchObject({ failed: 1, total: 2 });
      expect(card.recentDeployments.map(d => [d.id, d.causedFailure])).toEqual([['d2', false], ['d1', true]]);
    });

    it('redoes every rollup when the settings that shape them change', async () => {
      const { store, rollups, jobFor } = await setup(databaseId);
      await store.events.upsertDeployments([dep({ id: 'd1' })]);
      // claimed at start-up (createServices), so nothing to mark
      expect(await rollups.checkSettings()).toBe(0);
      await rollups.refreshDirty();
      expect(await rollups.checkSettings()).toBe(0);
      await store.summaries.put([{ scopeRef: 'org', windowDays: 90, to: Date.parse(TO), computedAt: 1, body: '{}' }]);
      const other = jobFor({ incidentAttribution: 'explicit-only' });
      expect(await other.checkSettings()).toBe(1);
      expect(await store.rollups.listDirty({ limit: 10 })).toHaveLength(1);
      // summaries computed with the old settings are dropped
      expect(await store.summaries.get('org', 90)).toBeUndefined();

      // another benchmark keeps the rollups but drops the summaries
      await other.refreshDirty();
      await store.summaries.put([{ scopeRef: 'org', windowDays: 90, to: Date.parse(TO), computedAt: 1, body: '{}' }]);
      expect(await other.checkSettings()).toBe(0);
      expect(await store.summaries.get('org', 90)).toBeDefined();
      const strict = jobFor({ incidentAttribution: 'explicit-only', benchmark: 'dora-2023' });
      expect(await strict.checkSettings()).toBe(0);
      expect(await store.rollups.listDirty({ limit: 10 })).toEqual([]);
      expect(await store.summaries.get('org', 90)).toBeUndefined();

      // other eligible groups change every response rate: the summaries go too
      await store.summaries.put([{ scopeRef: 'org', windowDays: 90, to: Date.parse(TO), computedAt: 1, body: '{}' }]);
      const wider = jobFor({ incidentAttribution: 'explicit-only', benchmark: 'dora-2023', survey: { eligibleGroups: ['mobile'] } });
      expect(await wider.checkSettings()).toBe(0);
      expect(await store.summaries.get('org', 90)).toBeUndefined();
    });

    it('serves a fresh precomputed summary of the current window, and only that', async () => {
      const { store, service, rollups, setNow } = await setup(databaseId, { rollups: { summaryWindows: [30], summaryMaxAgeMinutes: 10 } });
      await store.catalog.upsertEntities(
        [{ entityRef: PAYMENTS, kind: 'component', type: 'service', ownerRef: 'group:default/team-a', systemRef: null, lifecycle: null, adoptionStatus: 'adopted', adoptionReason: null, annotatedCreatedAt: null }],
        Date.parse('2026-01-01T00:00:00Z'),
      );
      await store.events.upsertDeployments([dep({ id: 'd1', finishedAt: '2026-03-30T10:00:00Z' })]);
      await rollups.refreshDirty();
      // org and team-a
      expect(await service.refreshSummaries(false)).toBe(2);
      // stored ones are fresh: nothing to do unless forced
      expect(await service.refreshSummaries(false)).toBe(0);
      // a catalog sync since makes them old
      await store.catalog.setSyncedAt(Date.parse('2026-03-31T12:00:01Z'));
      expect(await service.refreshSummaries(false)).toBe(2);
      await store.catalog.setSyncedAt(Date.parse('2026-03-31T11:00:00Z'));
      expect(await service.refreshSummaries(false)).toBe(0);

      await store.events.upsertDeployments([dep({ id: 'd2', finishedAt: '2026-03-31T10:00:00Z' })]);
      await rollups.refreshDirty();
      const current = service.currentWindow(30);
      expect(current.to).toBe(Date.parse(TO));
      // the precomputed one, until the job runs again
      const cached = await service.getOrgSummary(current, undefined, { current: true });
      expect(cached.dora.deploymentFrequency.count).toBe(1);
      expect(cached.computedAt).toBe('2026-03-31T12:00:00.000Z');
      const team = await service.getOrgSummary(current, { type: 'group', ref: 'group:default/team-a' }, { current: true });
      expect(team.teams.map(t => t.dora.deploymentFrequency.count)).toEqual([1]);
      // an explicit window is always computed
      expect((await service.getOrgSummary(current)).dora.deploymentFrequency.count).toBe(2);
      // too old: computed
      setNow('2026-03-31T12:11:00Z');
      expect((await service.getOrgSummary(current, undefined, { current: true })).dora.deploymentFrequency.count).toBe(2);
      // a survey answer changes nothing a summary shows (metrics.md §8a); a
      // survey publication since makes the stored one too old to serve, and to keep
      setNow('2026-03-31T12:01:00Z');
      expect(await service.refreshSummaries(true)).toBe(2);
      await store.surveys.upsertSurveyResponse({ surveyId: '2026-Q1', userKey: 'k1', score: 9, comment: null, submittedAt: Date.parse('2026-03-31T12:02:00Z'), groups: [], origin: null });
      expect(await service.refreshSummaries(false)).toBe(0);
      await store.publications.publish(
        { surveyId: '2026-Q1', seq: 1, asOf: Date.parse('2026-03-31T00:00:00Z'), publishedAt: Date.parse('2026-03-31T12:03:00Z'), k: 5, org: { promoters: 5, passives: 0, detractors: 0 }, groups: {}, suppressed: [] },
        [],
      );
      expect((await service.getOrgSummary(current, undefined, { current: true })).nps.n).toBe(5);
      expect(await service.refreshSummaries(false)).toBe(2);

      // another day is another window: the stored one does not answer it
      setNow('2026-04-01T00:01:00Z');
      expect(await service.refreshSummaries(false)).toBe(2);
      const next = await service.getOrgSummary(service.currentWindow(30), undefined, { current: true });
      expect(next.window.to).toBe('2026-04-02T00:00:00.000Z');
      expect(next.dora.deploymentFrequency.count).toBe(2);
    });
  });
});

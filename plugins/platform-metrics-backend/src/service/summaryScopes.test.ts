import { mockCredentials } from '@backstage/backend-test-utils';
import express from 'express';
import { createTestDatabases } from '../__testUtils__/databases';
import { scopedWorld } from '../__testUtils__/scopedWorld';
import { request } from '../__testUtils__/validatedRequest';

jest.setTimeout(60_000);


describe.each(createTestDatabases().eachSupportedId())('summary scopes, compare= and split=adoption, on %p', databaseId => {
  const databases = createTestDatabases();

  const summary = (a: express.Express, query: string) =>
    request(a)
      .get(`/org/summary?windowDays=30&to=2026-06-01T00:00:00Z&${query}`)
      .set('Authorization', mockCredentials.user.header());

  it('scopes a summary to a system or a domain, and refuses two scopes at once', async () => {
    const { a } = await scopedWorld(databases, databaseId);
    const system = await summary(a, 'system=shop');
    expect(system.status).toBe(200);
    expect(system.body).toMatchObject({ scope: { type: 'system', ref: 'system:default/shop' }, group: null });
    expect(system.body.dora.deploymentFrequency.count).toBe(40);
    expect(system.body.teams.map((t: { groupRef: string }) => t.groupRef)).toEqual(['group:default/team-a', 'group:default/team-b']);
    // a system is not a reporting group: no NPS, whatever was answered
    expect(system.body.nps).toMatchObject({ score: null, withheld: 'not a reporting group' });

    const domain = await summary(a, 'domain=commerce');
    expect(domain.body.scope).toEqual({ type: 'domain', ref: 'domain:default/commerce' });
    expect(domain.body.dora).toEqual(system.body.dora);
    expect((await summary(a, 'system=discovery')).body.dora.deploymentFrequency.count).toBe(5);
    const org = await summary(a, '');
    expect(org.body.scope).toEqual({ type: 'org', ref: 'org' });
    expect(org.body.dora.deploymentFrequency.count).toBe(45);

    const both = await summary(a, 'group=team-a&system=shop');
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/system.*at most one of group, system and domain/);
  });

  it('reads pre-platform history imported after a first comparison: the baseline is never answered from older rollups', async () => {
    const { a, services } = await scopedWorld(databases, databaseId);
    const first = (await summary(a, 'compare=baseline&split=adoption')).body;
    expect(first.comparison.metrics.deploymentFrequency.before.n).toBe(20);
    expect((await summary(a, 'compare=baseline')).body.comparison).toEqual(first.comparison);

    // five more January deployments of payments, 72 h lead times, imported later (metrics.md §9)
    const version = () => services.stores.rollups.rollupVersion();
    const before = await version();
    const january = Date.parse('2026-01-12T12:00:00Z');
    const imported = Array.from({ length: 5 }, (_, i) => ({
      id: `import-${i}`,
      entityRef: 'payments',
      environment: 'production',
      status: 'succeeded',
      finishedAt: new Date(january + i * 86_400_000).toISOString(),
      changes: [{ id: `import-c${i}`, committedAt: new Date(january + i * 86_400_000 - 72 * 3_600_000).toISOString() }],
    }));
    await request(a).post('/deployments').set('Authorization', mockCredentials.service.header()).send({ deployments: imported }).expect(200);
    expect(await version()).toBe(before); // not rolled up yet: no read sees it
    await services.runRollupJob();
    expect(await version()).not.toBe(before);

    const second = (await summary(a, 'compare=baseline&split=adoption')).body;
    expect(second.comparison.metrics.deploymentFrequency.before.n).toBe(25);
    expect(second.comparison.metrics.leadTime.before.n).toBe(25);
    // the window's side is the same read as the summary's own figures
    expect(second.comparison.metrics.leadTime.after).toEqual({ value: second.dora.leadTime.median, n: second.dora.leadTime.n });
    expect(second.dora).toEqual(first.dora);
  });

  it('compares the org with its baseline: DORA with tests, the TTFD cohort and the published NPS', async () => {
    const { a } = await scopedWorld(databases, databaseId);
    const { comparison } = (await summary(a, 'compare=baseline')).body;
    expect(comparison).toMatchObject({
      against: 'baseline',
      label: 'Before the platform',
      reference: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T00:00:00.000Z', days: 30 },
    });
    expect(comparison.metrics.deploymentFrequency).toMatchObject({
      before: { value: 20 / 30, n: 20 },
      after: { value: 45 / 30, n: 45 },
      direction: 'better',
      significant: true,
    });
    // 20 lead times before (10 x 24 h, 10 x 48 h): median 36 h; 45 after (5 x 2 h, 30 x 4 h, 10 x 24 h): 4 h
    expect(comparison.metrics.leadTime).toMatchObject({
      before: { value: 36 * 3600, n: 20 },
      after: { value: 4 * 3600, n: 45 },
      absoluteChange: -32 * 3600,
      direction: 'better',
    });
    // one service created in the window (5.5 days to its first deploy), none in the baseline: too few to compare
    expect(comparison.timeToFirstDeploy).toEqual({
      before: { value: null, n: 0 },
      after: { value: 5.5 * 86_400, n: 1 },
      absoluteChange: null,
      relativeChange: null,
      direction: null,
      insufficientData: true,
    });
    // no survey was ever published: nothing to compare, and no n below k
    expect(comparison.nps).toMatchObject({ before: { value: null, n: null }, insufficientData: true });
  });

  it('splits a scope by golden-path status, each cohort with its n and its change against the baseline', async () => {
    const { a } = await scopedWorld(databases, databaseId);
    const res = await summary(a, 'split=adoption&compare=baseline');
    const { split } = res.body;
    expect(split.caption).toBe('correlation, not causation');
    const [adopted, notAdopted, exception] = split.cohorts;
    expect(adopted).toMatchObject({ status: 'adopted', entities: 2 });
    expect(adopted.dora.deploymentFrequency.count).toBe(35);
    expect(adopted.deploymentFrequencyPerEntity).toBeCloseTo(35 / 30 / 2);
    expect(adopted.timeToFirstDeploy).toEqual({ median: 5.5 * 86_400, n: 1, stalled: 0 });
    expect(adopted.comparison.leadTime).toMatchObject({ before: { value: 48 * 3600, n: 10 }, direction: 'better' });
    expect(notAdopted).toMatchObject({ status: 'not-adopted', entities: 1 });
    expect(notAdopted.dora.leadTime.median).toBe(24 * 3600);
    expect(notAdopted.comparison.leadTime).toMatchObject({ absoluteChange: 0, direction: 'same' });
    expect(exception).toMatchObject({ status: 'exception', entities: 0, deploymentFrequencyPerEntity: null });

    // without compare=, the cohorts carry no comparison; the summary is the same either way
    const plain = await summary(a, 'split=adoption');
    expect(plain.body.split.cohorts[0].comparison).toBeUndefined();
    expect(plain.body.comparison).toBeUndefined();
    expect(plain.body.dora).toEqual(res.body.dora);
    const bad = await summary(a, 'split=team');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/split/);
  });

  it("compares an annotation's before and after over a system's or a domain's components", async () => {
    const { a } = await scopedWorld(databases, databaseId);
    const note = { id: 'a-launch', at: '2026-05-18T09:00:00Z', title: 'Golden path v2', scope: 'org', tags: [] };
    await request(a).post('/annotations').set('Authorization', mockCredentials.service.header()).send(note).expect(201);
    const after = async (scope: string) => {
      const res = await request(a)
        .get(`/annotations/a-launch/impact?days=14${scope}`)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      return res.body.metrics.deploymentFrequency;
    };
    // the 14 days from 18 May: payments deploys daily (14), cart stopped on 10 May, search (discovery) deployed 4 times
    expect((await after('')).after.n).toBe(18);
    expect((await after('&scope=system:default/shop')).after.n).toBe(14);
    expect((await after('&scope=domain:default/commerce')).after.n).toBe(14);
    // the 14 days before: payments 14, cart 8 (its last 8 days)
    expect((await after('&scope=system:default/shop')).before.n).toBe(22);
  });
});

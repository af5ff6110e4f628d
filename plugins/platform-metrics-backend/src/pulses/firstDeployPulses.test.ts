import { createTestDatabases } from '../__testUtils__/databases';
import { catalogComponent, paymentsDeployment } from '../__testUtils__/records';
import { createServices } from '../__testUtils__/services';
import { FirstDeployPulses } from './firstDeployPulses';

jest.setTimeout(60_000);

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-03-10T12:00:00Z');
const settings = { enabled: true, question: 'How easy was it to get this service to production?', questionId: 'first-deploy' };

describe('the first-deploy pulses', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('asks the owner team of a new component once, after its first production deployment, on %p', async databaseId => {
    const services = await createServices(await databases.init(databaseId), {}, () => NOW);
    const { catalog } = services.stores;
    await catalog.setInstalledAtOnce(at('2026-01-01T00:00:00Z'));
    await catalog.upsertEntities(
      [
        // new (created after the installation, by annotation), first deployed 5 days ago
        { ...catalogComponent('fresh', 'group:default/pay'), annotatedCreatedAt: at('2026-03-01T00:00:00Z') },
        // new, but first deployed 15 days ago: too late to ask
        { ...catalogComponent('older', 'group:default/pay'), annotatedCreatedAt: at('2026-02-01T00:00:00Z') },
        // there before the suite: its creation (and TTFD) is unknown
        catalogComponent('legacy', 'group:default/pay'),
        // owned by a user, not a group
        { ...catalogComponent('solo', 'user:default/alice'), annotatedCreatedAt: at('2026-03-01T00:00:00Z') },
      ],
      at('2026-01-01T00:00:00Z'),
    );
    await catalog.replaceGroupMembers([
      { userRef: 'user:default/alice', groupRef: 'group:default/pay' },
      { userRef: 'user:default/bob', groupRef: 'group:default/pay' },
      { userRef: 'user:default/carol', groupRef: 'group:default/other' },
    ]);
    await services.ingest.deployments([
      paymentsDeployment({ id: 'f1', entityRef: 'fresh', finishedAt: '2026-03-05T10:00:00Z' }),
      paymentsDeployment({ id: 'f2', entityRef: 'fresh', finishedAt: '2026-03-06T10:00:00Z' }),
      paymentsDeployment({ id: 'o1', entityRef: 'older', finishedAt: '2026-02-23T10:00:00Z' }),
      paymentsDeployment({ id: 'l1', entityRef: 'legacy', finishedAt: '2026-03-08T10:00:00Z' }),
      paymentsDeployment({ id: 's1', entityRef: 'solo', finishedAt: '2026-03-08T10:00:00Z' }),
      paymentsDeployment({ id: 'st', entityRef: 'fresh', environment: 'staging', finishedAt: '2026-03-04T10:00:00Z' }),
    ]);
    await services.runRollupJob();

    const trigger = (clock = () => NOW) =>
      new FirstDeployPulses({ stores: services.stores, pulses: services.pulses, settings, pseudonymise: services.pseudonymise, clock });
    const due = await trigger().due();
    expect(due.map(p => [p.recipient, p.entityRef])).toEqual([
      ['user:default/alice', 'component:default/fresh'],
      ['user:default/bob', 'component:default/fresh'],
    ]);
    // the id names no one: derived from the entity and the user with the pseudonym key
    expect(due[0].id).toMatch(/^first-production-deploy:[0-9a-f]{64}$/);
    expect(due[0]).toMatchObject({
      source: 'platform-metrics',
      questionId: 'first-deploy',
      createdAt: at('2026-03-05T10:00:00Z'),
      expiresAt: at('2026-03-19T10:00:00Z'),
    });

    // two replicas at once, then a rerun: each pulse is created once
    const runs = await Promise.all([trigger().run(), trigger().run()]);
    expect(runs.map(r => r.received)).toEqual([2, 2]);
    expect(await trigger().run()).toEqual({ received: 2, created: 0, updated: 0, skipped: 2 });
    const alice = services.pseudonymise('user:default/alice');
    const shown = (await services.stores.pulses.currentPulse(alice, NOW))!;
    expect(shown).toMatchObject({ question: settings.question, entityRef: 'component:default/fresh' });
    expect(await services.stores.pulses.closePulse(alice, shown.key, NOW, { state: 'dismissed' })).toBe('closed');
    // one pulse for alice, however many runs: dismissed, none is left, and a rerun asks nothing again
    expect(await services.stores.pulses.currentPulse(alice, NOW)).toBeUndefined();
    await trigger().run();
    expect(await services.stores.pulses.currentPulse(alice, NOW)).toBeUndefined();
    expect(await services.stores.pulses.currentPulse(services.pseudonymise('user:default/carol'), NOW)).toBeUndefined();

    // 14 days after the first deployment nothing is due any more
    expect(await trigger(() => at('2026-03-19T10:00:00Z')).due()).toEqual([]);
    // the scheduler's abort stops a run
    const aborted = new AbortController();
    aborted.abort();
    await expect(trigger().run(aborted.signal)).rejects.toThrow();
  });
});

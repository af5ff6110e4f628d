import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { CatalogStore } from '../database/CatalogStore';
import { PulseIngestResult } from '../database/PulseStore';
import { RollupStore } from '../database/RollupStore';
import { chunks } from '../lib/collections';
import { isKind } from '../lib/refs';
import { Clock } from '../lib/time';
import { createdAtOf } from '../metrics/ttfd';
import { Pseudonymise } from '../surveys/pseudonym';
import { PulseSettings } from './pulseConfig';
import { PulseService } from './PulseService';
import { PULSE_LIFETIME, PulseInput } from './pulseValidation';

/** The source of the pulses the plugin asks itself. */
export const PLUGIN_PULSE_SOURCE = 'platform-metrics';

export const FIRST_DEPLOY_PULSE_TASK = 'platform-metrics:first-deploy-pulses';

/**
 * The pulse after a new Component's first production deployment
 * (`pulses.afterFirstProductionDeploy`): each member of its owner Group
 * (direct members, as the catalog sync recorded them) is asked once, for
 * first deployments in the last 14 days of a Component whose creation time
 * is known (its time to first deploy is defined, metrics.md §7). The id of
 * each pulse is derived from the entity and the user (keyed like the
 * pseudonyms, so it names no one), and a stored pulse is never rewritten:
 * several replicas or reruns create it once.
 */
export class FirstDeployPulses {
  constructor(
    private readonly deps: {
      stores: { rollups: Pick<RollupStore, 'firstDeployments'>; catalog: Pick<CatalogStore, 'listEntities' | 'getInstalledAt' | 'membersOfGroups'> };
      pulses: Pick<PulseService, 'ingest'>;
      settings: PulseSettings['afterFirstProductionDeploy'];
      pseudonymise: Pseudonymise;
      clock?: Clock;
    },
  ) {}

  /** The pulses due now. */
  async due(signal?: AbortSignal): Promise<PulseInput[]> {
    const { stores, settings, pseudonymise } = this.deps;
    const now = (this.deps.clock ?? Date.now)();
    const firsts = [...(await stores.rollups.firstDeployments({ to: now + 1 })).entries()].filter(
      ([, at]) => at > now - PULSE_LIFETIME,
    );
    if (firsts.length === 0) return [];
    const [entities, installedAt] = await Promise.all([
      stores.catalog.listEntities({ kind: 'component' }),
      stores.catalog.getInstalledAt(),
    ]);
    signal?.throwIfAborted();
    const byRef = new Map(entities.map(e => [e.entityRef, e]));
    const fresh = firsts.flatMap(([ref, first]) => {
      const entity = byRef.get(ref);
      if (!entity?.ownerRef || !isKind(entity.ownerRef, 'group')) return [];
      if (createdAtOf(entity, installedAt, first) === null) return [];
      return [{ entityRef: ref, ownerRef: entity.ownerRef, first }];
    });
    const members = await stores.catalog.membersOfGroups(fresh.map(f => f.ownerRef));
    signal?.throwIfAborted();
    return fresh.flatMap(f =>
      (members.get(f.ownerRef) ?? []).map(userRef => ({
        id: `first-production-deploy:${pseudonymise(`${f.entityRef}\u0000${userRef}`)}`,
        source: PLUGIN_PULSE_SOURCE,
        recipient: userRef,
        question: settings.question,
        questionId: settings.questionId,
        entityRef: f.entityRef,
        createdAt: f.first,
        expiresAt: f.first + PULSE_LIFETIME,
      })),
    );
  }

  /** Creates the pulses due now that are not stored yet. */
  async run(signal?: AbortSignal): Promise<PulseIngestResult> {
    const total: PulseIngestResult = { received: 0, created: 0, updated: 0, skipped: 0 };
    for (const batch of chunks(await this.due(signal), 1000)) {
      signal?.throwIfAborted();
      const r = await this.deps.pulses.ingest(batch, { keepExisting: true });
      total.received += r.received;
      total.created += r.created;
      total.updated += r.updated;
      total.skipped += r.skipped;
    }
    return total;
  }
}

/** Schedules the first-deploy pulses (global scope: one replica at a time) when the option is on. */
export async function scheduleFirstDeployPulses(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  trigger: FirstDeployPulses;
  enabled: boolean;
}) {
  if (!deps.enabled) return;
  await deps.scheduler.scheduleTask({
    id: FIRST_DEPLOY_PULSE_TASK,
    scope: 'global',
    frequency: { minutes: 10 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async signal => {
      const result = await deps.trigger.run(signal);
      if (result.created > 0) deps.logger.info(`First-deploy pulses: ${result.created} asked`);
    },
  });
}

import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity, RELATION_MEMBER_OF, RELATION_OWNED_BY, RELATION_PART_OF } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@platform-metrics/plugin-platform-metrics-common';
import { AdoptionSnapshot, EntityUpsert, MetricsStore } from '../database/MetricsStore';
import { PlatformMetricsOptions } from '../options';
import { CREATED_AT_ANNOTATION, classifyAdoption, countAdoption } from './adoption';

const FIELDS = ['kind', 'metadata', 'spec.type', 'spec.lifecycle', 'relations'];

function relationTarget(entity: Entity, type: string, kind: string): string | null {
  const rel = entity.relations?.find(
    r => r.type === type && r.targetRef.toLocaleLowerCase('en-US').startsWith(`${kind}:`),
  );
  return rel ? rel.targetRef.toLocaleLowerCase('en-US') : null;
}

/** Parses the created-at annotation; anything unparseable counts as absent. */
function annotatedCreatedAt(entity: Entity): number | null {
  const value = entity.metadata.annotations?.[CREATED_AT_ANNOTATION];
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

/**
 * Reads the catalog page by page and records per entity what the metrics
 * need; also group membership and today's adoption snapshot.
 */
export class CatalogSync {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      store: MetricsStore;
      logger: LoggerService;
      options: PlatformMetricsOptions;
      clock?: () => number;
    },
  ) {}

  async schedule(scheduler: SchedulerService) {
    await scheduler.scheduleTask({
      id: 'platform-metrics:catalog-sync',
      // global scope (the default): one replica runs it at a time
      scope: 'global',
      frequency: { minutes: this.deps.options.catalogSync.frequencyMinutes },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 5 },
      fn: async () => {
        await this.run();
      },
    });
  }

  async run(): Promise<{ entities: number; members: number }> {
    const { catalog, auth, store, logger, options } = this.deps;
    const now = (this.deps.clock ?? Date.now)();
    const credentials = await auth.getOwnServiceCredentials();

    const entities: EntityUpsert[] = [];
    const members: Array<{ userRef: string; groupRef: string }> = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: options.catalogSync.pageSize, fields: FIELDS }
          : {
              filter: { kind: ['Component', 'User'] },
              limit: options.catalogSync.pageSize,
              fields: FIELDS,
            },
        { credentials },
      );
      for (const entity of page.items) {
        const ref = normalizeEntityRef(
          `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`,
        );
        if (entity.kind.toLocaleLowerCase('en-US') === 'user') {
          for (const r of entity.relations ?? []) {
            if (r.type === RELATION_MEMBER_OF) {
              members.push({ userRef: ref, groupRef: r.targetRef.toLocaleLowerCase('en-US') });
            }
          }
          continue;
        }
        const adoption = classifyAdoption(entity, options.adoption);
        entities.push({
          entityRef: ref,
          kind: 'component',
          type: entity.spec?.type ? String(entity.spec.type).toLocaleLowerCase('en-US') : null,
          ownerRef: relationTarget(entity, RELATION_OWNED_BY, 'group') ?? relationTarget(entity, RELATION_OWNED_BY, 'user'),
          systemRef: relationTarget(entity, RELATION_PART_OF, 'system'),
          lifecycle: entity.spec?.lifecycle ? String(entity.spec.lifecycle) : null,
          adoptionStatus: adoption.status,
          adoptionReason: adoption.reason,
          annotatedCreatedAt: annotatedCreatedAt(entity),
        });
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    // The suite counts as installed from the first sync that saw components
    // (a catalog still processing its locations at start-up reads empty):
    // entities first seen later were created later (metrics.md §7).
    if (entities.length > 0) await store.setMetaOnce('installed_at', String(now));
    await store.upsertEntities(entities, now);
    await store.markMissingEntities(now);
    await store.replaceGroupMembers(members);
    await store.upsertAdoptionSnapshots(this.snapshots(entities, now));
    // the rollup job recomputes the precomputed summaries after a sync
    await store.setMeta('catalog_synced_at', String(now));
    logger.info(`Catalog sync recorded ${entities.length} components and ${members.length} memberships`);
    return { entities: entities.length, members: members.length };
  }

  private snapshots(entities: EntityUpsert[], now: number): AdoptionSnapshot[] {
    const day = new Date(now).toISOString().slice(0, 10);
    const scopes = new Map<string, EntityUpsert[]>();
    const add = (key: string, e: EntityUpsert) => {
      const list = scopes.get(key);
      if (list) list.push(e);
      else scopes.set(key, [e]);
    };
    for (const e of entities) {
      add('org\u0000org', e);
      if (e.ownerRef) add(`group\u0000${e.ownerRef}`, e);
      if (e.systemRef) add(`system\u0000${e.systemRef}`, e);
    }
    return [...scopes.entries()].map(([key, list]) => {
      const [scopeType, scopeRef] = key.split('\u0000') as [AdoptionSnapshot['scopeType'], string];
      return { day, scopeType, scopeRef, ...countAdoption(list.map(e => e.adoptionStatus)) };
    });
  }
}

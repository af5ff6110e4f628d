import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, RELATION_MEMBER_OF, RELATION_OWNED_BY, RELATION_PART_OF } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AdoptionSnapshot, CatalogStore, EntityAnnotation, EntityUpsert } from '../database/CatalogStore';
import { DependencyGraph } from '../database/DependencyStore';
import { PeopleStore, UserUpsert } from '../database/PeopleStore';
import { PlatformMetricsSettings } from '../config';
import { groupBy } from '../lib/collections';
import { isKind, lower, normalizeEntityRef } from '../lib/refs';
import { Clock, isoDay } from '../lib/time';
import { MATCH_ANNOTATIONS } from '../webhooks/types';
import { userOf } from './users';
import { CREATED_AT_ANNOTATION, classifyAdoption, countAdoption, sourceTemplateOf } from './adoption';
import { dependsOnOf, resourceOf } from './dependencies';

const FIELDS = ['kind', 'metadata', 'spec.type', 'spec.lifecycle', 'spec.profile.email', 'relations'];

function relationTarget(entity: Entity, type: string, kind: string): string | null {
  const rel = entity.relations?.find(r => r.type === type && isKind(r.targetRef, kind));
  return rel ? lower(rel.targetRef) : null;
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
 * need; also the groups with their types, group membership and today's
 * adoption snapshot.
 */
export class CatalogSync {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      store: CatalogStore;
      logger: LoggerService;
      settings: PlatformMetricsSettings;
      /** Where the Users are recorded with their email and start date (metrics.md §5, §6d). */
      people?: PeopleStore;
      clock?: Clock;
    },
  ) {}

  /** One sync. An abort between pages stops it before anything is written. */
  async run(signal?: AbortSignal): Promise<{ entities: number; members: number; groups: number }> {
    const { catalog, auth, store, logger, settings } = this.deps;
    const now = (this.deps.clock ?? Date.now)();
    const credentials = await auth.getOwnServiceCredentials();
    const limit = settings.catalogSync.pageSize;

    const entities: EntityUpsert[] = [];
    const members: Array<{ userRef: string; groupRef: string }> = [];
    const users: UserUpsert[] = [];
    // Groups with their spec.type: only reporting groups get NPS (metrics.md §8a)
    const groups: Array<{ groupRef: string; type: string | null }> = [];
    // Systems with their Domain: a domain's summary is the components of its systems
    const systems: Array<{ systemRef: string; domainRef: string | null }> = [];
    // the annotations webhook deliveries are matched on (lower-cased values)
    const annotations: EntityAnnotation[] = [];
    // Resources and the dependsOn relations: who an incident affects (metrics.md §14)
    const resources: DependencyGraph['resources'] = [];
    const dependencies: DependencyGraph['edges'] = [];
    let cursor: string | undefined;
    do {
      signal?.throwIfAborted();
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit, fields: FIELDS }
          : { filter: { kind: ['Component', 'User', 'Group', 'System', 'Resource'] }, limit, fields: FIELDS },
        { credentials },
      );
      for (const entity of page.items) {
        const ref = normalizeEntityRef(
          `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`,
        );
        if (lower(entity.kind) === 'user') {
          users.push(userOf(ref, entity));
          for (const r of entity.relations ?? []) {
            if (r.type === RELATION_MEMBER_OF) members.push({ userRef: ref, groupRef: lower(r.targetRef) });
          }
          continue;
        }
        if (lower(entity.kind) === 'group') {
          groups.push({ groupRef: ref, type: entity.spec?.type ? lower(String(entity.spec.type)) : null });
          continue;
        }
        if (lower(entity.kind) === 'resource') {
          resources.push(resourceOf(ref, entity));
          dependencies.push(...dependsOnOf(ref, entity));
          continue;
        }
        if (lower(entity.kind) === 'system') {
          systems.push({ systemRef: ref, domainRef: relationTarget(entity, RELATION_PART_OF, 'domain') });
          continue;
        }
        for (const annotation of MATCH_ANNOTATIONS) {
          const value = entity.metadata.annotations?.[annotation]?.trim();
          if (value) annotations.push({ entityRef: ref, annotation, value: lower(value) });
        }
        dependencies.push(...dependsOnOf(ref, entity));
        const adoption = classifyAdoption(entity, settings.adoption);
        entities.push({
          entityRef: ref,
          kind: 'component',
          type: entity.spec?.type ? lower(String(entity.spec.type)) : null,
          ownerRef:
            relationTarget(entity, RELATION_OWNED_BY, 'group') ?? relationTarget(entity, RELATION_OWNED_BY, 'user'),
          systemRef: relationTarget(entity, RELATION_PART_OF, 'system'),
          lifecycle: entity.spec?.lifecycle ? String(entity.spec.lifecycle) : null,
          adoptionStatus: adoption.status,
          adoptionReason: adoption.reason,
          adoptionRule: adoption.rule,
          sourceTemplate: sourceTemplateOf(entity),
          annotatedCreatedAt: annotatedCreatedAt(entity),
        });
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    signal?.throwIfAborted();

    // The suite counts as installed from the first sync that saw components
    // (a catalog still processing its locations at start-up reads empty):
    // entities first seen later were created later (metrics.md §7).
    if (entities.length > 0) await store.setInstalledAtOnce(now);
    await store.upsertEntities(entities, now);
    await store.markMissingEntities(now);
    await store.replaceGroupMembers(members);
    await this.deps.people?.syncUsers(users, now);
    await store.replaceGroups(groups);
    await store.replaceSystems(systems);
    await store.replaceAnnotations(annotations);
    await store.replaceDependencies({ resources, edges: dependencies });
    await store.upsertAdoptionSnapshots(snapshots(entities, systems, now));
    // the summary cache recomputes the precomputed summaries after a sync
    await store.setSyncedAt(now);
    logger.info(
      `Catalog sync recorded ${entities.length} components, ${groups.length} groups and ${members.length} memberships`,
    );
    return { entities: entities.length, members: members.length, groups: groups.length };
  }
}

/** Today's adoption snapshot of the org, each owner group, each system and each domain. */
function snapshots(
  entities: EntityUpsert[],
  systems: Array<{ systemRef: string; domainRef: string | null }>,
  now: number,
): AdoptionSnapshot[] {
  const day = isoDay(now);
  const domainOf = new Map(systems.map(s => [s.systemRef, s.domainRef]));
  const scopes = groupBy(
    entities.flatMap(e => {
      const domainRef = e.systemRef ? domainOf.get(e.systemRef) : undefined;
      return [
        { key: 'org\u0000org', e },
        ...(e.ownerRef ? [{ key: `group\u0000${e.ownerRef}`, e }] : []),
        ...(e.systemRef ? [{ key: `system\u0000${e.systemRef}`, e }] : []),
        ...(domainRef ? [{ key: `domain\u0000${domainRef}`, e }] : []),
      ];
    }),
    s => s.key,
  );
  return [...scopes.entries()].map(([key, list]) => {
    const [scopeType, scopeRef] = key.split('\u0000') as [AdoptionSnapshot['scopeType'], string];
    return { day, scopeType, scopeRef, ...countAdoption(list.map(s => s.e.adoptionStatus)) };
  });
}

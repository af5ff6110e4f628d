import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@backstage/errors';
import { Annotation, AnnotationImpact } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsSettings } from '../config';
import { AnnotationRow, AnnotationStore } from '../database/AnnotationStore';
import { CatalogStore } from '../database/CatalogStore';
import { RollupStore } from '../database/RollupStore';
import { isKind } from '../lib/refs';
import { Clock, windowJson } from '../lib/time';
import { Memo } from '../lib/memo';
import { ImpactMetrics, compareImpact, impactWindows } from '../metrics/impact';
import { scopeEntities, scopeOfRef } from '../metrics/scope';
import { AnnotationInput, MAX_ANNOTATIONS } from '../schema/annotationValidation';

/** The org-wide scope. */
export const ORG = 'org';

function annotationJson(r: AnnotationRow): Annotation {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    title: r.title,
    description: r.description,
    url: r.url,
    scope: r.scope,
    tags: r.tags,
    createdBy: r.createdBy,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/**
 * Platform-change annotations and their before/after comparison
 * (metrics.md §11).
 */
export class AnnotationService {
  constructor(
    private readonly stores: { annotations: AnnotationStore; catalog: CatalogStore; rollups: RollupStore },
    private readonly settings: Pick<PlatformMetricsSettings, 'minSamples'>,
    private readonly clock: Clock = Date.now,
  ) {
    this.impacts = new Memo({ max: 256, ttlMs: 10 * 60_000 }, clock);
  }

  /**
   * Before/after answers given lately, keyed by the scope, both windows, the
   * rollup version and the last catalog sync: an annotation's comparison is
   * fixed until a rollup is written, and every reader of a chart opens it.
   */
  private readonly impacts: Memo<ImpactMetrics>;

  /** Creates it, or replaces the one of the same id (idempotent); `created` says which. */
  async put(input: AnnotationInput, writer: string): Promise<{ annotation: Annotation; created: boolean }> {
    const { row, created } = await this.stores.annotations.upsert(
      {
        id: input.id ?? randomUUID(),
        at: input.at,
        title: input.title,
        description: input.description?.trim() || null,
        url: input.url ?? null,
        scope: input.scope,
        tags: input.tags,
        createdBy: writer,
      },
      this.clock(),
    );
    return { annotation: annotationJson(row), created };
  }

  /**
   * The scopes whose annotations show in `scope`: an entity's own, its owner
   * group's and the org's; a group's own and the org's; the org's. Without a
   * scope, every annotation.
   */
  async visibleScopes(scope?: string): Promise<string[] | undefined> {
    if (!scope) return undefined;
    if (scope === ORG) return [ORG];
    if (isKind(scope, 'group')) return [scope, ORG];
    const entity = await this.stores.catalog.getEntity(scope);
    return [...new Set([scope, ...(entity?.ownerRef ? [entity.ownerRef] : []), ORG])];
  }

  async list(query: { scope?: string; from?: number; to?: number }): Promise<Annotation[]> {
    const rows = await this.stores.annotations.list({
      scopes: await this.visibleScopes(query.scope),
      from: query.from,
      to: query.to,
      limit: MAX_ANNOTATIONS,
    });
    return rows.map(annotationJson);
  }

  private async get(id: string): Promise<AnnotationRow> {
    const row = await this.stores.annotations.get(id);
    if (!row) throw new NotFoundError(`No annotation ${id}`);
    return row;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.stores.annotations.delete(id))) throw new NotFoundError(`No annotation ${id}`);
  }

  /**
   * The entities a scope covers: all for the org; a group's, a system's or a
   * domain's components; or the one entity.
   */
  private async entitiesOf(ref: string): Promise<string[] | undefined> {
    const scope = await scopeOfRef(ref, this.stores.catalog);
    if (!scope) return [ref];
    if (scope.type === 'org') return undefined;
    return (await scopeEntities(scope, this.stores.catalog)).map(e => e.entityRef);
  }

  /** Before/after the annotation over `days` days, in its scope or in `scope`. */
  async impact(id: string, days: AnnotationImpact['days'], scope?: string): Promise<AnnotationImpact> {
    const row = await this.get(id);
    const at = scope ?? row.scope;
    const windows = impactWindows(row.at, days, this.clock());
    const [version, syncedAt] = await Promise.all([this.stores.rollups.rollupVersion(), this.stores.catalog.getSyncedAt()]);
    const key = JSON.stringify([at, windows.before.from, windows.after.to, version, syncedAt ?? null]);
    const metrics = await this.impacts.get(key, async () => {
      const byEntity = await this.stores.rollups.listEntityDays({
        entityRefs: await this.entitiesOf(at),
        from: windows.before.from,
        to: windows.after.to,
      });
      const all = [...byEntity.values()].flat();
      return compareImpact(
        all.filter(d => d.day < windows.before.to),
        all.filter(d => d.day >= windows.after.from),
        windows,
        this.settings.minSamples,
      );
    });
    return {
      annotation: annotationJson(row),
      scope: at,
      days,
      before: windowJson(windows.before),
      after: windowJson(windows.after),
      complete: windows.complete,
      minSamples: this.settings.minSamples,
      alpha: 0.05,
      metrics,
    };
  }
}

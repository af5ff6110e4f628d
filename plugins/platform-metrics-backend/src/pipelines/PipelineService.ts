import {
  EntityPipelines,
  IngestResult,
  OrgPipelines,
} from '@platform-metrics/plugin-platform-metrics-common';
import { CatalogStore } from '../database/CatalogStore';
import { PipelineStore } from '../database/PipelineStore';
import { byOwner } from '../catalog/owners';
import { groupBy } from '../lib/collections';
import { Window, windowJson } from '../lib/time';
import { durationOf, pipelineFigures, pipelineTrend } from '../metrics/pipelines';
import { PipelineRunInput } from '../schema/pipelineValidation';

/**
 * CI pipeline duration and flakiness (metrics.md §17): ingestion of runs,
 * and their figures per entity, per owning team and org-wide. Runs are read
 * per request by index (entity, finish time); nothing is precomputed.
 */
export class PipelineService {
  constructor(
    private readonly stores: {
      pipelines: PipelineStore;
      catalog: CatalogStore;
    },
  ) {}

  ingest(runs: PipelineRunInput[]): Promise<IngestResult> {
    return this.stores.pipelines.upsertRuns(runs);
  }

  async entity(entityRef: string, window: Window): Promise<EntityPipelines> {
    const runs = await this.stores.pipelines.listRuns({
      from: window.from,
      to: window.to,
      entityRefs: [entityRef],
    });
    return {
      entityRef,
      window: windowJson(window),
      ...pipelineFigures(runs),
      trend: pipelineTrend(runs, window),
    };
  }

  /**
   * The duration figures and the weekly trend of each window, org-wide or of
   * one group's components, from one read of the runs over all of them:
   * what a CI duration target reads (its current window and its year).
   */
  async durations(windows: Window[], group?: string): Promise<Pick<OrgPipelines, 'duration' | 'trend'>[]> {
    if (windows.length === 0) return [];
    const entityRefs = group
      ? (await this.stores.catalog.listEntities({ kind: 'component', ownerRef: group })).map(e => e.entityRef)
      : undefined;
    const runs = await this.stores.pipelines.listRuns({
      from: Math.min(...windows.map(w => w.from)),
      to: Math.max(...windows.map(w => w.to)),
      entityRefs,
    });
    return windows.map(w => {
      const inWindow = runs.filter(r => r.finishedAt >= w.from && r.finishedAt < w.to);
      return { duration: durationOf(inWindow), trend: pipelineTrend(inWindow, w) };
    });
  }

  /**
   * Org-wide (every run), or one group's (the runs of the components it
   * owns), with a row per owning team of the scope's components.
   */
  async org(window: Window, group?: string): Promise<OrgPipelines> {
    const entities = await this.stores.catalog.listEntities({
      kind: 'component',
      ownerRef: group,
    });
    const runs = await this.stores.pipelines.listRuns({
      from: window.from,
      to: window.to,
      entityRefs: group ? entities.map(e => e.entityRef) : undefined,
    });
    const runsOf = groupBy(runs, r => r.entityRef);
    const teams = byOwner(entities).map(([groupRef, owned]) => ({
      groupRef,
      entities: owned.length,
      ...pipelineFigures(owned.flatMap(e => runsOf.get(e.entityRef) ?? [])),
    }));
    return {
      window: windowJson(window),
      group: group ?? null,
      ...pipelineFigures(runs),
      trend: pipelineTrend(runs, window),
      teams,
    };
  }
}

import {
  DeploymentSummary,
  EntityScorecard,
} from '@platform-metrics/plugin-platform-metrics-common';
import { describeRule } from '../catalog/adoption';
import { PlatformMetricsSettings } from '../config';
import { CatalogStore, EntityRow } from '../database/CatalogStore';
import { DeploymentRow, EventStore } from '../database/EventStore';
import { Window, isoOrNull, windowJson } from '../lib/time';
import { CompareWith, referenceWindow } from './comparison';
import { EntityFacts, summarise, weeklyTrend } from './dora';
import { ALPHA, compareImpact } from './impact';
import { MetricsReader } from './MetricsReader';
import { failedDeploymentRecoveryTime } from './recovery';
import { createdAtOf, ttfdSeconds } from './ttfd';

/** How many of the latest deployments and incidents a scorecard lists. */
const RECENT = 20;

function deploymentSummary(d: DeploymentRow): DeploymentSummary {
  return {
    id: d.id,
    source: d.source,
    environment: d.environment,
    status: d.status,
    type: d.type,
    version: d.version,
    finishedAt: new Date(d.finishedAt).toISOString(),
    changes: d.changeCount,
    causedFailure: d.causedFailure ?? false,
  };
}

/**
 * Golden-path status as a scorecard shows it: the matched rule for an
 * adopted entity, and the configured rules (any of which adopts) for one
 * that is not adopted.
 */
function adoptionOf(
  entity: EntityRow | undefined,
  settings: PlatformMetricsSettings,
): EntityScorecard['adoption'] {
  if (!entity)
    return { status: 'not-eligible', reason: 'Not (yet) seen in the catalog' };
  const adoption: EntityScorecard['adoption'] = {
    status: entity.adoptionStatus,
    reason: entity.adoptionReason,
  };
  if (entity.adoptionStatus === 'adopted' && entity.adoptionRule)
    adoption.rule = entity.adoptionRule;
  if (entity.adoptionStatus === 'not-adopted')
    adoption.rules = settings.adoption.rules.map(describeRule);
  return adoption;
}

/** The scorecard of one entity (metrics.md §1-7), always computed on request. */
export class ScorecardService {
  constructor(
    private readonly stores: { events: EventStore; catalog: CatalogStore },
    private readonly reader: MetricsReader,
    private readonly settings: PlatformMetricsSettings,
  ) {}

  async getScorecard(
    entityRef: string,
    window: Window,
    compare?: CompareWith,
  ): Promise<EntityScorecard> {
    const { events, catalog } = this.stores;
    // the reference period is read beside the window, not after it
    const reference = compare
      ? referenceWindow(compare, window, this.settings)
      : undefined;
    const [
      facts,
      firsts,
      recentDeployments,
      entity,
      installedAt,
      recentIncidents,
      incomplete,
      referenceFacts,
    ] = await Promise.all([
      this.reader.facts(window, [entityRef]),
      this.reader.firstDeployments(window, [entityRef]),
      events.listRecentDeployments(entityRef, window.to, RECENT),
      catalog.getEntity(entityRef),
      this.reader.installedAt(),
      events.listRecentIncidents(entityRef, window.to, RECENT),
      events.countIncompleteChanges({
        entityRef,
        from: window.from,
        to: window.to,
        productionEnvironments: this.settings.productionEnvironments,
      }),
      reference && this.reader.facts(reference.window, [entityRef]),
    ]);
    const own = facts.get(entityRef)!;
    const firstDeployAt = firsts.get(entityRef) ?? null;
    const createdAt = entity
      ? createdAtOf(entity, installedAt, firstDeployAt ?? undefined)
      : null;

    const dora = summarise([own], window, this.settings);
    const total = dora.deploymentFrequency.count;
    return {
      ...(compare &&
        reference && {
          comparison: this.comparison(
            compare,
            reference,
            window,
            own,
            referenceFacts,
          ),
        }),
      entityRef,
      window: windowJson(window),
      benchmark: this.settings.benchmark,
      minSamples: this.settings.minSamples,
      dora,
      changeDataCoverage: {
        complete: total - incomplete,
        total,
        share: total ? (total - incomplete) / total : null,
      },
      failedDeploymentRecoveryTime: failedDeploymentRecoveryTime(
        [own],
        this.settings,
      ),
      adoption: adoptionOf(entity, this.settings),
      timeToFirstDeploy: {
        seconds: ttfdSeconds(createdAt, firstDeployAt),
        createdAt: isoOrNull(createdAt),
        firstDeployAt: isoOrNull(firstDeployAt),
      },
      trend: weeklyTrend([own], window),
      recentDeployments: recentDeployments.map(deploymentSummary),
      recentIncidents: recentIncidents.map(i => ({
        id: i.id,
        source: i.source,
        severity: i.severity,
        openedAt: new Date(i.openedAt).toISOString(),
        resolvedAt: isoOrNull(i.resolvedAt),
        causedBy: i.causedBy,
      })),
    };
  }

  /** The window's DORA metrics against the reference period's, from the same day rollups (metrics.md §9). */
  private comparison(
    compare: CompareWith,
    reference: { window: Window; label: string },
    window: Window,
    own: EntityFacts,
    referenceFacts: Map<string, EntityFacts> | undefined,
  ): EntityScorecard['comparison'] {
    const metrics = compareImpact(
      referenceFacts?.get(own.entityRef)?.days ?? [],
      own.days,
      { before: reference.window, after: window, complete: true },
      this.settings.minSamples,
    );
    return {
      against: compare,
      label: reference.label,
      reference: windowJson(reference.window),
      minSamples: this.settings.minSamples,
      alpha: ALPHA,
      metrics,
    };
  }
}

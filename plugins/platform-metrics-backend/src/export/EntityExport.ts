import { EntityMetrics } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsSettings } from '../config';
import { CatalogStore, EntityRow } from '../database/CatalogStore';
import { chunks } from '../lib/collections';
import { Window, isoOrNull } from '../lib/time';
import { summarise } from '../metrics/dora';
import { MetricsReader } from '../metrics/MetricsReader';
import { SummaryScope, scopeEntities } from '../metrics/scope';
import { createdAtOf, ttfdSeconds } from '../metrics/ttfd';

/** Entities read and written per step of the export: its memory stays flat at any catalog size. */
const BATCH = 250;

/** The columns of `GET /export/entities.csv`, in order (docs/metrics.md, "Export"). */
export const EXPORT_COLUMNS = [
  'entityRef',
  'ownerRef',
  'systemRef',
  'adoptionStatus',
  'windowFrom',
  'windowTo',
  'deployments',
  'deploymentsPerWeek',
  'deploymentFrequencyTier',
  'leadTimeMedianSeconds',
  'leadTimeP90Seconds',
  'leadTimeChanges',
  'leadTimeTier',
  'changeFailureRate',
  'failedDeployments',
  'changeFailureRateTier',
  'timeToRestoreMedianSeconds',
  'timeToRestoreIncidents',
  'openIncidents',
  'timeToRestoreTier',
  'reworkRate',
  'overallTier',
  'createdAt',
  'firstDeployAt',
  'timeToFirstDeploySeconds',
] as const;

type Cell = string | number | null;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
 * break, and prefixed with an apostrophe when a spreadsheet would read it
 * as a formula. Null is an empty field.
 */
export function csvField(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: Cell[]) => `${cells.map(csvField).join(',')}\r\n`;

/** The CSV cells of a row, in the order of {@link EXPORT_COLUMNS}. */
function csvCells(r: EntityMetrics, from: string | null, to: string | null): Cell[] {
  const d = r.dora;
  return [
    r.entityRef,
    r.ownerRef,
    r.systemRef,
    r.adoptionStatus,
    from,
    to,
    d.deploymentFrequency.count,
    d.deploymentFrequency.perWeek,
    d.deploymentFrequency.tier,
    d.leadTime.median,
    d.leadTime.p90,
    d.leadTime.n,
    d.leadTime.tier,
    d.changeFailureRate.value,
    d.changeFailureRate.failed,
    d.changeFailureRate.tier,
    d.timeToRestore.median,
    d.timeToRestore.n,
    d.timeToRestore.open,
    d.timeToRestore.tier,
    d.reworkRate.value,
    d.overallTier,
    r.createdAt,
    r.firstDeployAt,
    r.timeToFirstDeploySeconds,
  ];
}

/**
 * The per-entity metrics of a window, for the team, system and domain tabs
 * (JSON) and for spreadsheets and quarterly reviews (CSV): one row per
 * component in scope, with the same definitions as the scorecard
 * (docs/metrics.md §1-7), read from the day rollups in batches.
 */
export class EntityExport {
  constructor(
    private readonly stores: { catalog: CatalogStore },
    private readonly reader: MetricsReader,
    private readonly settings: PlatformMetricsSettings,
  ) {}

  /** The components in scope, as the catalog sync recorded them, by ref. */
  entities(scope: SummaryScope): Promise<EntityRow[]> {
    return scopeEntities(scope, this.stores.catalog);
  }

  /** Each entity's metrics of the window, one batch of entities per read. */
  async *rows(window: Window, entities: EntityRow[]): AsyncGenerator<EntityMetrics[]> {
    const installedAt = await this.reader.installedAt();
    for (const batch of chunks(entities, BATCH)) {
      const refs = batch.map(e => e.entityRef);
      const [facts, firsts] = await Promise.all([
        this.reader.facts(window, refs),
        this.reader.firstDeployments(window, refs),
      ]);
      yield batch.map(e => {
        const first = firsts.get(e.entityRef) ?? null;
        const createdAt = createdAtOf(e, installedAt, first ?? undefined);
        return {
          entityRef: e.entityRef,
          ownerRef: e.ownerRef,
          systemRef: e.systemRef,
          adoptionStatus: e.adoptionStatus,
          dora: summarise([facts.get(e.entityRef)!], window, this.settings),
          createdAt: isoOrNull(createdAt),
          firstDeployAt: isoOrNull(first),
          timeToFirstDeploySeconds: ttfdSeconds(createdAt, first),
        };
      });
    }
  }

  /** The CSV: the header, then one chunk of lines per batch of entities. */
  async *csv(window: Window, entities: EntityRow[]): AsyncGenerator<string> {
    const from = isoOrNull(window.from);
    const to = isoOrNull(window.to);
    let header = false;
    for await (const batch of this.rows(window, entities)) {
      if (!header) {
        header = true;
        yield line([...EXPORT_COLUMNS]);
      }
      yield batch.map(r => line(csvCells(r, from, to))).join('');
    }
    if (!header) yield line([...EXPORT_COLUMNS]);
  }
}

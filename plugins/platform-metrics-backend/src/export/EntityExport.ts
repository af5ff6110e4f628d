import { PlatformMetricsSettings } from '../config';
import { CatalogStore, EntityRow } from '../database/CatalogStore';
import { chunks } from '../lib/collections';
import { Window, isoOrNull } from '../lib/time';
import { summarise } from '../metrics/dora';
import { MetricsReader } from '../metrics/MetricsReader';
import { SummaryScope, inScope } from '../metrics/scope';
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

/**
 * The per-entity metrics of a window as CSV, for spreadsheets and quarterly
 * reviews: one row per component in scope, with the same definitions as the
 * scorecard (docs/metrics.md §1-7), read from the day rollups in batches.
 */
export class EntityExport {
  constructor(
    private readonly stores: { catalog: CatalogStore },
    private readonly reader: MetricsReader,
    private readonly settings: PlatformMetricsSettings,
  ) {}

  /** The components in scope, as the catalog sync recorded them, by ref. */
  async entities(scope: SummaryScope): Promise<EntityRow[]> {
    const listed = await this.stores.catalog.listEntities({
      kind: 'component',
      ownerRef: scope.type === 'group' ? scope.ref : undefined,
    });
    return listed.filter(e => inScope(scope, e));
  }

  /** The header, then one chunk of rows per batch of entities. */
  async *chunks(window: Window, entities: EntityRow[]): AsyncGenerator<string> {
    const installedAt = await this.reader.installedAt();
    yield line([...EXPORT_COLUMNS]);
    const from = isoOrNull(window.from);
    const to = isoOrNull(window.to);
    for (const batch of chunks(entities, BATCH)) {
      const refs = batch.map(e => e.entityRef);
      const [facts, firsts] = await Promise.all([
        this.reader.facts(window, refs),
        this.reader.firstDeployments(window, refs),
      ]);
      yield batch
        .map(e => {
          const d = summarise([facts.get(e.entityRef)!], window, this.settings);
          const first = firsts.get(e.entityRef);
          const createdAt = createdAtOf(e, installedAt, first);
          return line([
            e.entityRef,
            e.ownerRef,
            e.systemRef,
            e.adoptionStatus,
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
            isoOrNull(createdAt),
            isoOrNull(first ?? null),
            ttfdSeconds(createdAt, first ?? null),
          ]);
        })
        .join('');
    }
  }
}

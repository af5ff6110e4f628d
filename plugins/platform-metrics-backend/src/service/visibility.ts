import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { lower, normalizeEntityRef } from '../lib/refs';

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace'];
const PAGE = 1000;

/** Whether the caller is a signed-in user: only users' reads are narrowed to what they may see in the catalog. */
function isUser(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type?: string } | null)?.type === 'user';
}

const kindOf = (ref: string) => ref.slice(0, ref.indexOf(':'));

/**
 * What a caller may see of the catalog, asked of the catalog with the
 * caller's own credentials, so the catalog's permission policy
 * (`catalog.entity.read`) decides. Nothing is cached across calls or callers.
 *
 * Only user principals are checked: a service's request reaches the catalog
 * as this plugin's own service identity, so the catalog's answer would say
 * nothing about the calling service, and a CI pipeline that ingests must
 * keep working for entities the catalog does not hold yet.
 */
export class CatalogVisibility {
  constructor(private readonly catalog: CatalogService) {}

  /** Throws NotFoundError unless the caller may see `entityRef` (a normalised ref) in the catalog. */
  async assertVisible(entityRef: string, credentials: BackstageCredentials): Promise<void> {
    if (!isUser(credentials)) return;
    const entity = await this.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef} found`);
  }

  /** The normalised refs of the entities of `kinds` that the caller may see. */
  async visibleRefs(kinds: string[], credentials: BackstageCredentials): Promise<Set<string>> {
    const refs = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor ? { cursor, limit: PAGE, fields: FIELDS } : { filter: { kind: kinds }, limit: PAGE, fields: FIELDS },
        { credentials },
      );
      for (const e of page.items) {
        refs.add(normalizeEntityRef(`${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`));
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return refs;
  }

  /**
   * The rows whose `key` entity the caller may see (all of them for a
   * service); for the team rows and entity lists of the KPI reads.
   */
  async filterRows<T>(rows: T[], key: (row: T) => string, credentials: BackstageCredentials): Promise<T[]> {
    if (!isUser(credentials) || rows.length === 0) return rows;
    const visible = await this.visibleRefs([...new Set(rows.map(r => kindOf(lower(key(r)))))], credentials);
    return rows.filter(r => visible.has(lower(key(r))));
  }

  /**
   * The summary with only the team rows, systems and templates the caller
   * may see: `teams[]` rows of owners (groups, or users), `adoption.bySystem`
   * rows of systems and `templates[]` rows of software templates hidden from
   * the caller (or not in the catalog) are left out (a row without a system
   * stays). The figures pooled over the whole scope are not changed.
   */
  async filterSummary(summary: OrgSummary, credentials: BackstageCredentials): Promise<OrgSummary> {
    if (!isUser(credentials)) return summary;
    const kinds = new Set(['group', 'system']);
    for (const team of summary.teams) kinds.add(kindOf(lower(team.groupRef)));
    // (a summary stored by an older version has no templates: SummaryCache drops those at start-up)
    const templates = summary.templates ?? [];
    for (const row of templates) kinds.add(kindOf(lower(row.template)));
    const visible = await this.visibleRefs([...kinds], credentials);
    const sees = (ref: string | null | undefined) => ref === null || ref === undefined || visible.has(lower(ref));
    return {
      ...summary,
      teams: summary.teams.filter(t => sees(t.groupRef)),
      adoption: { ...summary.adoption, bySystem: summary.adoption.bySystem.filter(s => sees(s.systemRef)) },
      templates: templates.filter(t => sees(t.template)),
    };
  }
}

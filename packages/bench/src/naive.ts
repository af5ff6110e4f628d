/**
 * The naive baseline: DORA metrics computed on every request straight from
 * the raw event tables with plain, set-based SQL, in the style of Google's
 * Four Keys queries, using only the indexes the plugin's migration creates.
 *
 * Same definitions as metrics.md (and the plugin) for the window [from, to):
 * - deployments: successful production deployments finished in the window;
 * - lead time: a change counts once, at the entity's earliest successful
 *   production deployment that shipped it, if that one is in the window
 *   (one entity: changes of the window's deployments that no earlier such
 *   deployment shipped, an anti-join on the (entity_ref, change_id) index;
 *   org-wide: one hash join and GROUP BY ... HAVING over all changes, which
 *   beat the anti-join's ~500k index probes at the large size);
 * - change failure: named by an incident's caused_by, remediated by another
 *   deployment in the window, or (nearest-deployment) the last deployment in
 *   the window that finished before an incident without caused_by opened;
 * - time to restore: incidents resolved in the window.
 * Medians are exact (percentile_cont(0.5) on PostgreSQL; the two middle rows
 * by row_number() on SQLite, which has no percentile function).
 */

const PROD = `('production', 'prod')`;

/** One entity's 90-day DORA numbers. PostgreSQL; $1 entity, $2 from, $3 to. */
export const PG_ENTITY_SQL = `
WITH d AS (
  SELECT source, id, finished_at, remediates
  FROM pm_deployments
  WHERE entity_ref = $1 AND environment IN ${PROD} AND status = 'succeeded'
    AND finished_at >= $2 AND finished_at < $3
),
first_changes AS (
  SELECT c.change_id, min(d.finished_at) AS deployed_at, min(c.committed_at) AS committed_at
  FROM d JOIN pm_deployment_changes c ON c.source = d.source AND c.deployment_id = d.id
  WHERE NOT EXISTS (
    SELECT 1 FROM pm_deployment_changes c2
    JOIN pm_deployments d2 ON d2.source = c2.source AND d2.id = c2.deployment_id
    WHERE c2.entity_ref = $1 AND c2.change_id = c.change_id
      AND d2.status = 'succeeded' AND d2.environment IN ${PROD} AND d2.finished_at < $2)
  GROUP BY c.change_id
),
inc AS (
  SELECT id, opened_at, resolved_at, caused_by FROM pm_incidents
  WHERE entity_ref = $1 AND opened_at < $3
),
failed AS (
  SELECT i.caused_by AS id FROM inc i WHERE i.caused_by IN (SELECT id FROM d)
  UNION
  SELECT r.remediates FROM d r WHERE r.remediates <> r.id AND r.remediates IN (SELECT id FROM d)
  UNION
  SELECT (SELECT d.id FROM d WHERE d.finished_at < i.opened_at ORDER BY d.finished_at DESC, d.id DESC LIMIT 1)
  FROM inc i WHERE i.caused_by IS NULL AND i.opened_at >= $2
)
SELECT
  (SELECT count(*) FROM d) AS deployments,
  (SELECT count(*) FROM failed WHERE id IS NOT NULL) AS failed,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (deployed_at - committed_at) / 1000.0)
     FROM first_changes WHERE deployed_at > committed_at) AS lead_time_median,
  (SELECT count(*) FROM first_changes WHERE deployed_at > committed_at) AS lead_time_n,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (resolved_at - opened_at) / 1000.0)
     FROM inc WHERE resolved_at >= $2 AND resolved_at < $3) AS restore_median,
  (SELECT count(*) FROM inc WHERE resolved_at >= $2 AND resolved_at < $3) AS restore_n
`;

/**
 * Org-wide and per-owner-team pooled DORA numbers over the catalog's
 * components. PostgreSQL; $1 from, $2 to. One row per scope ('(org)' or a group ref).
 */
export const PG_ORG_SQL = `
WITH ent AS NOT MATERIALIZED (
  SELECT entity_ref, owner_ref FROM pm_entities WHERE in_catalog AND kind = 'component'
),
d AS (
  SELECT d.source, d.id, d.entity_ref, d.finished_at, d.remediates
  FROM pm_deployments d JOIN ent e ON e.entity_ref = d.entity_ref
  WHERE d.environment IN ${PROD} AND d.status = 'succeeded'
    AND d.finished_at >= $1 AND d.finished_at < $2
),
first_changes AS (
  -- each change at the entity's first successful production deployment that
  -- shipped it, kept when that one is in the window
  SELECT c.entity_ref, c.change_id, min(d.finished_at) AS deployed_at, min(c.committed_at) AS committed_at
  FROM pm_deployment_changes c
  JOIN pm_deployments d ON d.source = c.source AND d.id = c.deployment_id
  WHERE d.status = 'succeeded' AND d.environment IN ${PROD} AND d.finished_at < $2
  GROUP BY c.entity_ref, c.change_id
  HAVING min(d.finished_at) >= $1
),
inc AS (
  SELECT i.entity_ref, i.id, i.opened_at, i.resolved_at, i.caused_by
  FROM pm_incidents i JOIN ent e ON e.entity_ref = i.entity_ref
  WHERE i.opened_at < $2
    AND (i.opened_at >= $1 OR i.resolved_at >= $1 OR i.caused_by IS NOT NULL)
),
failed AS (
  SELECT d.entity_ref, d.id FROM d JOIN inc i ON i.entity_ref = d.entity_ref AND i.caused_by = d.id
  UNION
  SELECT r.entity_ref, r.remediates FROM d r
  JOIN d t ON t.entity_ref = r.entity_ref AND t.id = r.remediates
  WHERE r.remediates <> r.id
  UNION
  SELECT i.entity_ref, n.id FROM inc i
  CROSS JOIN LATERAL (
    SELECT d.id FROM pm_deployments d
    WHERE d.entity_ref = i.entity_ref AND d.finished_at < i.opened_at AND d.finished_at >= $1
      AND d.status = 'succeeded' AND d.environment IN ${PROD}
    ORDER BY d.finished_at DESC, d.id DESC LIMIT 1
  ) n
  WHERE i.caused_by IS NULL AND i.opened_at >= $1
),
dep AS (
  SELECT CASE WHEN GROUPING(e.owner_ref) = 1 THEN '(org)' ELSE e.owner_ref END AS scope,
         count(*) AS deployments, count(f.id) AS failed
  FROM d JOIN ent e ON e.entity_ref = d.entity_ref
  LEFT JOIN failed f ON f.entity_ref = d.entity_ref AND f.id = d.id
  GROUP BY GROUPING SETS ((), (e.owner_ref))
),
lead AS (
  SELECT CASE WHEN GROUPING(e.owner_ref) = 1 THEN '(org)' ELSE e.owner_ref END AS scope,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY (fc.deployed_at - fc.committed_at) / 1000.0) AS median,
         count(*) AS n
  FROM first_changes fc JOIN ent e ON e.entity_ref = fc.entity_ref
  WHERE fc.deployed_at > fc.committed_at
  GROUP BY GROUPING SETS ((), (e.owner_ref))
),
restore AS (
  SELECT CASE WHEN GROUPING(e.owner_ref) = 1 THEN '(org)' ELSE e.owner_ref END AS scope,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY (i.resolved_at - i.opened_at) / 1000.0) AS median,
         count(*) AS n
  FROM inc i JOIN ent e ON e.entity_ref = i.entity_ref
  WHERE i.resolved_at >= $1 AND i.resolved_at < $2
  GROUP BY GROUPING SETS ((), (e.owner_ref))
)
SELECT dep.scope, dep.deployments, dep.failed,
       lead.median AS lead_time_median, coalesce(lead.n, 0) AS lead_time_n,
       restore.median AS restore_median, coalesce(restore.n, 0) AS restore_n
FROM dep
LEFT JOIN lead ON lead.scope = dep.scope
LEFT JOIN restore ON restore.scope = dep.scope
ORDER BY dep.scope
`;

/** SQLite: exact median of (scope, v) rows via row_number(). */
const sqliteMedian = (rows: string) => `
  SELECT scope, avg(v) AS median, max(cnt) AS n FROM (
    SELECT scope, v,
           row_number() OVER (PARTITION BY scope ORDER BY v) AS rn,
           count(*) OVER (PARTITION BY scope) AS cnt
    FROM (${rows})
  ) WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2)
  GROUP BY scope`;

/** One entity's 90-day DORA numbers. SQLite; @entity, @from, @to. */
export const SQLITE_ENTITY_SQL = `
WITH d AS (
  SELECT source, id, finished_at, remediates
  FROM pm_deployments
  WHERE entity_ref = @entity AND environment IN ${PROD} AND status = 'succeeded'
    AND finished_at >= @from AND finished_at < @to
),
first_changes AS (
  SELECT c.change_id, min(d.finished_at) AS deployed_at, min(c.committed_at) AS committed_at
  FROM d JOIN pm_deployment_changes c ON c.source = d.source AND c.deployment_id = d.id
  WHERE NOT EXISTS (
    SELECT 1 FROM pm_deployment_changes c2
    JOIN pm_deployments d2 ON d2.source = c2.source AND d2.id = c2.deployment_id
    WHERE c2.entity_ref = @entity AND c2.change_id = c.change_id
      AND d2.status = 'succeeded' AND d2.environment IN ${PROD} AND d2.finished_at < @from)
  GROUP BY c.change_id
),
inc AS (
  SELECT id, opened_at, resolved_at, caused_by FROM pm_incidents
  WHERE entity_ref = @entity AND opened_at < @to
),
failed AS (
  SELECT i.caused_by AS id FROM inc i WHERE i.caused_by IN (SELECT id FROM d)
  UNION
  SELECT r.remediates FROM d r WHERE r.remediates <> r.id AND r.remediates IN (SELECT id FROM d)
  UNION
  SELECT (SELECT d.id FROM d WHERE d.finished_at < i.opened_at ORDER BY d.finished_at DESC, d.id DESC LIMIT 1)
  FROM inc i WHERE i.caused_by IS NULL AND i.opened_at >= @from
),
lead AS (${sqliteMedian(
  `SELECT 'e' AS scope, (deployed_at - committed_at) / 1000.0 AS v FROM first_changes WHERE deployed_at > committed_at`,
)}),
restore AS (${sqliteMedian(
  `SELECT 'e' AS scope, (resolved_at - opened_at) / 1000.0 AS v FROM inc WHERE resolved_at >= @from AND resolved_at < @to`,
)})
SELECT
  (SELECT count(*) FROM d) AS deployments,
  (SELECT count(*) FROM failed WHERE id IS NOT NULL) AS failed,
  (SELECT median FROM lead) AS lead_time_median,
  coalesce((SELECT n FROM lead), 0) AS lead_time_n,
  (SELECT median FROM restore) AS restore_median,
  coalesce((SELECT n FROM restore), 0) AS restore_n
`;

/** Org-wide and per-team pooled DORA numbers. SQLite; @from, @to. */
export const SQLITE_ORG_SQL = `
WITH ent AS NOT MATERIALIZED (
  SELECT entity_ref, owner_ref FROM pm_entities WHERE in_catalog AND kind = 'component'
),
d AS (
  SELECT d.source, d.id, d.entity_ref, d.finished_at, d.remediates
  FROM pm_deployments d JOIN ent e ON e.entity_ref = d.entity_ref
  WHERE d.environment IN ${PROD} AND d.status = 'succeeded'
    AND d.finished_at >= @from AND d.finished_at < @to
),
first_changes AS (
  -- each change at the entity's first successful production deployment that
  -- shipped it, kept when that one is in the window
  SELECT c.entity_ref, c.change_id, min(d.finished_at) AS deployed_at, min(c.committed_at) AS committed_at
  FROM pm_deployment_changes c
  JOIN pm_deployments d ON d.source = c.source AND d.id = c.deployment_id
  WHERE d.status = 'succeeded' AND d.environment IN ${PROD} AND d.finished_at < @to
  GROUP BY c.entity_ref, c.change_id
  HAVING min(d.finished_at) >= @from
),
inc AS (
  SELECT i.entity_ref, i.id, i.opened_at, i.resolved_at, i.caused_by
  FROM pm_incidents i JOIN ent e ON e.entity_ref = i.entity_ref
  WHERE i.opened_at < @to
    AND (i.opened_at >= @from OR i.resolved_at >= @from OR i.caused_by IS NOT NULL)
),
failed AS (
  SELECT d.entity_ref, d.id FROM d JOIN inc i ON i.entity_ref = d.entity_ref AND i.caused_by = d.id
  UNION
  SELECT r.entity_ref, r.remediates FROM d r
  JOIN d t ON t.entity_ref = r.entity_ref AND t.id = r.remediates
  WHERE r.remediates <> r.id
  UNION
  SELECT i.entity_ref, (
    SELECT d.id FROM pm_deployments d
    WHERE d.entity_ref = i.entity_ref AND d.finished_at < i.opened_at AND d.finished_at >= @from
      AND d.status = 'succeeded' AND d.environment IN ${PROD}
    ORDER BY d.finished_at DESC, d.id DESC LIMIT 1)
  FROM inc i WHERE i.caused_by IS NULL AND i.opened_at >= @from
),
dep_rows AS (
  SELECT e.owner_ref, f.id IS NOT NULL AS is_failed
  FROM d JOIN ent e ON e.entity_ref = d.entity_ref
  LEFT JOIN failed f ON f.entity_ref = d.entity_ref AND f.id = d.id
),
dep AS (
  SELECT '(org)' AS scope, count(*) AS deployments, sum(is_failed) AS failed FROM dep_rows
  UNION ALL
  SELECT owner_ref, count(*), sum(is_failed) FROM dep_rows GROUP BY owner_ref
),
lead_rows AS (
  SELECT e.owner_ref, (fc.deployed_at - fc.committed_at) / 1000.0 AS v
  FROM first_changes fc JOIN ent e ON e.entity_ref = fc.entity_ref
  WHERE fc.deployed_at > fc.committed_at
),
lead AS (${sqliteMedian(
  `SELECT '(org)' AS scope, v FROM lead_rows UNION ALL SELECT owner_ref, v FROM lead_rows`,
)}),
restore_rows AS (
  SELECT e.owner_ref, (i.resolved_at - i.opened_at) / 1000.0 AS v
  FROM inc i JOIN ent e ON e.entity_ref = i.entity_ref
  WHERE i.resolved_at >= @from AND i.resolved_at < @to
),
restore AS (${sqliteMedian(
  `SELECT '(org)' AS scope, v FROM restore_rows UNION ALL SELECT owner_ref, v FROM restore_rows`,
)})
SELECT dep.scope, dep.deployments, dep.failed,
       lead.median AS lead_time_median, coalesce(lead.n, 0) AS lead_time_n,
       restore.median AS restore_median, coalesce(restore.n, 0) AS restore_n
FROM dep
LEFT JOIN lead ON lead.scope = dep.scope
LEFT JOIN restore ON restore.scope = dep.scope
ORDER BY dep.scope
`;

export interface DoraNumbers {
  deployments: number;
  failed: number;
  leadTimeMedian: number | null;
  leadTimeN: number;
  restoreMedian: number | null;
  restoreN: number;
}

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toDora(row: any): DoraNumbers {
  return {
    deployments: n(row.deployments),
    failed: n(row.failed),
    leadTimeMedian: nn(row.lead_time_median),
    leadTimeN: n(row.lead_time_n),
    restoreMedian: nn(row.restore_median),
    restoreN: n(row.restore_n),
  };
}

/** The same numbers as the API reports them (scorecard or org summary `dora`). */
export function apiDora(dora: any): DoraNumbers {
  return {
    deployments: n(dora.deploymentFrequency.count),
    failed: n(dora.changeFailureRate.failed),
    leadTimeMedian: nn(dora.leadTime.median),
    leadTimeN: n(dora.leadTime.n),
    restoreMedian: nn(dora.timeToRestore.median),
    restoreN: n(dora.timeToRestore.n),
  };
}

/** Differences between two sets of numbers (medians within 0.01 s). */
export function compareDora(a: DoraNumbers, b: DoraNumbers): string[] {
  const diffs: string[] = [];
  for (const key of Object.keys(a) as Array<keyof DoraNumbers>) {
    const x = a[key];
    const y = b[key];
    const same = x === null || y === null ? x === y : Math.abs(x - y) <= 0.01;
    if (!same) diffs.push(`${key}: naive ${x} vs API ${y}`);
  }
  return diffs;
}

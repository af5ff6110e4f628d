import { Link, Table, TableColumn } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  TeamSummary,
  Tier,
} from '@platform-metrics/plugin-platform-metrics-common';
import { TierBadge } from '../common/TierBadge';
import { formatPercent } from '../common/format';
import { formatNps } from './HeadlineTiles';

const TIER_RANK: Record<Tier, number> = {
  elite: 0,
  high: 1,
  medium: 2,
  low: 3,
  'insufficient-data': 4,
};

export interface TeamRow {
  groupRef: string;
  team: string;
  entities: number;
  adoption: number | null;
  overallTier: Tier;
  deploymentFrequency: Tier;
  leadTime: Tier;
  changeFailureRate: Tier;
  timeToRestore: Tier;
  nps: number | null;
  npsText: string;
}

export function groupName(ref: string): string {
  try {
    return parseEntityRef(ref, { defaultKind: 'group' }).name;
  } catch {
    return ref;
  }
}

function toRow(t: TeamSummary): TeamRow {
  const npsScore = t.nps?.score ?? null;
  let npsText: string;
  if (npsScore !== null) {
    npsText = `${formatNps(npsScore)} (n = ${t.nps?.n ?? 0})`;
  } else if (t.nps?.reason) {
    npsText = `hidden: ${t.nps.reason}`;
  } else if ((t.nps?.n ?? 0) === 0) {
    npsText = 'no responses';
  } else {
    npsText = 'hidden';
  }
  return {
    groupRef: t.groupRef,
    team: groupName(t.groupRef),
    entities: t.entities ?? 0,
    adoption: t.adoption?.rate ?? null,
    overallTier: t.dora?.overallTier ?? 'insufficient-data',
    deploymentFrequency: t.dora?.deploymentFrequency?.tier ?? 'insufficient-data',
    leadTime: t.dora?.leadTime?.tier ?? 'insufficient-data',
    changeFailureRate: t.dora?.changeFailureRate?.tier ?? 'insufficient-data',
    timeToRestore: t.dora?.timeToRestore?.tier ?? 'insufficient-data',
    nps: npsScore,
    npsText,
  };
}

function tierColumn(
  title: string,
  field: keyof TeamRow & (
    | 'overallTier'
    | 'deploymentFrequency'
    | 'leadTime'
    | 'changeFailureRate'
    | 'timeToRestore'
  ),
): TableColumn<TeamRow> {
  return {
    title,
    field,
    render: row => <TierBadge tier={row[field]} />,
    customSort: (a, b) => TIER_RANK[a[field]] - TIER_RANK[b[field]],
  };
}

/** Nulls sort last, whatever the direction is not known here; numbers ascend. */
function nullableSort(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** One row per owner group, sortable and filterable, linking to the team view. */
export function TeamTable(props: {
  teams: TeamSummary[] | null | undefined;
  windowDays: number;
}) {
  const rows = (props.teams ?? []).map(toRow);
  const columns: TableColumn<TeamRow>[] = [
    {
      title: 'Team',
      field: 'team',
      highlight: true,
      render: row => (
        <Link
          to={`?${new URLSearchParams({
            group: row.groupRef,
            windowDays: String(props.windowDays),
          }).toString()}`}
        >
          {row.team}
        </Link>
      ),
    },
    { title: 'Entities', field: 'entities', type: 'numeric' },
    {
      title: 'Adoption',
      field: 'adoption',
      render: row => formatPercent(row.adoption, 0),
      customSort: (a, b) => nullableSort(a.adoption, b.adoption),
    },
    tierColumn('Overall tier', 'overallTier'),
    tierColumn('Deploy frequency', 'deploymentFrequency'),
    tierColumn('Lead time', 'leadTime'),
    tierColumn('Change failure', 'changeFailureRate'),
    tierColumn('Time to restore', 'timeToRestore'),
    {
      title: 'NPS',
      field: 'npsText',
      customSort: (a, b) => nullableSort(a.nps, b.nps),
    },
  ];
  return (
    <Table<TeamRow>
      title="Teams"
      options={{
        search: true,
        paging: rows.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
      columns={columns}
      data={rows}
      emptyContent={
        <div style={{ padding: 16 }}>
          No owner groups with eligible entities in this window.
        </div>
      }
    />
  );
}

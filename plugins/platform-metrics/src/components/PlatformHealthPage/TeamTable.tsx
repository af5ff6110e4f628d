import { Link, Table, TableColumn } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type {
  TeamSummary,
  Tier,
} from '@platform-metrics/plugin-platform-metrics-common';
import {
  platformMetricsTranslationRef,
  PlatformMetricsT,
} from '../../translation';
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

function toRow(t: PlatformMetricsT, team: TeamSummary): TeamRow {
  const npsScore = team.nps?.score ?? null;
  let npsText: string;
  const responseRate = team.nps?.responseRate;
  if (npsScore !== null && responseRate) {
    npsText = t('teams.npsScoreResponseRate', {
      score: formatNps(npsScore),
      n: String(team.nps?.n ?? 0),
      rate: formatPercent(t, responseRate.rate, 0),
    });
  } else if (npsScore !== null) {
    npsText = t('teams.npsScore', {
      score: formatNps(npsScore),
      n: String(team.nps?.n ?? 0),
    });
  } else if (team.nps?.reason) {
    npsText = t('teams.npsHiddenBecause', { reason: team.nps.reason });
  } else if ((team.nps?.n ?? 0) === 0) {
    npsText = t('teams.npsNoResponses');
  } else {
    npsText = t('teams.npsHidden');
  }
  const dora = team.dora;
  return {
    groupRef: team.groupRef,
    team: groupName(team.groupRef),
    entities: team.entities ?? 0,
    adoption: team.adoption?.rate ?? null,
    overallTier: dora?.overallTier ?? 'insufficient-data',
    deploymentFrequency: dora?.deploymentFrequency?.tier ?? 'insufficient-data',
    leadTime: dora?.leadTime?.tier ?? 'insufficient-data',
    changeFailureRate: dora?.changeFailureRate?.tier ?? 'insufficient-data',
    timeToRestore: dora?.timeToRestore?.tier ?? 'insufficient-data',
    nps: npsScore,
    npsText,
  };
}

function tierColumn(
  title: string,
  field: keyof TeamRow &
    (
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

/**
 * Where a team row links: a Group's "Platform metrics" tab, in the same
 * window; any other owner (a user) to its entity page, which has no such tab.
 */
function useTeamLink(
  windowDays: number,
): (ownerRef: string) => string | undefined {
  const entityRoute = useRouteRef(entityRouteRef);
  return ownerRef => {
    let ref;
    try {
      ref = parseEntityRef(ownerRef, { defaultKind: 'group' });
    } catch {
      return undefined;
    }
    const page = entityRoute(entityRouteParams(ref, { encodeParams: true }));
    return ref.kind.toLocaleLowerCase('en-US') === 'group'
      ? `${page}/platform-metrics?${new URLSearchParams({
          windowDays: String(windowDays),
        })}`
      : page;
  };
}

/** One row per owner group, sortable and filterable, linking to the team's Platform metrics tab. */
export function TeamTable(props: {
  teams: TeamSummary[] | null | undefined;
  windowDays: number;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const teamLink = useTeamLink(props.windowDays);
  const rows = (props.teams ?? []).map(team => toRow(t, team));
  const columns: TableColumn<TeamRow>[] = [
    {
      title: t('teams.team'),
      field: 'team',
      highlight: true,
      render: row => {
        const to = teamLink(row.groupRef);
        return to ? <Link to={to}>{row.team}</Link> : row.team;
      },
    },
    { title: t('teams.entities'), field: 'entities', type: 'numeric' },
    {
      title: t('teams.adoption'),
      field: 'adoption',
      render: row => formatPercent(t, row.adoption, 0),
      customSort: (a, b) => nullableSort(a.adoption, b.adoption),
    },
    tierColumn(t('teams.overallTier'), 'overallTier'),
    tierColumn(t('teams.deploymentFrequency'), 'deploymentFrequency'),
    tierColumn(t('teams.leadTime'), 'leadTime'),
    tierColumn(t('teams.changeFailureRate'), 'changeFailureRate'),
    tierColumn(t('teams.timeToRestore'), 'timeToRestore'),
    {
      title: t('teams.nps'),
      field: 'npsText',
      customSort: (a, b) => nullableSort(a.nps, b.nps),
    },
  ];
  return (
    <Table<TeamRow>
      title={t('teams.title')}
      options={{
        search: true,
        paging: rows.length > 20,
        pageSize: 20,
        padding: 'dense',
        // draggable headers nest a focusable drag handle in the sort button (axe: nested-interactive)
        draggable: false,
      }}
      columns={columns}
      data={rows}
      emptyContent={<div style={{ padding: 16 }}>{t('teams.empty')}</div>}
    />
  );
}

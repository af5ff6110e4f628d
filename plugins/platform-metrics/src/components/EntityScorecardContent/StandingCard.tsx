import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { getEntityRelations } from '@backstage/plugin-catalog-react';
import type {
  EntityScorecard,
  OrgSummary,
} from '@platform-metrics/plugin-platform-metrics-common';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import {
  PlatformMetricsT,
  platformMetricsTranslationRef,
} from '../../translation';
import { KpiCard } from '../common/KpiCard';
import {
  CountUnit,
  axisHours,
  axisPercent,
  countOf,
  errorMessage,
  formatDuration,
  formatFrequency,
  formatPercent,
} from '../common/format';
import { groupName } from '../PlatformHealthPage/TeamTable';
import { SECONDS_PER_HOUR } from '../../lib/time';
import {
  StandingFigure,
  StandingMetric,
  StandingRow,
  Verdict,
  componentsOf,
  standingRows,
  verdict,
} from './standing';
import { StandingChart } from './StandingChart';

/** An entity's owner as a normalised ref, and whether it is a Group. */
export interface EntityOwner {
  ref: string;
  isGroup: boolean;
}

/** The owner of an entity: its ownedBy relation, else its spec.owner. */
export function entityOwner(entity: Entity): EntityOwner | undefined {
  const [related] = getEntityRelations(entity, RELATION_OWNED_BY);
  let ref = related;
  if (!ref) {
    const owner = entity.spec?.owner;
    if (typeof owner !== 'string' || !owner) return undefined;
    try {
      ref = parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
    } catch {
      return undefined;
    }
  }
  return {
    ref: stringifyEntityRef(ref).toLocaleLowerCase('en-US'),
    isGroup: ref.kind.toLocaleLowerCase('en-US') === 'group',
  };
}

const HOURS = (v: number) => Math.round((v / SECONDS_PER_HOUR) * 10) / 10;

/** How each metric reads: its title, human value, the chart's unit and its sample. */
const VIEW: Record<
  StandingMetric,
  {
    title: (t: PlatformMetricsT) => string;
    format: (t: PlatformMetricsT, v: number | null) => string;
    toAxis: (v: number) => number;
    formatAxis: (t: PlatformMetricsT, v: number) => string;
    sample: CountUnit;
  }
> = {
  leadTime: {
    title: t => t('scorecard.leadTime.title'),
    format: formatDuration,
    toAxis: HOURS,
    formatAxis: (t, v) => axisHours(t, v * SECONDS_PER_HOUR),
    sample: 'changes',
  },
  deploymentFrequency: {
    title: t => t('scorecard.deploymentFrequency.title'),
    format: formatFrequency,
    toAxis: v => Math.round(v * 7 * 100) / 100,
    formatAxis: (_t, v) => String(v),
    sample: 'deployments',
  },
  changeFailureRate: {
    title: t => t('scorecard.changeFailureRate.title'),
    format: (t, v) => formatPercent(t, v),
    toAxis: v => Math.round(v * 1000) / 10,
    formatAxis: (t, v) => axisPercent(t, v / 100),
    sample: 'deployments',
  },
  timeToRestore: {
    title: t => t('scorecard.timeToRestore.title'),
    format: formatDuration,
    toAxis: HOURS,
    formatAxis: (t, v) => axisHours(t, v * SECONDS_PER_HOUR),
    sample: 'resolvedIncidents',
  },
};

const COLORS = { service: '#1565c0', team: '#6a1b9a', org: '#616161' };

function verdictText(
  t: PlatformMetricsT,
  metric: StandingMetric,
  v: Verdict,
  reference: string,
): string {
  if (v === 'better' || v === 'worse') {
    return t(`standing.${metric}.${v}`, { reference });
  }
  return t(`standing.${v}`, { reference });
}

/** A scope's figure written out: its value with its sample, per component for deployment frequency. */
function scopeText(
  t: PlatformMetricsT,
  metric: StandingMetric,
  figure: StandingFigure,
  summary: OrgSummary,
): string {
  const view = VIEW[metric];
  const sample = countOf(t, view.sample, figure.n);
  if (metric !== 'deploymentFrequency') {
    return t('standing.sample', {
      value: view.format(t, figure.value),
      sample,
    });
  }
  return t('standing.perComponent', {
    value: view.format(t, figure.value),
    deployments: sample,
    components: t('standing.components', { count: componentsOf(summary.dora) }),
  });
}

function MetricStanding(props: {
  row: StandingRow;
  team: OrgSummary | null;
  org: OrgSummary;
  minSamples: number;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { row } = props;
  const view = VIEW[row.metric];
  const title = view.title(t);
  const bar = (label: string, f: StandingFigure, color: string) => ({
    label,
    value: f.value === null ? null : view.toAxis(f.value),
    color,
  });
  const bars = [
    bar(t('standing.chartService'), row.service, COLORS.service),
    ...(row.team ? [bar(t('standing.chartTeam'), row.team, COLORS.team)] : []),
    bar(t('standing.chartOrg'), row.org, COLORS.org),
  ];
  const verdicts = [
    ...(row.team
      ? [
          verdictText(
            t,
            row.metric,
            verdict(row.metric, row.service, row.team, props.minSamples),
            t('standing.itsTeam'),
          ),
        ]
      : []),
    verdictText(
      t,
      row.metric,
      verdict(row.metric, row.service, row.org, props.minSamples),
      t('standing.theOrg'),
    ),
  ];
  return (
    // not a named region: the metric cards above are the regions of these names
    <div data-testid={`standing-${row.metric}`}>
      <Typography variant="subtitle1" component="h4">
        {title}
      </Typography>
      <StandingChart
        title={t(
          row.team ? 'standing.chartTitle' : 'standing.chartTitleOrgOnly',
          { metric: title },
        )}
        unit={t(`standing.${row.metric}.unit`)}
        bars={bars}
        format={v => view.formatAxis(t, v)}
      />
      <Box component="ul" m={0} pl={0} style={{ listStyle: 'none' }}>
        <Typography component="li" variant="body2">
          {t('standing.figure', {
            label: t('standing.service'),
            value: t('standing.sample', {
              value: view.format(t, row.service.value),
              sample: countOf(t, view.sample, row.service.n),
            }),
          })}
        </Typography>
        {row.team && props.team && (
          <Typography component="li" variant="body2">
            {t('standing.figure', {
              label: t(`standing.${row.metric}.team`),
              value: scopeText(t, row.metric, row.team, props.team),
            })}
          </Typography>
        )}
        <Typography component="li" variant="body2">
          {t('standing.figure', {
            label: t(`standing.${row.metric}.org`),
            value: scopeText(t, row.metric, row.org, props.org),
          })}
        </Typography>
      </Box>
      <Box mt={1}>
        {verdicts.map(text => (
          <Typography key={text} variant="body2" style={{ fontWeight: 500 }}>
            {text}
          </Typography>
        ))}
      </Box>
    </div>
  );
}

/** What the card compares with: the team's summary (or why it failed) and the org's. */
interface Loaded {
  team: OrgSummary | null;
  teamError: unknown;
  org: OrgSummary;
}

/** A read the catalog does not let the user make: a hidden or unknown Group. */
function isHidden(error: unknown): boolean {
  const e = error as { statusCode?: number; response?: { status?: number } };
  const status = e?.statusCode ?? e?.response?.status;
  return status === 403 || status === 404;
}

/** Why the card compares with the organisation only; null when it has the team. */
function onlyOrgNote(
  t: PlatformMetricsT,
  owner: EntityOwner | undefined,
  teamError: unknown,
): string | null {
  if (!owner) return t('standing.noOwner');
  if (!owner.isGroup) return t('standing.notGroup', { owner: owner.ref });
  if (teamError === undefined) return null;
  return isHidden(teamError)
    ? t('standing.teamHidden')
    : t('standing.teamError', {
        message: errorMessage(teamError) ?? t('common.unknownError'),
      });
}

/**
 * "Against team and org": each DORA metric of this service beside its owner
 * team's and the organisation's figures of the same window, as three bars
 * and in words ("Ships changes faster than its team"). Only the organisation
 * when the owner is not a group or the team's summary is hidden.
 */
export function StandingCard(props: {
  scorecard: EntityScorecard;
  owner: EntityOwner | undefined;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { scorecard, owner } = props;
  const windowDays = scorecard.window.days;
  const group = owner?.isGroup ? owner.ref : undefined;
  const state = useAsync(async (): Promise<Loaded> => {
    const [team, org] = await Promise.all([
      group
        ? api.getOrgSummary({ windowDays, group }).then(
            summary => ({ summary, error: undefined as unknown }),
            (error: unknown) => ({ summary: null, error }),
          )
        : { summary: null, error: undefined },
      api.getOrgSummary({ windowDays }),
    ]);
    return { team: team.summary, teamError: team.error, org };
  }, [api, group, windowDays]);

  return (
    <KpiCard
      title={t('standing.title')}
      definition={t('standing.definition', {
        minSamples: String(scorecard.minSamples),
      })}
      loadingLabel={t('standing.loading')}
      errorTitle={t('standing.errorTitle')}
      emptyText=""
      state={state}
      isEmpty={() => false}
    >
      {({ team, teamError, org }) => (
        <>
          <Typography variant="body2" color="textSecondary" paragraph>
            {team && group
              ? t('standing.owner', { team: groupName(group) })
              : onlyOrgNote(t, owner, teamError)}
          </Typography>
          <Grid container spacing={3}>
            {standingRows(scorecard, team, org).map(row => (
              <Grid item xs={12} sm={6} lg={3} key={row.metric}>
                <MetricStanding
                  row={row}
                  team={team}
                  org={org}
                  minSamples={scorecard.minSamples}
                />
              </Grid>
            ))}
          </Grid>
        </>
      )}
    </KpiCard>
  );
}

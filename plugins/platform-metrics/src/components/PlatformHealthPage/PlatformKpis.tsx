import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import type { OrgSummary, Target } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { PlatformMetricsT, platformMetricsTranslationRef } from '../../translation';
import { formatDuration, formatNps, formatPercent } from '../common/format';
import { formatMoney } from '../EntityScorecardContent/CostCard';
import { formatTargetValue, targetMetricTitle } from '../targets/TargetStatusList';
import { KpiFigure, KpiPoint, KpiTile } from './KpiTile';

/** The months of cost history the cost tile draws (whole calendar months). */
const COST_MONTHS = 12;

/** The end of the last whole calendar month (UTC) before `now`: a month still running would read low. */
export function lastWholeMonthEnd(now: number): string {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - 1).toISOString();
}

const points = <T,>(rows: T[], value: (row: T) => number | null | undefined): KpiPoint[] =>
  rows.flatMap(r => {
    const v = value(r);
    return v === null || v === undefined ? [] : [{ value: v }];
  });

/** The tile's trend: the target's series when a target is set (the target is drawn on it), else the KPI's own. */
function trendOf(target: Target | undefined, own: KpiPoint[]): Pick<KpiFigure, 'trend' | 'trendIsTargetSeries'> {
  if (target && target.series.length >= 2) {
    return { trend: target.series.map(p => ({ value: p.value })), trendIsTargetSeries: true };
  }
  return { trend: own };
}

type Loaded<T> = { loading: boolean; error?: unknown; value?: T };

/** A tile's state from its own load: the figure once loaded, the load's error otherwise. */
function stateOf<T>(loaded: Loaded<T>, toFigure: (value: T) => KpiFigure) {
  return {
    loading: loaded.loading,
    error: loaded.error,
    figure: loaded.value === undefined ? undefined : toFigure(loaded.value),
  };
}

const ready = (figure: KpiFigure) => ({ loading: false, figure });

/**
 * "Platform KPIs" at the top of the org's Platform health page (issue 13
 * §7): adoption, time to first deploy and NPS from the summary already
 * loaded; self-service ratio, platform incident impact, cost per service,
 * onboarding time and CI pipeline duration each from its own request, so
 * that one that fails shows its own error. Each tile has its figure, its
 * n, a trend and, where one is configured, the org's target.
 */
export function PlatformKpis(props: { summary: OrgSummary; windowDays: number; targets: Target[] }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { summary: s, windowDays } = props;
  const target = (metric: Target['metric']) => props.targets.find(x => x.metric === metric);
  const costsTo = useMemo(() => lastWholeMonthEnd(Date.now()), []);
  const selfService = useAsync(() => api.getSelfService({ windowDays }), [api, windowDays]);
  const incidents = useAsync(() => api.getPlatformIncidents({ windowDays }), [api, windowDays]);
  const costs = useAsync(() => api.getOrgCosts({ months: COST_MONTHS, to: costsTo }), [api, costsTo]);
  const onboarding = useAsync(() => api.getOnboarding({ windowDays }), [api, windowDays]);
  const pipelines = useAsync(() => api.getOrgPipelines({ windowDays }), [api, windowDays]);

  const rate = (v: number) => formatPercent(t, v, 0);
  const duration = (v: number) => formatDuration(t, v);
  const hours = (v: number) => formatTargetValue(t, 'developerHours', v);
  const title = (metric: Target['metric']) => targetMetricTitle(t, metric);
  const noData = t('kpis.noData');

  const tiles = [
    {
      metric: 'adoption' as const,
      format: rate,
      state: ready({
        value: s.adoption.rate === null ? noData : rate(s.adoption.rate),
        detail: t('kpis.adoption.detail', {
          adopted: String(s.adoption.adopted),
          eligible: String(s.adoption.eligible - s.adoption.exceptions),
        }),
        ...trendOf(target('adoption'), points(s.adoption.trend, p => p.rate)),
      }),
    },
    {
      metric: 'timeToFirstDeploy' as const,
      format: duration,
      state: ready({
        value: s.timeToFirstDeploy.median === null ? noData : duration(s.timeToFirstDeploy.median),
        detail: t('kpis.ttfd.detail', { n: String(s.timeToFirstDeploy.n) }),
        ...trendOf(target('timeToFirstDeploy'), []),
      }),
    },
    {
      metric: 'nps' as const,
      format: formatNps,
      state: ready(npsFigure(t, s.nps, target('nps'))),
    },
    {
      metric: 'selfServiceRatio' as const,
      format: rate,
      state: stateOf(selfService, v => ({
        value: v.ratio === null ? noData : rate(v.ratio),
        detail: t('kpis.selfService.detail', { selfService: String(v.selfService), n: String(v.n) }),
        ...trendOf(target('selfServiceRatio'), points(v.trend, p => p.ratio)),
      })),
    },
    {
      metric: 'platformIncidentImpact' as const,
      format: hours,
      state: stateOf(incidents, v =>
        v.platformOwners.length === 0
          ? { value: noData, detail: t('kpis.incidents.noOwners'), trend: [] }
          : {
              value: hours(v.totalDeveloperHours),
              detail: t('kpis.incidents.detail', { incidents: String(v.incidents), days: String(v.window.days) }),
              ...trendOf(target('platformIncidentImpact'), points(v.trend, p => p.developerHours)),
            },
      ),
    },
    {
      metric: 'costPerService' as const,
      format: (v: number) => formatMoney(v, costs.value?.currency ?? 'USD'),
      state: stateOf(costs, v => {
        const last = v.monthly[v.monthly.length - 1];
        const median = last?.medianPerService ?? null;
        return {
          value: median === null ? noData : formatMoney(median, v.currency),
          detail: last && median !== null ? t('kpis.costs.detail', { month: last.month, services: String(last.services) }) : undefined,
          ...trendOf(target('costPerService'), points(v.monthly, m => m.medianPerService)),
        };
      }),
    },
    {
      metric: 'onboardingTime' as const,
      format: duration,
      state: stateOf(onboarding, v => {
        const reason = v.withheld ?? v.medianWithheld;
        let value: string = noData;
        if (v.median !== null) value = duration(v.median);
        else if (reason) value = t('kpis.onboarding.withheld', { reason });
        return {
          value,
          detail: v.n === null || v.cohort === null ? undefined : t('kpis.onboarding.detail', { n: String(v.n), cohort: String(v.cohort) }),
          ...trendOf(target('onboardingTime'), []),
        };
      }),
    },
    {
      metric: 'ciDuration' as const,
      format: duration,
      state: stateOf(pipelines, v => ({
        value: v.duration.median === null ? noData : duration(v.duration.median),
        detail:
          v.duration.n > 0 ? t('kpis.ci.detail', { n: String(v.duration.n), p90: duration(v.duration.p90 ?? 0) }) : undefined,
        ...trendOf(target('ciDuration'), points(v.trend, p => p.durationMedian)),
      })),
    },
  ];

  return (
    <section aria-labelledby="platform-metrics-kpis-title" id="platform-metrics-kpis">
      <Typography variant="h6" component="h2" id="platform-metrics-kpis-title">
        {t('kpis.title')}
      </Typography>
      {/* on the page background: the primary text colour keeps its contrast */}
      <Typography variant="body2" paragraph>
        {t('kpis.caption')}
      </Typography>
      <Grid container spacing={2}>
        {tiles.map(tile => (
          <Grid item xs={12} sm={6} md={3} key={tile.metric}>
            <KpiTile
              metric={title(tile.metric)}
              testId={tile.metric}
              state={tile.state}
              target={target(tile.metric)}
              format={tile.format}
            />
          </Grid>
        ))}
      </Grid>
    </section>
  );
}

function npsFigure(t: PlatformMetricsT, nps: OrgSummary['nps'], target: Target | undefined): KpiFigure {
  const own = points(nps.trend, p => p.score);
  if (nps.score === null) {
    return {
      value: nps.withheld ? t('kpis.nps.withheld', { reason: nps.withheld }) : t('kpis.noData'),
      ...trendOf(target, own),
    };
  }
  return {
    value: formatNps(nps.score),
    detail: nps.surveyId ? t('kpis.nps.detail', { n: String(nps.n ?? 0), surveyId: nps.surveyId }) : undefined,
    ...trendOf(target, own),
  };
}

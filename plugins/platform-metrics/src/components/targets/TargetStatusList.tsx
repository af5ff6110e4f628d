import { ReactNode } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type {
  Target,
  TargetStatusEnum,
} from '@platform-metrics/plugin-platform-metrics-common';
import {
  PlatformMetricsT,
  platformMetricsTranslationRef,
} from '../../translation';
import { DAYS_PER_WEEK } from '../../lib/time';
import {
  formatDate,
  formatDuration,
  formatFrequency,
  formatNps,
  formatPercent,
} from '../common/format';
import { InlineEmpty } from '../common/States';
import { formatMoney } from '../EntityScorecardContent/CostCard';

const STATUS_KEYS = {
  met: 'targetStatus.status.met',
  'on-track': 'targetStatus.status.onTrack',
  'at-risk': 'targetStatus.status.atRisk',
  'off-track': 'targetStatus.status.offTrack',
  'insufficient-data': 'targetStatus.status.insufficientData',
} as const satisfies Record<TargetStatusEnum, string>;

/** Text colours of the status, dark enough on white (WCAG AA); the status is also in words. */
const STATUS_COLORS: Record<TargetStatusEnum, string> = {
  met: '#1b5e20',
  'on-track': '#1b5e20',
  'at-risk': '#8a5300',
  'off-track': '#b71c1c',
  'insufficient-data': '#616161',
};

const METRIC_TITLES = {
  deploymentFrequency: 'scorecard.deploymentFrequency.title',
  leadTime: 'scorecard.leadTime.title',
  changeFailureRate: 'scorecard.changeFailureRate.title',
  timeToRestore: 'scorecard.timeToRestore.title',
  timeToFirstDeploy: 'comparison.timeToFirstDeploy',
  adoption: 'review.kpis.adoptionRate',
  nps: 'comparison.nps',
  selfServiceRatio: 'targets.metrics.selfServiceRatio',
  platformIncidentImpact: 'targets.metrics.platformIncidentImpact',
  costPerService: 'targets.metrics.costPerService',
  onboardingTime: 'targets.metrics.onboardingTime',
  ciDuration: 'targets.metrics.ciDuration',
} as const satisfies Record<Target['metric'], string>;

/** A target figure in its unit, with the plugin's formats (an amount in `currency`, the target's). */
export function formatTargetValue(
  t: PlatformMetricsT,
  unit: Target['unit'],
  value: number | null | undefined,
  currency?: string,
): string {
  if (value === null || value === undefined) return t('common.none');
  switch (unit) {
    case 'developerHours':
      return t('targets.values.developerHours', {
        value: new Intl.NumberFormat('en-US', {
          maximumFractionDigits: value < 100 ? 1 : 0,
        }).format(value),
      });
    case 'money':
      return formatMoney(value, currency ?? 'USD');
    case 'points':
      return formatNps(value);
    case 'rate':
      return formatPercent(t, value);
    case 'seconds':
      return formatDuration(t, value);
    default:
      return formatFrequency(t, value / DAYS_PER_WEEK);
  }
}

function scopeName(t: PlatformMetricsT, scope: string): string {
  if (scope === 'org') return t('targetStatus.scopeOrg');
  try {
    return parseEntityRef(scope).name;
  } catch {
    return scope;
  }
}

/** The status in words, framed in its colour. */
export function TargetStatusChip(props: { status: TargetStatusEnum }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const color = STATUS_COLORS[props.status];
  return (
    <Box
      component="span"
      data-status={props.status}
      px={1}
      py={0.25}
      border={1}
      borderRadius={12}
      style={{ color, borderColor: color, fontWeight: 600, fontSize: 13 }}
    >
      {t(STATUS_KEYS[props.status])}
    </Box>
  );
}

/** The name of a target's metric, e.g. "Developer NPS". */
export function targetMetricTitle(
  t: PlatformMetricsT,
  metric: Target['metric'],
): string {
  return t(METRIC_TITLES[metric]);
}

/**
 * How far from the start towards the target, as a bar (0–100%) and in words
 * (not clamped); nothing without a progress (unless met). `compact`: the
 * thinner bar of a tile.
 */
export function TargetProgress(props: {
  target: Target;
  /** The bar's accessible name; "Progress towards the target" by default. */
  label?: string;
  compact?: boolean;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { progress, status } = props.target;
  const fraction = progress ?? (status === 'met' ? 1 : null);
  if (fraction === null) return null;
  const percent = Math.round(fraction * 100);
  const height = props.compact ? 6 : 8;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }} mt={0.5}>
      <Box flexGrow={1} maxWidth={320}>
        <LinearProgress
          variant="determinate"
          value={Math.min(100, Math.max(0, percent))}
          aria-label={props.label ?? t('targetStatus.progress')}
          aria-valuetext={t('targetStatus.progressValue', {
            value: String(percent),
          })}
          style={{ height, borderRadius: height / 2 }}
        />
      </Box>
      <Typography
        variant={props.compact ? 'caption' : 'body2'}
        component="span"
      >
        {t('targetStatus.progressValue', { value: String(percent) })}
      </Typography>
    </Box>
  );
}

/**
 * Each target with its status in words, its progress from the start
 * towards the target, the target and its date, the current figure and the
 * projection at that date.
 */
export function TargetStatusList(props: {
  targets: Target[];
  /** Drawn at the end of each target's item, e.g. a sparkline of its series. */
  renderExtra?: (target: Target) => ReactNode;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  if (!props.targets.length) {
    return <InlineEmpty>{t('targetStatus.empty')}</InlineEmpty>;
  }
  return (
    <ul
      aria-label={t('targetStatus.listLabel')}
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {props.targets.map((target, i) => {
        const fmt = (v: number | null | undefined) =>
          formatTargetValue(t, target.unit, v, target.currency);
        const by = formatDate(target.by);
        const title =
          target.label ??
          `${targetMetricTitle(t, target.metric)}${t(
            'common.detailSeparator',
          )}${scopeName(t, target.scope)}`;
        return (
          <li
            key={`${target.metric}-${target.scope}-${i}`}
            data-testid={`target-${target.metric}`}
            style={{ marginBottom: 16 }}
          >
            <Box
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              style={{ gap: 8 }}
            >
              <Typography variant="subtitle1" component="h3">
                {title}
              </Typography>
              <TargetStatusChip status={target.status} />
            </Box>
            <Typography variant="body2">
              {t('targetStatus.target', { value: fmt(target.value), by })}
              {t('common.detailSeparator')}
              {t('targetStatus.current', { value: fmt(target.current) })}
              {target.projected !== null && (
                <>
                  {t('common.detailSeparator')}
                  {t('targetStatus.projected', {
                    value: fmt(target.projected),
                    by,
                  })}
                </>
              )}
            </Typography>
            {target.start !== null && (
              <Typography variant="body2" color="textSecondary">
                {target.startFrom === 'first-value' && target.series[0]
                  ? t('targetStatus.startFirst', {
                      value: fmt(target.start),
                      date: formatDate(target.series[0].at),
                    })
                  : t('targetStatus.startBaseline', {
                      value: fmt(target.start),
                    })}
              </Typography>
            )}
            <TargetProgress target={target} />
            {props.renderExtra?.(target)}
          </li>
        );
      })}
    </ul>
  );
}

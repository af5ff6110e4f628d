import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { PlatformMetricsT, platformMetricsTranslationRef } from '../../translation';
import { formatDuration, formatPercent } from '../common/format';
import { formatNps } from './HeadlineTiles';
import { RowHeaderCell } from '../common/RowHeaderCell';

/** The thresholds of the measurable predictors of platform success (the background articles). */
export const SUCCESS_THRESHOLDS = {
  /** Developer NPS above this. */
  nps: 20,
  /** Voluntary golden-path adoption above this share. */
  adoption: 0.5,
  /** Time to value (the TTFD median) under this many days. */
  ttfdDays: 30,
} as const;

const DAY = 86_400;

interface Check {
  key: string;
  title: string;
  /** null: no figure to judge by. */
  met: boolean | null;
  figure: string;
  /** The part of the page the figure comes from. */
  href: string;
}

/** Each predictor with whether it is met and the figure behind it. */
export function successChecks(
  t: PlatformMetricsT,
  s: OrgSummary,
  baseline: { configured: boolean | null; label?: string },
): Check[] {
  const nps = s.nps?.score ?? null;
  const rate = s.adoption?.rate ?? null;
  const ttfd = s.timeToFirstDeploy?.median ?? null;
  return [
    {
      key: 'nps',
      title: t('success.nps', { threshold: String(SUCCESS_THRESHOLDS.nps) }),
      met: nps === null ? null : nps > SUCCESS_THRESHOLDS.nps,
      figure: nps === null ? t('success.noFigure') : formatNps(nps),
      href: '#platform-metrics-nps',
    },
    {
      key: 'adoption',
      title: t('success.adoption', { threshold: formatPercent(t, SUCCESS_THRESHOLDS.adoption, 0) }),
      met: rate === null ? null : rate > SUCCESS_THRESHOLDS.adoption,
      figure: rate === null ? t('success.noFigure') : formatPercent(t, rate, 0),
      href: '#platform-metrics-adoption',
    },
    {
      key: 'ttfd',
      title: t('success.ttfd', { threshold: String(SUCCESS_THRESHOLDS.ttfdDays) }),
      met: ttfd === null ? null : ttfd < SUCCESS_THRESHOLDS.ttfdDays * DAY,
      figure: ttfd === null ? t('success.noFigure') : formatDuration(t, ttfd),
      href: '#platform-metrics-ttfd',
    },
    {
      key: 'baseline',
      title: t('success.baseline'),
      met: baseline.configured,
      figure:
        baseline.configured === null
          ? t('success.baselineUnknown')
          : (baseline.configured && baseline.label) || t('success.noBaseline'),
      href: '#platform-metrics-comparison',
    },
  ];
}

function verdict(t: PlatformMetricsT, met: boolean | null) {
  if (met === null) return { text: t('success.unknown'), color: 'inherit' };
  return met ? { text: t('success.met'), color: '#1b5e20' } : { text: t('success.notMet'), color: '#b71c1c' };
}

/**
 * The "platform success" card: the predictors of platform success from the
 * background articles that can be measured, each met or not, with the
 * figure behind it and a link to where the page shows it.
 */
export function SuccessChecklist(props: {
  summary: OrgSummary;
  /** Whether a baseline is configured; null when the view compares with the previous period (unknown). */
  baseline: { configured: boolean | null; label?: string };
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const checks = successChecks(t, props.summary, props.baseline);
  return (
    <Card component="section" variant="outlined" aria-label={t('success.title')}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {t('success.title')}
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          {t('success.subtitle', { met: String(checks.filter(c => c.met).length), total: String(checks.length) })}
        </Typography>
        <Table size="small" aria-label={t('success.title')}>
          <TableBody>
            {checks.map(c => {
              const v = verdict(t, c.met);
              return (
                <TableRow key={c.key} data-testid={`success-${c.key}`}>
                  <RowHeaderCell>
                    {c.title}
                  </RowHeaderCell>
                  <TableCell style={{ color: v.color, fontWeight: 600, whiteSpace: 'nowrap' }}>{v.text}</TableCell>
                  <TableCell align="right">
                    <a href={c.href}>{c.figure}</a>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import useAsync from 'react-use/esm/useAsync';
import type {
  Annotation,
  AnnotationImpact,
  ImpactMetric,
} from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { PlatformMetricsT, platformMetricsTranslationRef } from '../../translation';
import { AsyncContent } from '../common/States';
import { formatDate, formatDuration, formatFrequency, formatPercent } from '../common/format';
import { groupName } from '../PlatformHealthPage/TeamTable';

const DAYS = [14, 30, 90] as const;
type Days = (typeof DAYS)[number];
type MetricKey = keyof AnnotationImpact['metrics'];

const METRICS: Array<{
  key: MetricKey;
  title: (t: PlatformMetricsT) => string;
  format: (t: PlatformMetricsT, v: number | null) => string;
}> = [
  { key: 'deploymentFrequency', title: t => t('scorecard.deploymentFrequency.title'), format: formatFrequency },
  { key: 'leadTime', title: t => t('scorecard.leadTime.title'), format: formatDuration },
  {
    key: 'changeFailureRate',
    title: t => t('scorecard.changeFailureRate.title'),
    format: (t, v) => formatPercent(t, v),
  },
  { key: 'timeToRestore', title: t => t('scorecard.timeToRestore.title'), format: formatDuration },
];

function pText(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

function change(t: PlatformMetricsT, m: ImpactMetric, key: MetricKey): string {
  if (m.absoluteChange === null) return t('common.none');
  const sign = m.absoluteChange > 0 ? '+' : '−';
  const abs = Math.abs(m.absoluteChange);
  const absolute =
    key === 'changeFailureRate'
      ? t('percent', { value: (abs * 100).toFixed(1) })
      : METRICS.find(x => x.key === key)!.format(t, abs);
  const relative = m.relativeChange === null ? '' : ` (${sign}${Math.abs(m.relativeChange * 100).toFixed(0)}%)`;
  return `${sign}${absolute}${relative}`;
}

function verdict(t: PlatformMetricsT, m: ImpactMetric, minSamples: number): string {
  if (m.insufficientData) return t('annotations.insufficientData', { minSamples: String(minSamples) });
  return m.significant
    ? t('annotations.significant', { p: pText(m.pValue) })
    : t('annotations.inconclusive', { p: pText(m.pValue) });
}

function scopeLabel(t: PlatformMetricsT, scope: string) {
  return scope === 'org' ? t('healthPage.wholeOrganisation') : groupName(scope);
}

function ImpactTable(props: { impact: AnnotationImpact }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { impact } = props;
  return (
    <>
      <Typography variant="body2" paragraph>
        {t('annotations.impactIntro', {
          days: String(impact.days),
          date: formatDate(impact.annotation.at),
          scope: scopeLabel(t, impact.scope),
        })}
        {!impact.complete && ` ${t('annotations.incomplete', { days: String(impact.after.days) })}`}
      </Typography>
      <Table size="small" aria-label={t('annotations.impactTitle', { title: impact.annotation.title })}>
        <TableHead>
          <TableRow>
            <TableCell>{t('annotations.metric')}</TableCell>
            <TableCell align="right">{t('annotations.before')}</TableCell>
            <TableCell align="right">{t('annotations.after')}</TableCell>
            <TableCell align="right">{t('annotations.change')}</TableCell>
            <TableCell>{t('annotations.verdict')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {METRICS.map(({ key, title, format }) => {
            const m = impact.metrics[key];
            return (
              <TableRow key={key} data-testid={`impact-${key}`}>
                <TableCell component="th" scope="row">
                  {title(t)}
                </TableCell>
                <TableCell align="right">
                  {format(t, m.before.value)} ({t('metricCard.sampleSize', { n: String(m.before.n) })})
                </TableCell>
                <TableCell align="right">
                  {format(t, m.after.value)} ({t('metricCard.sampleSize', { n: String(m.after.n) })})
                </TableCell>
                <TableCell align="right">{change(t, m, key)}</TableCell>
                <TableCell>{verdict(t, m, impact.minSamples)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="caption" color="textSecondary">
        {t('annotations.tests')}
      </Typography>
    </>
  );
}

/**
 * The before/after panel of one annotation, in `scope` (the view's scope:
 * an entity, a group or the org), with a 14/30/90-day selector.
 */
export function ImpactDialog(props: { annotation: Annotation | undefined; scope?: string; onClose: () => void }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const [days, setDays] = useState<Days>(30);
  const { annotation, scope } = props;
  const state = useAsync(
    async () => (annotation ? api.getAnnotationImpact(annotation.id, { days, scope }) : undefined),
    [api, annotation?.id, days, scope],
  );
  return (
    <Dialog open={!!annotation} onClose={props.onClose} maxWidth="md" fullWidth>
      <DialogTitle>{annotation && t('annotations.impactTitle', { title: annotation.title })}</DialogTitle>
      <DialogContent>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={days}
          aria-label={t('annotations.days')}
          onChange={(_e, v) => v && setDays(Number(v) as Days)}
        >
          {DAYS.map(d => {
            const label = t('window.option', { days: String(d) });
            return (
              <ToggleButton key={d} value={d} aria-label={label}>
                {label}
              </ToggleButton>
            );
          })}
        </ToggleButtonGroup>
        {annotation?.description && (
          <Typography variant="body2" paragraph style={{ marginTop: 8 }}>
            {annotation.description}
          </Typography>
        )}
        <AsyncContent
          loading={state.loading}
          error={state.error}
          value={state.value}
          loadingLabel={t('annotations.loading')}
          errorTitle={t('annotations.errorTitle')}
          empty={{ title: t('annotations.errorTitle'), description: '' }}
        >
          {impact => <ImpactTable impact={impact} />}
        </AsyncContent>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('annotations.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

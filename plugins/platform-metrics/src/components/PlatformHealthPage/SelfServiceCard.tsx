import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { OrgSelfService } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { KpiCard } from '../common/KpiCard';
import { TrendChart } from '../common/TrendChart';
import { axisPercent, formatDuration, formatPercent, formatShortDate } from '../common/format';
import { RowHeaderCell } from '../common/RowHeaderCell';

/**
 * Whether the self-service ratio applies to a summary's scope: the
 * organisation (`org`) or a group; not a system or a domain (the endpoint
 * answers org-wide or per group only).
 */
export function isSelfServiceScope(scope: string): boolean {
  return scope === 'org' || /^group:/i.test(scope) || !/^[a-z][a-z0-9]*:/i.test(scope);
}

/**
 * The self-service ratio of the platform requests closed in the window
 * (metrics.md §13), org-wide or of one group's components: the ratio with
 * its n, the median fulfilment times, the weekly trend and a row per kind
 * of request. Loads its own data.
 */
export function SelfServiceCard(props: { windowDays: number; group?: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { windowDays, group } = props;
  const state = useAsync(() => api.getSelfService({ windowDays, group }), [api, windowDays, group]);
  return (
    <KpiCard
      title={t('selfService.title')}
      definition={t('selfService.definition')}
      loadingLabel={t('selfService.loading')}
      errorTitle={t('selfService.errorTitle')}
      emptyText={t('selfService.empty')}
      state={state}
      isEmpty={v => v.n === 0 && v.open === 0}
    >
      {value => <SelfServiceView value={value} />}
    </KpiCard>
  );
}

function SelfServiceView({ value }: { value: OrgSelfService }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const medians = (times: OrgSelfService['fulfilmentTime']) => ({
    selfService: formatDuration(t, times.selfService),
    ticket: formatDuration(t, times.ticket),
  });
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <Typography variant="h4" component="p" data-testid="self-service-ratio">
          {formatPercent(t, value.ratio)}
        </Typography>
        <Typography variant="body2" data-testid="self-service-n">
          {t('selfService.closed', { count: value.n, selfService: String(value.selfService) })}
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {[t('selfService.medians', medians(value.fulfilmentTime)), t('selfService.open', { count: value.open })].join(
            t('common.detailSeparator'),
          )}
        </Typography>
        <Table size="small" aria-label={t('selfService.tableLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('selfService.kind')}</TableCell>
              <TableCell align="right">{t('selfService.ratio')}</TableCell>
              <TableCell align="right">{t('selfService.n')}</TableCell>
              <TableCell align="right">{t('selfService.medianSelfService')}</TableCell>
              <TableCell align="right">{t('selfService.medianTicket')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.kinds.map(k => (
              <TableRow key={k.kind}>
                <RowHeaderCell>
                  {k.kind}
                </RowHeaderCell>
                <TableCell align="right">{formatPercent(t, k.ratio)}</TableCell>
                <TableCell align="right">{k.n}</TableCell>
                <TableCell align="right">{formatDuration(t, k.fulfilmentTime.selfService)}</TableCell>
                <TableCell align="right">{formatDuration(t, k.fulfilmentTime.ticket)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Grid>
      <Grid item xs={12} md={6}>
        <Box>
          <TrendChart
            title={t('selfService.trendTitle')}
            data={value.trend.map(p => ({ weekStart: p.weekStart, ratio: p.ratio, closed: p.closed }))}
            xKey="weekStart"
            xLabel={t('trends.weekStarting')}
            yLabel={t('selfService.trendYLabel')}
            series={[{ key: 'ratio', name: t('selfService.trendSeries'), color: '#2e7d32' }]}
            formatY={v => axisPercent(t, v)}
            formatX={formatShortDate}
            yDomain={[0, 1]}
            emptyMessage={t('selfService.trendEmpty')}
          />
        </Box>
      </Grid>
    </Grid>
  );
}

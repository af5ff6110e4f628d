import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { entityRouteParams, entityRouteRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import type { PlatformIncident, PlatformIncidentImpact } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef, PlatformMetricsT } from '../../translation';
import { KpiCard } from '../common/KpiCard';
import { TrendChart } from '../common/TrendChart';
import { formatDate, formatDuration, formatShortDate } from '../common/format';
import { RowHeaderCell } from '../common/RowHeaderCell';

/** Developer-hours as shown: one decimal below 100 ("13.5"), whole hours from there ("1,224"). */
export function formatHours(hours: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: hours < 100 ? 1 : 0 }).format(hours);
}

/** "1 developer-hour", "317.5 developer-hours": the plural follows the number shown. */
function hoursText(t: PlatformMetricsT, hours: number): string {
  const shown = Number(formatHours(hours).replace(/,/g, ''));
  return t('platformIncidents.total', { count: shown, value: formatHours(hours) });
}

/** An entity ref as a link text: a component by its name, another kind with it ("resource:ci-runner-pool"). */
function entityText(ref: { kind: string; namespace: string; name: string }): string {
  const name = ref.namespace === 'default' ? ref.name : `${ref.namespace}/${ref.name}`;
  return ref.kind.toLocaleLowerCase('en-US') === 'component' ? name : `${ref.kind.toLocaleLowerCase('en-US')}:${name}`;
}

/**
 * The platform incident impact of the window (metrics.md §14), org-wide:
 * the developer-hours lost with the number of incidents, per quarter, a
 * bar per week, and the costliest incidents with their entity's catalog
 * page. Loads its own data.
 */
export function PlatformIncidentsCard(props: { windowDays: number }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { windowDays } = props;
  const state = useAsync(() => api.getPlatformIncidents({ windowDays }), [api, windowDays]);
  const notConfigured = state.value?.platformOwners.length === 0;
  return (
    <KpiCard
      title={t('platformIncidents.title')}
      definition={t('platformIncidents.definition')}
      loadingLabel={t('platformIncidents.loading')}
      errorTitle={t('platformIncidents.errorTitle')}
      emptyText={notConfigured ? t('platformIncidents.notConfigured') : t('platformIncidents.empty')}
      state={state}
      isEmpty={v => v.platformOwners.length === 0 || (v.incidents === 0 && v.open === 0)}
    >
      {value => <PlatformIncidentsView value={value} />}
    </KpiCard>
  );
}

function PlatformIncidentsView({ value }: { value: PlatformIncidentImpact }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const details = [
    ...(value.affectedFromIncident > 0 ? [t('platformIncidents.fromIncident', { value: String(value.affectedFromIncident) })] : []),
    ...(value.open > 0 ? [t('platformIncidents.open', { count: value.open })] : []),
  ];
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={5}>
        <Typography variant="h4" component="p" data-testid="platform-incidents-total">
          {hoursText(t, value.totalDeveloperHours)}
        </Typography>
        <Typography variant="body2" data-testid="platform-incidents-n">
          {t('platformIncidents.incidents', { count: value.incidents })}
        </Typography>
        {details.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            {details.join(t('common.detailSeparator'))}
          </Typography>
        )}
        <Box component="ul" aria-label={t('platformIncidents.quartersLabel')} pl={2} mt={1} mb={0}>
          {value.quarters.map(q => (
            <Typography component="li" variant="body2" key={q.quarter}>
              {t('platformIncidents.quarter', { quarter: q.quarter, hours: hoursText(t, q.developerHours), count: q.incidents })}
            </Typography>
          ))}
        </Box>
      </Grid>
      <Grid item xs={12} md={7}>
        <TrendChart
          title={t('platformIncidents.trendTitle')}
          kind="bar"
          data={value.trend.map(w => ({ weekStart: w.weekStart, developerHours: w.developerHours, incidents: w.incidents }))}
          xKey="weekStart"
          xLabel={t('trends.weekStarting')}
          yLabel={t('platformIncidents.trendYLabel')}
          series={[{ key: 'developerHours', name: t('platformIncidents.trendSeries'), color: '#c62828' }]}
          formatY={formatHours}
          formatX={formatShortDate}
          emptyMessage={t('platformIncidents.trendEmpty')}
        />
      </Grid>
      {value.costliest.length > 0 && (
        <Grid item xs={12}>
          <CostliestTable incidents={value.costliest} />
        </Grid>
      )}
    </Grid>
  );
}

function CostliestTable({ incidents }: { incidents: PlatformIncident[] }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const entityCell = (entityRef: string) => {
    try {
      const ref = parseEntityRef(entityRef);
      return <Link to={entityRoute(entityRouteParams(ref, { encodeParams: true }))}>{entityText(ref)}</Link>;
    } catch {
      return entityRef;
    }
  };
  return (
    <>
      <Table size="small" aria-label={t('platformIncidents.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('platformIncidents.entity')}</TableCell>
            <TableCell>{t('platformIncidents.incident')}</TableCell>
            <TableCell>{t('platformIncidents.resolved')}</TableCell>
            <TableCell align="right">{t('platformIncidents.duration')}</TableCell>
            <TableCell align="right">{t('platformIncidents.affected')}</TableCell>
            <TableCell align="right">{t('platformIncidents.developerHours')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {incidents.map(i => (
            <TableRow key={`${i.source}/${i.id}`}>
              <RowHeaderCell>
                {entityCell(i.entityRef)}
              </RowHeaderCell>
              <TableCell>{i.severity ? `${i.id} (${i.severity})` : i.id}</TableCell>
              <TableCell>{formatDate(i.resolvedAt)}</TableCell>
              <TableCell align="right">{formatDuration(t, i.durationSeconds)}</TableCell>
              <TableCell align="right">
                {i.affectedFrom === 'incident'
                  ? t('platformIncidents.fromTheIncident', { value: String(i.affectedDevelopers) })
                  : t('platformIncidents.fromTheCatalog', { value: String(i.affectedDevelopers) })}
              </TableCell>
              <TableCell align="right">{formatHours(i.developerHours)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="textSecondary">
        {t('platformIncidents.costliestHidden')}
      </Typography>
    </>
  );
}

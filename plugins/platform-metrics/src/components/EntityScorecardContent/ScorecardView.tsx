import Grid from '@material-ui/core/Grid';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type {
  DeploymentSummary,
  EntityScorecard,
  IncidentSummary,
} from '@platform-metrics/plugin-platform-metrics-common';
import { MetricCard } from '../common/MetricCard';
import { TierBadge } from '../common/TierBadge';
import { InlineEmpty } from '../common/States';
import { METRIC_DEFINITIONS } from '../common/definitions';
import {
  benchmarkLabel,
  formatDate,
  formatWindow,
  formatDateTime,
  formatDuration,
  formatFrequency,
  formatPercent,
  formatShortDate,
  plural,
  axisHours,
  axisPercent,
  weeklySeries,
} from '../common/format';
import { DateTime } from 'luxon';


/** The scorecard of one entity, from an already loaded {@link EntityScorecard}. */
export function ScorecardView(props: { scorecard: EntityScorecard }) {
  const s = props.scorecard;
  const dora = s.dora;
  const minSamples = s.minSamples ?? 3;
  const trend = weeklySeries(s.trend);

  const df = dora?.deploymentFrequency;
  const lt = dora?.leadTime;
  const cfr = dora?.changeFailureRate;
  const ttr = dora?.timeToRestore;
  const rw = dora?.reworkRate;
  const dfCount = df?.count ?? 0;

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <OverallCard scorecard={s} />
      </Grid>
      <Grid item xs={12} md={6}>
        <GoldenPathCard scorecard={s} />
      </Grid>

      <Grid item xs={12} sm={6} lg={4}>
        <MetricCard
          title="Deployment frequency"
          definition={METRIC_DEFINITIONS.deploymentFrequency}
          value={dfCount > 0 ? formatFrequency(df?.perDay) : null}
          noValueText={`No production deployments in ${s.window?.days ?? ''} days`}
          details={
            dfCount > 0
              ? `${plural(dfCount, 'deployment')} in ${s.window?.days} days (${formatFrequency(df?.perDay ?? null)}; ${Number((df?.perWeek ?? 0).toFixed(2))} per week)`
              : undefined
          }
          tier={df?.tier ?? 'insufficient-data'}
          benchmark={s.benchmark}
          n={dfCount}
          sampleUnit={['deployment', 'deployments']}
          minSamples={minSamples}
          trend={{
            data: trend,
            key: 'deployments',
            name: 'Deployments per week',
            yLabel: 'deploys / week',
            formatX: formatShortDate,
          }}
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={4}>
        <MetricCard
          title="Lead time for changes"
          definition={METRIC_DEFINITIONS.leadTime}
          value={lt?.median !== null && lt?.median !== undefined ? formatDuration(lt.median) : null}
          noValueText="No changes shipped"
          details={
            lt?.p90 !== null && lt?.p90 !== undefined
              ? `median; p90 ${formatDuration(lt.p90)}`
              : undefined
          }
          tier={lt?.tier ?? 'insufficient-data'}
          benchmark={s.benchmark}
          n={lt?.n ?? 0}
          sampleUnit={['change', 'changes']}
          minSamples={minSamples}
          trend={{
            data: trend,
            key: 'leadTimeMedian',
            name: 'Median lead time (hours)',
            yLabel: 'hours',
            formatY: axisHours,
            formatX: formatShortDate,
          }}
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={4}>
        <MetricCard
          title="Change failure rate"
          definition={METRIC_DEFINITIONS.changeFailureRate}
          value={cfr?.value !== null && cfr?.value !== undefined ? formatPercent(cfr.value) : null}
          noValueText="No deployments"
          details={
            cfr && cfr.total > 0
              ? `${cfr.failed} of ${plural(cfr.total, 'deployment')} failed`
              : undefined
          }
          tier={cfr?.tier ?? 'insufficient-data'}
          benchmark={s.benchmark}
          n={cfr?.total ?? 0}
          sampleUnit={['deployment', 'deployments']}
          minSamples={minSamples}
          trend={{
            data: trend,
            key: 'changeFailureRate',
            name: 'Change failure rate (%)',
            yLabel: '% of deploys',
            formatY: axisPercent,
            formatX: formatShortDate,
          }}
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={6}>
        <MetricCard
          title="Time to restore service"
          definition={METRIC_DEFINITIONS.timeToRestore}
          value={ttr?.median !== null && ttr?.median !== undefined ? formatDuration(ttr.median) : null}
          noValueText="No resolved incidents"
          details={[
            ttr?.p90 !== null && ttr?.p90 !== undefined
              ? `median; p90 ${formatDuration(ttr.p90)}`
              : null,
            ttr?.open ? `${plural(ttr.open, 'incident')} still open` : null,
          ]
            .filter(Boolean)
            .join(' · ') || undefined}
          tier={ttr?.tier ?? 'insufficient-data'}
          benchmark={s.benchmark}
          n={ttr?.n ?? 0}
          sampleUnit={['resolved incident', 'resolved incidents']}
          minSamples={minSamples}
          trend={{
            data: trend,
            key: 'timeToRestoreMedian',
            name: 'Median time to restore (hours)',
            yLabel: 'hours',
            formatY: axisHours,
            formatX: formatShortDate,
          }}
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={6}>
        <MetricCard
          title="Rework rate"
          definition={METRIC_DEFINITIONS.reworkRate}
          value={rw?.value !== null && rw?.value !== undefined ? formatPercent(rw.value) : null}
          noValueText="No deployments"
          details={
            rw && rw.total > 0
              ? `${rw.rework} of ${plural(rw.total, 'deployment')} were rework`
              : undefined
          }
          n={rw?.total ?? 0}
          sampleUnit={['deployment', 'deployments']}
          minSamples={minSamples}
        />
      </Grid>

      <Grid item xs={12} lg={7}>
        <DeploymentsTable deployments={s.recentDeployments ?? []} />
      </Grid>
      <Grid item xs={12} lg={5}>
        <IncidentsTable incidents={s.recentIncidents ?? []} />
      </Grid>
    </Grid>
  );
}

function OverallCard(props: { scorecard: EntityScorecard }) {
  const s = props.scorecard;
  const ttfd = s.timeToFirstDeploy;
  let ttfdText: string;
  if (ttfd?.seconds !== null && ttfd?.seconds !== undefined) {
    ttfdText = formatDuration(ttfd.seconds);
  } else if (!ttfd?.createdAt) {
    ttfdText = 'Unknown: creation time not recorded';
  } else {
    ttfdText = 'No production deployment yet';
  }
  return (
    <Card component="section" aria-label="Overall" variant="outlined" style={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h3">
          Overall DORA tier
        </Typography>
        <Box my={1} title={METRIC_DEFINITIONS.overallTier}>
          <TierBadge tier={s.dora?.overallTier} size="medium" />
        </Box>
        <Typography variant="body2" color="textSecondary">
          Benchmark profile: {benchmarkLabel(s.benchmark)} · window{' '}
          {formatWindow(s.window)} (
          {s.window?.days} days)
        </Typography>
        <Box mt={2}>
          <Typography variant="subtitle2" component="h4" title={METRIC_DEFINITIONS.timeToFirstDeploy}>
            Time to first deploy
          </Typography>
          <Typography variant="body1" data-testid="ttfd">
            {ttfdText}
          </Typography>
          {(ttfd?.createdAt || ttfd?.firstDeployAt) && (
            <Typography variant="body2" color="textSecondary">
              Created {formatDate(ttfd?.createdAt)}
              {ttfd?.firstDeployAt
                ? ` · first production deploy ${formatDate(ttfd.firstDeployAt)}`
                : ''}
            </Typography>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}

const ADOPTING_MEANS =
  'Adopting means creating the component from a software template (annotation backstage.io/source-template) or annotating it platform-metrics.io/golden-path: "true".';

function GoldenPathCard(props: { scorecard: EntityScorecard }) {
  const adoption = props.scorecard.adoption;
  const status = adoption?.status ?? 'not-eligible';
  let label: string;
  let color: string;
  let text: string;
  switch (status) {
    case 'adopted':
      label = 'Adopted';
      color = '#1b7f3b';
      text = 'This component is on the golden path.';
      break;
    case 'exception':
      label = 'Exception';
      color = '#b26a00';
      text = `Documented exception: ${adoption?.reason || 'no reason given'}. Excluded from the adoption rate.`;
      break;
    case 'not-adopted':
      label = 'Not adopted';
      color = '#c62828';
      text = ADOPTING_MEANS;
      break;
    default:
      label = 'Not eligible';
      color = '#616161';
      text =
        'Only Components of the eligible types (by default service and website) count towards golden-path adoption.';
  }
  return (
    <Card component="section" aria-label="Golden path" variant="outlined" style={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h3" title={METRIC_DEFINITIONS.adoption}>
          Golden path
        </Typography>
        <Box my={1}>
          <Chip
            label={label}
            data-status={status}
            style={{ backgroundColor: color, color: '#fff', fontWeight: 600 }}
          />
        </Box>
        <Typography variant="body2">{text}</Typography>
      </CardContent>
    </Card>
  );
}

function DeploymentsTable(props: { deployments: DeploymentSummary[] }) {
  return (
    <Card component="section" aria-label="Latest deployments" variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h3">
          Latest deployments
        </Typography>
        {props.deployments.length === 0 ? (
          <InlineEmpty>No deployments recorded in this window.</InlineEmpty>
        ) : (
          <Table size="small" aria-label="Latest deployments">
            <TableHead>
              <TableRow>
                <TableCell>Finished</TableCell>
                <TableCell>Version</TableCell>
                <TableCell>Environment</TableCell>
                <TableCell>Type</TableCell>
                <TableCell align="right">Changes</TableCell>
                <TableCell>Result</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {props.deployments.map(d => {
                const failed = d.status === 'failed' || d.causedFailure;
                return (
                  <TableRow
                    key={`${d.source}/${d.id}`}
                    data-failed={failed ? 'true' : 'false'}
                    style={failed ? { backgroundColor: 'rgba(198,40,40,0.08)' } : undefined}
                  >
                    <TableCell>{formatDateTime(d.finishedAt)}</TableCell>
                    <TableCell>{d.version ?? d.id}</TableCell>
                    <TableCell>{d.environment}</TableCell>
                    <TableCell>{d.type ?? 'standard'}</TableCell>
                    <TableCell align="right">{d.changes ?? 0}</TableCell>
                    <TableCell>
                      {d.status === 'failed' && (
                        <Chip size="small" label="Rollout failed" style={{ backgroundColor: '#c62828', color: '#fff' }} />
                      )}
                      {d.status !== 'failed' && d.causedFailure && (
                        <Chip size="small" label="Failed change" style={{ backgroundColor: '#c62828', color: '#fff' }} />
                      )}
                      {!failed && 'Succeeded'}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function IncidentsTable(props: { incidents: IncidentSummary[] }) {
  return (
    <Card component="section" aria-label="Latest incidents" variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h3">
          Latest incidents
        </Typography>
        {props.incidents.length === 0 ? (
          <InlineEmpty>No incidents recorded in this window.</InlineEmpty>
        ) : (
          <Table size="small" aria-label="Latest incidents">
            <TableHead>
              <TableRow>
                <TableCell>Opened</TableCell>
                <TableCell>Severity</TableCell>
                <TableCell>Restored in</TableCell>
                <TableCell>Caused by</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {props.incidents.map(i => {
                const opened = DateTime.fromISO(i.openedAt ?? '');
                const resolved = i.resolvedAt ? DateTime.fromISO(i.resolvedAt) : null;
                const restoredSeconds =
                  resolved && resolved.isValid && opened.isValid
                    ? resolved.diff(opened).as('seconds')
                    : null;
                return (
                  <TableRow key={`${i.source}/${i.id}`}>
                    <TableCell>{formatDateTime(i.openedAt)}</TableCell>
                    <TableCell>{i.severity ?? '—'}</TableCell>
                    <TableCell>
                      {resolved ? (
                        formatDuration(restoredSeconds)
                      ) : (
                        <Chip size="small" label="Open" style={{ backgroundColor: '#b26a00', color: '#fff' }} />
                      )}
                    </TableCell>
                    <TableCell>{i.causedBy ?? '—'}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  DeploymentSummary,
  DeploymentType,
  IncidentSummary,
} from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { InlineEmpty } from '../common/States';
import { formatDateTime, formatDuration } from '../common/format';
import { secondsBetween } from '../../lib/time';

const DEPLOYMENT_TYPE_KEYS = {
  standard: 'scorecard.deploymentType.standard',
  hotfix: 'scorecard.deploymentType.hotfix',
  rollback: 'scorecard.deploymentType.rollback',
} as const satisfies Record<DeploymentType, string>;

function StatusChip(props: { label: string; color: string }) {
  return (
    <Chip
      size="small"
      label={props.label}
      style={{ backgroundColor: props.color, color: '#fff' }}
    />
  );
}

/** A titled card with a small table, or an inline empty state. */
function TableCard(props: {
  title: string;
  empty: string;
  headers: Array<{ label: string; align?: 'right' }>;
  children: ReactNode[];
}) {
  return (
    <Card component="section" aria-label={props.title} variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h3">
          {props.title}
        </Typography>
        {props.children.length === 0 ? (
          <InlineEmpty>{props.empty}</InlineEmpty>
        ) : (
          // no cell breaks mid-word: the table scrolls sideways when it is wider than its card
          <div style={{ overflowX: 'auto' }}>
            <Table
              size="small"
              aria-label={props.title}
              style={{ whiteSpace: 'nowrap' }}
            >
              <TableHead>
                <TableRow>
                  {props.headers.map(h => (
                    <TableCell key={h.label} align={h.align}>
                      {h.label}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>{props.children}</TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

/** The latest deployments, with failed rollouts and failed changes marked. */
export function DeploymentsTable(props: { deployments: DeploymentSummary[] }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const typeLabel = (type: string | undefined) => {
    const key = DEPLOYMENT_TYPE_KEYS[(type ?? 'standard') as DeploymentType];
    return key ? t(key) : type;
  };
  return (
    <TableCard
      title={t('scorecard.deployments.title')}
      empty={t('scorecard.deployments.empty')}
      headers={[
        { label: t('scorecard.deployments.finished') },
        { label: t('scorecard.deployments.version') },
        { label: t('scorecard.deployments.environment') },
        { label: t('scorecard.deployments.type') },
        { label: t('scorecard.deployments.changes'), align: 'right' },
        { label: t('scorecard.deployments.result') },
      ]}
    >
      {props.deployments.map(d => {
        const failed = d.status === 'failed' || d.causedFailure;
        return (
          <TableRow
            key={`${d.source}/${d.id}`}
            data-failed={failed ? 'true' : 'false'}
            style={
              failed ? { backgroundColor: 'rgba(198,40,40,0.08)' } : undefined
            }
          >
            <TableCell>{formatDateTime(d.finishedAt)}</TableCell>
            <TableCell>{d.version ?? d.id}</TableCell>
            <TableCell>{d.environment}</TableCell>
            <TableCell>{typeLabel(d.type)}</TableCell>
            <TableCell align="right">{d.changes ?? 0}</TableCell>
            <TableCell>
              {d.status === 'failed' && (
                <StatusChip
                  label={t('scorecard.deployments.rolloutFailed')}
                  color="#c62828"
                />
              )}
              {d.status !== 'failed' && d.causedFailure && (
                <StatusChip
                  label={t('scorecard.deployments.failedChange')}
                  color="#c62828"
                />
              )}
              {!failed && t('scorecard.deployments.succeeded')}
            </TableCell>
          </TableRow>
        );
      })}
    </TableCard>
  );
}

/** The latest incidents with their time to restore, or open. */
export function IncidentsTable(props: { incidents: IncidentSummary[] }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  return (
    <TableCard
      title={t('scorecard.incidents.title')}
      empty={t('scorecard.incidents.empty')}
      headers={[
        { label: t('scorecard.incidents.opened') },
        { label: t('scorecard.incidents.severity') },
        { label: t('scorecard.incidents.restoredIn') },
        { label: t('scorecard.incidents.causedBy') },
      ]}
    >
      {props.incidents.map(i => (
        <TableRow key={`${i.source}/${i.id}`}>
          <TableCell>{formatDateTime(i.openedAt)}</TableCell>
          <TableCell>{i.severity ?? t('common.none')}</TableCell>
          <TableCell>
            {i.resolvedAt ? (
              formatDuration(t, secondsBetween(i.openedAt ?? '', i.resolvedAt))
            ) : (
              <StatusChip
                label={t('scorecard.incidents.open')}
                color="#8a5300"
              />
            )}
          </TableCell>
          <TableCell>{i.causedBy ?? t('common.none')}</TableCell>
        </TableRow>
      ))}
    </TableCard>
  );
}

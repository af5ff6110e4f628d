import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useRouteRef } from '@backstage/core-plugin-api';
import { Link } from '@backstage/core-components';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { EntityMetrics } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { formatDuration, formatFrequency, formatPercent } from '../common/format';
import { TierBadge } from '../common/TierBadge';
import { InlineEmpty } from '../common/States';
import { RowHeaderCell } from '../common/RowHeaderCell';

const ADOPTION_KEYS = {
  adopted: 'split.adopted',
  'not-adopted': 'split.notAdopted',
  exception: 'split.exception',
  'not-eligible': 'scopeTab.notEligible',
} as const;

/** The components in scope, each with its tiers and a link to its scorecard. */
export function ScopeEntitiesTable(props: { entities: EntityMetrics[] }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const entityRoute = useRouteRef(entityRouteRef);
  return (
    <Card component="section" variant="outlined" aria-label={t('scopeTab.services')}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {t('scopeTab.services')}
        </Typography>
        {props.entities.length === 0 ? (
          <InlineEmpty>{t('scopeTab.noServices')}</InlineEmpty>
        ) : (
          <Table size="small" aria-label={t('scopeTab.services')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('scopeTab.service')}</TableCell>
                <TableCell>{t('scopeTab.overallTier')}</TableCell>
                <TableCell align="right">{t('teams.deploymentFrequency')}</TableCell>
                <TableCell align="right">{t('teams.leadTime')}</TableCell>
                <TableCell align="right">{t('teams.changeFailureRate')}</TableCell>
                <TableCell align="right">{t('teams.timeToRestore')}</TableCell>
                <TableCell>{t('scopeTab.goldenPath')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {props.entities.map(e => {
                const ref = parseEntityRef(e.entityRef);
                const d = e.dora;
                return (
                  <TableRow key={e.entityRef}>
                    <RowHeaderCell>
                      <Link to={`${entityRoute({ kind: ref.kind, namespace: ref.namespace, name: ref.name })}/scorecard`}>
                        {ref.name}
                      </Link>
                    </RowHeaderCell>
                    <TableCell>
                      <TierBadge tier={d.overallTier} />
                    </TableCell>
                    <TableCell align="right">{formatFrequency(t, d.deploymentFrequency.perDay)}</TableCell>
                    <TableCell align="right">{formatDuration(t, d.leadTime.median)}</TableCell>
                    <TableCell align="right">{formatPercent(t, d.changeFailureRate.value)}</TableCell>
                    <TableCell align="right">{formatDuration(t, d.timeToRestore.median)}</TableCell>
                    <TableCell>{t(ADOPTION_KEYS[e.adoptionStatus])}</TableCell>
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

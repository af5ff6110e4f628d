import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useRouteRef } from '@backstage/core-plugin-api';
import { Link } from '@backstage/core-components';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { formatDuration } from '../common/format';
import { InlineEmpty } from '../common/States';
import { TrendChart } from '../common/TrendChart';
import { RowHeaderCell } from '../common/RowHeaderCell';

const DAY_SECONDS = 86_400;

/**
 * Time to first deploy per software template (metrics.md, "TTFD per
 * software template"): which golden path gets a new service to production
 * fastest, as a table with each cohort's n and a bar chart of the medians.
 */
export function TemplatesCard(props: { templates: OrgSummary['templates'] }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const rows = props.templates ?? [];
  const title = t('templates.title');
  const chart = rows
    .filter(r => r.timeToFirstDeploy.median !== null)
    .map(r => ({
      template: parseEntityRef(r.template).name,
      value: Math.round((r.timeToFirstDeploy.median! / DAY_SECONDS) * 10) / 10,
    }));
  return (
    <Card component="section" variant="outlined" aria-label={title} id="platform-metrics-templates">
      <CardContent>
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          {t('templates.intro')}
        </Typography>
        {rows.length === 0 ? (
          <InlineEmpty>{t('templates.empty')}</InlineEmpty>
        ) : (
          <Grid container spacing={2}>
            <Grid item xs={12} md={7} style={{ overflowX: 'auto' }}>
              <Table size="small" aria-label={title}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('templates.template')}</TableCell>
                    <TableCell align="right">{t('templates.created')}</TableCell>
                    <TableCell align="right">{t('templates.deployed')}</TableCell>
                    <TableCell align="right">{t('templates.median')}</TableCell>
                    <TableCell align="right">{t('templates.stalled')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map(r => {
                    const ref = parseEntityRef(r.template);
                    return (
                      <TableRow key={r.template} data-testid={`template-${ref.name}`}>
                        <RowHeaderCell>
                          <Link to={entityRoute({ kind: ref.kind, namespace: ref.namespace, name: ref.name })}>
                            {ref.name}
                          </Link>
                        </RowHeaderCell>
                        <TableCell align="right">{r.created}</TableCell>
                        <TableCell align="right">{r.timeToFirstDeploy.n}</TableCell>
                        <TableCell align="right">{formatDuration(t, r.timeToFirstDeploy.median)}</TableCell>
                        <TableCell align="right">{r.timeToFirstDeploy.stalled}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </Grid>
            <Grid item xs={12} md={5}>
              <TrendChart
                title={t('templates.chartTitle')}
                kind="bar"
                xKey="template"
                xLabel={t('templates.axis')}
                yLabel={t('templates.axisDays')}
                data={chart}
                series={[{ key: 'value', name: t('templates.series'), color: '#3f51b5' }]}
                height={220}
                allXTicks
              />
            </Grid>
          </Grid>
        )}
      </CardContent>
    </Card>
  );
}

import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsIntegrationsReadPermission } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { ErrorState, LoadingState } from '../common/States';
import { formatDateTime } from '../common/format';
import { RowHeaderCell } from '../common/RowHeaderCell';

/**
 * What the webhook receivers got in the last 24 hours, per tool, and the
 * repositories or services that match no entity. Rendered only for holders
 * of the integrations permission.
 */
export function IntegrationsStatusSection() {
  const { allowed } = usePermission({ permission: platformMetricsIntegrationsReadPermission });
  if (!allowed) return null;
  return <IntegrationsCard />;
}

function IntegrationsCard() {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { value, loading, error } = useAsync(() => api.getIntegrationsStatus(), [api]);
  let body;
  if (loading) body = <LoadingState label={t('integrations.loading')} />;
  else if (error || !value) body = <ErrorState title={t('integrations.errorTitle')} error={error} />;
  else {
    body = (
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('integrations.tool')}</TableCell>
            <TableCell>{t('integrations.lastDelivery')}</TableCell>
            <TableCell align="right">{t('integrations.deliveries')}</TableCell>
            <TableCell align="right">{t('integrations.signatureFailures')}</TableCell>
            <TableCell align="right">{t('integrations.unprocessable')}</TableCell>
            <TableCell>{t('integrations.unmatched')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.providers.map(p => (
            <TableRow key={p.provider}>
              <RowHeaderCell>
                {t(`integrations.providers.${p.provider}`)}
              </RowHeaderCell>
              {p.configured ? (
                <>
                  <TableCell>{p.lastDeliveryAt ? formatDateTime(p.lastDeliveryAt) : t('integrations.never')}</TableCell>
                  <TableCell align="right">{p.deliveriesLast24h}</TableCell>
                  <TableCell align="right">{p.signatureFailuresLast24h}</TableCell>
                  <TableCell align="right">{p.unprocessableLast24h}</TableCell>
                  <TableCell>
                    {p.unmatched.map(u => (
                      <div key={`${u.annotation}=${u.value}`}>{t('integrations.unmatchedItem', { ...u, deliveries: String(u.deliveries) })}</div>
                    ))}
                  </TableCell>
                </>
              ) : (
                <TableCell colSpan={5}>{t('integrations.notConfigured')}</TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <Card component="section" aria-label={t('integrations.region')} variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2">
          {t('integrations.title')}
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {t('integrations.note')}
        </Typography>
        {body}
      </CardContent>
    </Card>
  );
}

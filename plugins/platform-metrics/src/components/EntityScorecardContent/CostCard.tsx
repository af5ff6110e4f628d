import { useId } from 'react';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { ErrorState, InlineEmpty, LoadingState } from '../common/States';
import { TrendChart } from '../common/TrendChart';
import { CardHeading } from '../common/CardHeading';

/** Months shown on the card. */
const MONTHS = 12;

/** A money amount in the installation's currency, without cents above 1000. */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: Math.abs(amount) >= 1000 ? 0 : 2,
  }).format(amount);
}

/** A service's cost per month over the last year, its mean and its cost per production deployment. */
export function CostCard(props: { entityRef: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const titleId = useId();
  const ref = parseEntityRef(props.entityRef);
  const { value, loading, error } = useAsync(() => api.getEntityCosts(ref, { months: MONTHS }), [api, props.entityRef]);
  const money = (amount: number) => formatMoney(amount, value?.currency ?? 'USD');
  return (
    <Card component="section" aria-labelledby={titleId} variant="outlined" style={{ height: '100%' }}>
      <CardContent>
        <CardHeading id={titleId} title={t('costs.title')} definition={t('costs.definition')} />
        {loading && <LoadingState label={t('costs.loading')} />}
        {error && <ErrorState title={t('costs.errorTitle')} error={error} />}
        {value && value.total === 0 && (
          <InlineEmpty>
            {t('costs.noCosts')}. {t('costs.noCostsDescription')}
          </InlineEmpty>
        )}
        {value && value.total > 0 && (
          <>
            <Typography variant="h4" component="p" data-testid="cost-per-month">
              {t('costs.perMonth', { amount: money(value.perMonth) })}
            </Typography>
            <Typography variant="body2" color="textSecondary" component="div">
              {[
                t('costs.total', { amount: money(value.total), months: String(value.monthly.length) }),
                value.perDeployment === null ? null : t('costs.perDeployment', { amount: money(value.perDeployment) }),
              ]
                .filter(Boolean)
                .join(t('common.detailSeparator'))}
            </Typography>
            <Box mt={1}>
              <TrendChart
                title={t('costs.trendTitle')}
                kind="bar"
                data={value.monthly.map(m => ({ month: m.month, amount: m.amount }))}
                xKey="month"
                xLabel={t('costs.monthLabel')}
                yLabel={value.currency}
                series={[{ key: 'amount', name: t('costs.trendTitle'), color: '#3f51b5' }]}
                formatY={money}
                height={160}
                emptyMessage={t('costs.noCosts')}
              />
            </Box>
          </>
        )}
      </CardContent>
    </Card>
  );
}

import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { KpiCard } from '../common/KpiCard';
import { TrendChart } from '../common/TrendChart';

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
  const ref = parseEntityRef(props.entityRef);
  const state = useAsync(() => api.getEntityCosts(ref, { months: MONTHS }), [api, props.entityRef]);
  const money = (amount: number) => formatMoney(amount, state.value?.currency ?? 'USD');
  return (
    <KpiCard
      title={t('costs.title')}
      definition={t('costs.definition')}
      loadingLabel={t('costs.loading')}
      errorTitle={t('costs.errorTitle')}
      emptyText={`${t('costs.noCosts')}. ${t('costs.noCostsDescription')}`}
      state={state}
      isEmpty={v => v.total === 0}
    >
      {value => (
        <>
        <Typography variant="h4" component="p" data-testid="cost-per-month">
          {t('costs.perMonth', { amount: money(value.perMonth) })}
        </Typography>
        <Typography variant="body2" color="textSecondary" component="div">
          {[
            t('costs.total', { amount: money(value.total), count: value.monthly.length }),
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
    </KpiCard>
  );
}

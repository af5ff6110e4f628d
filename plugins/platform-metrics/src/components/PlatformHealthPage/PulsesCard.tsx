import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { OrgPulses, PulseQuestionResult } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { KpiCard } from '../common/KpiCard';
import { formatPercent } from '../common/format';
import { RowHeaderCell } from '../common/RowHeaderCell';
import { DistributionBar } from '../common/DistributionBar';


/**
 * The pulse results per question (metrics.md, "Pulse questions") of the
 * calendar quarters the window touches: answers, favourable share, mean
 * and a bar of the 1–5 distribution; a withheld question says why. Loads
 * its own data; org-wide only.
 */
export function PulsesCard(props: { windowDays: number }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { windowDays } = props;
  const state = useAsync(() => api.getPulses({ windowDays }), [api, windowDays]);
  return (
    <KpiCard
      title={t('pulses.card.title')}
      definition={t('pulses.card.definition')}
      loadingLabel={t('pulses.card.loading')}
      errorTitle={t('pulses.card.errorTitle')}
      emptyText={t('pulses.card.empty')}
      state={state}
      isEmpty={v => v.questions.length === 0}
    >
      {value => <PulsesTable value={value} />}
    </KpiCard>
  );
}

function PulsesTable({ value }: { value: OrgPulses }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  return (
    <>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {t('pulses.card.period', { quarters: value.period.quarters.join(', ') })}
      </Typography>
      <Table size="small" aria-label={t('pulses.card.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('pulses.card.questionColumn')}</TableCell>
            <TableCell align="right">{t('pulses.card.nColumn')}</TableCell>
            <TableCell align="right">{t('pulses.card.favourableColumn')}</TableCell>
            <TableCell align="right">{t('pulses.card.meanColumn')}</TableCell>
            <TableCell style={{ width: '30%' }}>{t('pulses.card.distributionColumn')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.questions.map(q => (
            <TableRow key={q.questionId}>
              <RowHeaderCell>{q.question}</RowHeaderCell>
              {q.withheld !== null || q.n === null ? (
                <TableCell colSpan={4}>{t('pulses.card.withheld', { reason: q.withheld ?? '' })}</TableCell>
              ) : (
                <>
                  <TableCell align="right">{q.n}</TableCell>
                  <TableCell align="right">{formatPercent(t, q.favourable, 0)}</TableCell>
                  <TableCell align="right">{q.mean === null ? t('common.none') : q.mean.toFixed(1)}</TableCell>
                  <TableCell>
                    <DistributionBarOf question={q} />
                  </TableCell>
                </>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** The bar of the 1–5 distribution, with the counts as its accessible name. */
function DistributionBarOf({ question }: { question: PulseQuestionResult }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const [one, two, three, four, five] = (question.distribution ?? []).map(String);
  return <DistributionBar counts={question.distribution} label={t('pulses.card.distribution', { one, two, three, four, five })} />;
}

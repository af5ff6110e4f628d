import Box from '@material-ui/core/Box';
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

/** The colours of the answers 1 to 5, from red to green. */
const COLOURS = ['#c62828', '#ef6c00', '#9e9e9e', '#7cb342', '#2e7d32'];

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
                    <DistributionBar question={q} />
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

/** A bar split by the share of each answer, with the counts as its accessible name. */
function DistributionBar({ question }: { question: PulseQuestionResult }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const counts = question.distribution ?? [];
  const n = counts.reduce((s, c) => s + c, 0);
  const [one, two, three, four, five] = counts.map(String);
  return (
    <Box display="flex" height={14} borderRadius={2} overflow="hidden" role="img" aria-label={t('pulses.card.distribution', { one, two, three, four, five })}>
      {counts.map((c, i) =>
        c > 0 ? <Box key={i} width={`${(100 * c) / n}%`} style={{ backgroundColor: COLOURS[i] }} /> : null,
      )}
    </Box>
  );
}

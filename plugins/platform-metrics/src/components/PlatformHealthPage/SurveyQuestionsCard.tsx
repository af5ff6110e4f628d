import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import type {
  SpaceDimensionResult,
  SurveyQuestionResults,
} from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { DistributionBar } from '../common/DistributionBar';
import { KpiCard } from '../common/KpiCard';
import { RowHeaderCell } from '../common/RowHeaderCell';
import { formatPercent } from '../common/format';

/**
 * The survey's agreement statements (metrics.md §18) for the org or one
 * reporting group: the SPACE dimensions side by side, each with its
 * favourable share and its trend per survey, then every statement with its
 * distribution, favourable share, mean and trend. Published figures only;
 * a withheld one says so. Loads its own data.
 */
export function SurveyQuestionsCard(props: { group?: string; to?: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { group, to } = props;
  const state = useAsync(() => api.getSurveyQuestionResults({ group, to }), [api, group, to]);
  return (
    <KpiCard
      title={t('surveyQuestions.results.title')}
      definition={t('surveyQuestions.results.definition')}
      loadingLabel={t('surveyQuestions.results.loading')}
      errorTitle={t('surveyQuestions.results.errorTitle')}
      emptyText={t('surveyQuestions.results.empty')}
      state={state}
      isEmpty={v => v.questions.length === 0}
    >
      {value => (
        <>
          <Dimensions value={value} />
          <Statements value={value} />
        </>
      )}
    </KpiCard>
  );
}

function Dimensions({ value }: { value: SurveyQuestionResults }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  return (
    <Grid container spacing={2} component="ul" aria-label={t('surveyQuestions.results.dimensionsLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {value.dimensions.map(d => (
        <Grid item xs={12} sm={6} md key={d.dimension} component="li">
          <DimensionTile dimension={d} />
        </Grid>
      ))}
    </Grid>
  );
}

function DimensionTile({ dimension: d }: { dimension: SpaceDimensionResult }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const name = t(`surveyQuestions.dimension.${d.dimension}`);
  const points = d.trend.filter(p => p.favourable !== null);
  const spoken = d.trend
    .map(p => `${p.surveyId} ${p.favourable === null ? t('surveyQuestions.results.withheld') : formatPercent(t, p.favourable, 0)}`)
    .join(', ');
  return (
    <Box border={1} borderColor="divider" borderRadius={4} p={1.5} height="100%">
      <Typography variant="subtitle2" component="h3">
        {name}
      </Typography>
      <Typography variant="h5" component="p" data-testid={`space-${d.dimension}`}>
        {d.favourable === null ? '–' : t('surveyQuestions.results.favourable', { share: formatPercent(t, d.favourable, 0) })}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {d.n === null ? t('surveyQuestions.results.noData') : t('surveyQuestions.results.answers', { n: String(d.n) })}
      </Typography>
      {points.length > 1 && (
        <Box height={40} role="img" aria-label={t('surveyQuestions.results.trendLabel', { dimension: name, points: spoken })}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={d.trend.map(p => ({ surveyId: p.surveyId, favourable: p.favourable }))}>
              <YAxis hide domain={[0, 1]} />
              <Line dataKey="favourable" stroke="#1565c0" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
            </LineChart>
          </ResponsiveContainer>
        </Box>
      )}
    </Box>
  );
}

function Statements({ value }: { value: SurveyQuestionResults }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  return (
    <Box mt={2} overflow="auto">
      <Table size="small" aria-label={t('surveyQuestions.results.tableLabel', { surveyId: value.surveyId })}>
        <TableHead>
          <TableRow>
            <TableCell>{t('surveyQuestions.results.statementColumn')}</TableCell>
            <TableCell>{t('surveyQuestions.results.dimensionColumn')}</TableCell>
            <TableCell align="right">{t('surveyQuestions.results.nColumn')}</TableCell>
            <TableCell>{t('surveyQuestions.results.distributionColumn')}</TableCell>
            <TableCell align="right">{t('surveyQuestions.results.favourableColumn')}</TableCell>
            <TableCell align="right">{t('surveyQuestions.results.meanColumn')}</TableCell>
            <TableCell>{t('surveyQuestions.results.trendColumn')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.questions.map(q => {
            const [one, two, three, four, five] = (q.distribution ?? []).map(String);
            return (
              <TableRow key={q.id}>
                <RowHeaderCell>{q.text}</RowHeaderCell>
                <TableCell>{t(`surveyQuestions.dimension.${q.dimension}`)}</TableCell>
                {q.withheld !== null ? (
                  <TableCell colSpan={4}>
                    <Typography variant="body2" color="textSecondary">
                      {`${t('surveyQuestions.results.withheld')}: ${q.withheld}`}
                    </Typography>
                  </TableCell>
                ) : (
                  <>
                    <TableCell align="right">{q.n}</TableCell>
                    <TableCell>
                      <DistributionBar
                        counts={q.distribution}
                        label={t('surveyQuestions.results.distribution', { one, two, three, four, five })}
                      />
                    </TableCell>
                    <TableCell align="right">{q.favourable === null ? '–' : formatPercent(t, q.favourable, 0)}</TableCell>
                    <TableCell align="right">{q.mean === null ? '–' : q.mean.toFixed(1)}</TableCell>
                  </>
                )}
                <TableCell>
                  {q.trend
                    .map(p => `${p.surveyId}: ${p.favourable === null ? '–' : formatPercent(t, p.favourable, 0)}`)
                    .join(' · ')}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

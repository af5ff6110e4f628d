import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { platformMetricsTranslationRef } from '../../translation';
import { QuarterWindow } from '../../lib/quarters';
import { AsyncContent, ErrorMessage } from '../common/States';
import { formatWindow } from '../common/format';
import { adoptionAtEnd, reviewKpis } from './kpiRows';
import { QuarterAnnotations } from './QuarterAnnotations';
import { QuarterCharts } from './QuarterCharts';
import { QuarterKpiTable } from './QuarterKpiTable';
import { QuarterNpsCard } from './QuarterNpsCard';
import { QuarterTargets } from './QuarterTargets';
import { AdoptionPhaseCard, ReviewSection } from './ReviewCards';
import { QuarterReviewData, useQuarterReview } from './useQuarterReview';

/** A problem with one of the secondary reads, shown beside what did load. */
function Problem(props: { title: string; error: unknown }) {
  return (
    <Box mb={1}>
      <Alert severity="warning">
        <AlertTitle>{props.title}</AlertTitle>
        <ErrorMessage error={props.error} />
      </Alert>
    </Box>
  );
}

/** The review's figures once the summaries are in. */
function Figures(props: {
  quarter: string;
  previousQuarter: string;
  span: QuarterWindow;
  data: QuarterReviewData;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { current, baseline, previous } = props.data;
  const previousComparison = current.comparison;
  const baselineComparison = baseline.summary?.comparison;
  const adoption = {
    thisQuarter: adoptionAtEnd(current, props.span.inProgress),
    lastQuarter: adoptionAtEnd(previous.summary, false),
  };
  const kpis = reviewKpis({
    previous: previousComparison,
    baseline: baselineComparison,
    adoption,
  });
  // the previous quarter's snapshots, then this quarter's, one per day
  const byDay = new Map(
    [
      ...(previous.summary?.adoption.trend ?? []),
      ...current.adoption.trend,
    ].map(p => [p.date, p]),
  );
  const adoptionTrend = [...byDay.values()].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
  return (
    <>
      <Grid item xs={12}>
        {props.span.inProgress && (
          <Box mb={1}>
            <Alert severity="info">{t('review.inProgress')}</Alert>
          </Box>
        )}
        <Typography variant="body2">
          {previousComparison
            ? t('review.windows', {
                range: formatWindow(t, current.window),
                days: String(previousComparison.reference.days),
                previous: formatWindow(t, previousComparison.reference),
              })
            : formatWindow(t, current.window)}
          {baselineComparison &&
            ` ${t('review.baselineWindow', {
              label: baselineComparison.label,
              range: formatWindow(t, baselineComparison.reference),
            })}`}
        </Typography>
      </Grid>
      <Grid item xs={12}>
        <ReviewSection
          title={t('review.kpis.title')}
          id="platform-metrics-review-kpis"
        >
          {baseline.missing && (
            <Box mb={1}>
              <Alert severity="info">
                <AlertTitle>{t('review.kpis.noBaselineTitle')}</AlertTitle>
                {t('review.kpis.noBaseline')}
              </Alert>
            </Box>
          )}
          {!!baseline.error && (
            <Problem
              title={t('review.kpis.baselineErrorTitle')}
              error={baseline.error}
            />
          )}
          {!!previous.error && (
            <Problem
              title={t('review.kpis.previousErrorTitle')}
              error={previous.error}
            />
          )}
          <QuarterKpiTable
            kpis={kpis}
            quarter={props.quarter}
            baselineLabel={baselineComparison?.label}
            minSamples={current.minSamples}
          />
          <Typography
            variant="caption"
            component="p"
            color="textSecondary"
            style={{ marginTop: 8 }}
          >
            {t('review.kpis.note')}
          </Typography>
        </ReviewSection>
      </Grid>
      <Grid item xs={12}>
        <ReviewSection
          title={t('review.charts.title')}
          id="platform-metrics-review-charts"
        >
          <Typography variant="body2" paragraph>
            {t('review.charts.intro')}
          </Typography>
          <QuarterCharts
            kpis={kpis}
            quarter={props.quarter}
            previousQuarter={props.previousQuarter}
            hasBaseline={!!baselineComparison}
            adoptionTrend={adoptionTrend}
          />
        </ReviewSection>
      </Grid>
      <Grid item xs={12} md={6}>
        <AdoptionPhaseCard rate={adoption.thisQuarter} />
      </Grid>
      <Grid item xs={12} md={6}>
        <QuarterNpsCard nps={current.nps} />
      </Grid>
    </>
  );
}

/**
 * The review of one quarter: the figures from its summaries, then its
 * annotations and the targets' status, which load on their own.
 */
export function QuarterReviewBody(props: {
  quarter: string;
  previousQuarter: string;
  span: QuarterWindow;
  previousSpan: QuarterWindow;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { value, loading, error } = useQuarterReview(
    props.span,
    props.previousSpan,
  );
  return (
    <Grid container spacing={2}>
      {loading || error || !value ? (
        <Grid item xs={12}>
          <AsyncContent
            loading={loading}
            error={error}
            value={value}
            loadingLabel={t('review.loading')}
            errorTitle={t('review.errorTitle')}
            empty={{
              title: t('review.emptyTitle'),
              description: t('review.emptyDescription'),
            }}
          >
            {() => <></>}
          </AsyncContent>
        </Grid>
      ) : (
        <Figures
          quarter={props.quarter}
          previousQuarter={props.previousQuarter}
          span={props.span}
          data={value}
        />
      )}
      <Grid item xs={12}>
        <QuarterAnnotations
          quarter={props.quarter}
          from={props.span.from}
          to={props.span.to}
        />
      </Grid>
      <Grid item xs={12}>
        <QuarterTargets to={props.span.to} />
      </Grid>
    </Grid>
  );
}

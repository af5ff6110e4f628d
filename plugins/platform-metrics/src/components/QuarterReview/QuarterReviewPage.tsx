import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DateTime } from 'luxon';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Content, Header, Link, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { useTheme } from '@material-ui/core/styles';
import PrintIcon from '@material-ui/icons/Print';
import {
  PlatformMetricsT,
  platformMetricsTranslationRef,
} from '../../translation';
import {
  Quarter,
  lastCompleteQuarter,
  parseQuarter,
  previousQuarter,
  quarterWindow,
  recentQuarters,
} from '../../lib/quarters';
import { formatWindow } from '../common/format';
import { PrintStyles, REVIEW_ELEMENT_ID } from './PrintStyles';
import { QuarterReviewBody } from './QuarterReviewBody';

/** A quarter's dates, e.g. "Jul 1, 2026 – Sep 30, 2026 (UTC)". */
function quarterRange(t: PlatformMetricsT, q: Quarter): string {
  return formatWindow(t, { from: q.start.toISO()!, to: q.end.toISO()! });
}

/**
 * The quarter kept in the URL (`?quarter=2026-Q3`): any quarter that has
 * begun, by default the last complete one; the offered ones are the running
 * quarter and the seven before it, plus the chosen one if older.
 */
function useQuarter(now: DateTime) {
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = parseQuarter(searchParams.get('quarter'));
  const quarter =
    asked && asked.start <= now ? asked : lastCompleteQuarter(now);
  const options = useMemo(() => {
    const recent = recentQuarters(now);
    return recent.some(q => q.id === quarter.id)
      ? recent
      : [...recent, quarter];
  }, [now, quarter]);
  const setQuarter = useCallback(
    (id: string) =>
      setSearchParams(
        prev => {
          const next = new URLSearchParams(prev);
          next.set('quarter', id);
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return { quarter, options, setQuarter };
}

/**
 * The Quarter in review, the platform team's quarterly business review: for
 * a quarter, every KPI against last quarter and the baseline, the adoption
 * phase, the NPS with its top comment categories, the quarter's
 * annotations and the status of each target. Prints on A4 and Letter.
 */
export function QuarterReviewPage() {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const theme = useTheme();
  // read once: the running quarter's window ends at the next UTC midnight
  const [now] = useState(() => DateTime.utc());
  const { quarter, options, setQuarter } = useQuarter(now);
  const span = quarterWindow(quarter, now);
  const previous = previousQuarter(quarter);
  const previousSpan = quarterWindow(previous, now);
  const subtitle = t(
    span.inProgress ? 'review.subtitleInProgress' : 'review.subtitle',
    { quarter: quarter.id, range: quarterRange(t, quarter) },
  );
  return (
    <Page themeId="tool">
      <PrintStyles />
      <Header title={t('review.title')} subtitle={subtitle} />
      <Content>
        <div id={REVIEW_ELEMENT_ID} data-quarter={quarter.id}>
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
            flexWrap="wrap"
            mb={2}
            style={{ gap: 8 }}
            data-print="hide"
          >
            <Link to="..">{t('review.back')}</Link>
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <TextField
                select
                id="platform-metrics-review-quarter"
                label={t('review.quarterLabel')}
                value={quarter.id}
                onChange={e => setQuarter(e.target.value)}
                SelectProps={{ native: true }}
                // on the page background the default label grey falls short of 4.5:1
                InputLabelProps={{ style: { color: theme.palette.text.primary } }}
                variant="outlined"
                size="small"
              >
                {options.map(q => (
                  <option key={q.id} value={q.id}>
                    {t(
                      quarterWindow(q, now).inProgress
                        ? 'review.quarterOptionInProgress'
                        : 'review.quarterOption',
                      { quarter: q.id, range: quarterRange(t, q) },
                    )}
                  </option>
                ))}
              </TextField>
              <Button
                variant="outlined"
                startIcon={<PrintIcon />}
                onClick={() => window.print()}
              >
                {t('review.print')}
              </Button>
            </Box>
          </Box>
          <QuarterReviewBody
            quarter={quarter.id}
            previousQuarter={previous.id}
            span={span}
            previousSpan={previousSpan}
          />
        </div>
      </Content>
    </Page>
  );
}

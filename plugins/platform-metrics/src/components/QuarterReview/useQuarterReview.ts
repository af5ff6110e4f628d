import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { QuarterWindow } from '../../lib/quarters';
import { isMissingBaseline } from '../comparison/useCompare';

/** The summaries a quarter's review reads. */
export interface QuarterReviewData {
  /** The quarter, compared with the period of the same length before it. */
  current: OrgSummary;
  /** The quarter compared with the baseline; `missing` when none is configured (a 400). */
  baseline: { summary?: OrgSummary; missing: boolean; error?: unknown };
  /** The quarter before, on its own: its adoption snapshots. */
  previous: { summary?: OrgSummary; error?: unknown };
}

/**
 * Three summary reads of the org for a quarter: against the previous
 * period, against the baseline (a missing baseline is no error), and the
 * previous quarter's own. Only the first failing fails the review.
 */
export function useQuarterReview(span: QuarterWindow, previous: QuarterWindow) {
  const api = useApi(platformMetricsApiRef);
  return useAsync(async (): Promise<QuarterReviewData> => {
    const range = { windowDays: span.windowDays, to: span.to };
    const [current, baseline, prior] = await Promise.all([
      api.getOrgSummary({ ...range, compare: 'previous' }),
      api.getOrgSummary({ ...range, compare: 'baseline' }).then(
        summary => ({ summary, missing: false }),
        error =>
          isMissingBaseline(error)
            ? { missing: true }
            : { missing: false, error },
      ),
      api
        .getOrgSummary({ windowDays: previous.windowDays, to: previous.to })
        .then(
          summary => ({ summary }),
          error => ({ error }),
        ),
    ]);
    return { current, baseline, previous: prior };
  }, [api, span.windowDays, span.to, previous.windowDays, previous.to]);
}

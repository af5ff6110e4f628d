import type {
  Comparison,
  OrgSummary,
} from '@platform-metrics/plugin-platform-metrics-common';
import {
  ComparedRow,
  ComparedRowSpec,
  DORA_ROWS,
  NPS_ROW,
  TTFD_ROW,
} from '../comparison/ComparisonTable';
import { formatPercent } from '../common/format';

/** The adoption rate, formatted and compared like the change failure rate (a fraction). */
export const ADOPTION_ROW: ComparedRowSpec = {
  key: 'adoptionRate',
  title: t => t('review.kpis.adoptionRate'),
  format: (t, v) => formatPercent(t, v),
  delta: DORA_ROWS.find(r => r.key === 'changeFailureRate')?.delta,
};

/** One KPI of the review: this quarter's figure against last quarter and the baseline. */
export interface ReviewKpi {
  spec: ComparedRowSpec;
  /** This quarter (`after`) against last quarter (`before`). */
  last?: ComparedRow;
  /** This quarter against the baseline; none without a baseline, or for adoption. */
  base?: ComparedRow;
  /** This quarter's figure. */
  value: number | null;
}

/**
 * The golden-path adoption rate at the end of a summary's window: its last
 * daily snapshot with a rate. A running quarter without one takes the
 * current rate; an ended one has none (the current rate is today's).
 */
export function adoptionAtEnd(
  summary: OrgSummary | undefined,
  inProgress: boolean,
): number | null {
  if (!summary) return null;
  const points = summary.adoption.trend.filter(p => p.rate !== null);
  const last = points[points.length - 1];
  if (last) return last.rate;
  return inProgress ? summary.adoption.rate : null;
}

/** Two adoption rates compared as the API compares its figures: higher is better, no test. */
export function compareRates(
  before: number | null,
  after: number | null,
): ComparedRow {
  const absoluteChange =
    before === null || after === null ? null : after - before;
  let direction: ComparedRow['direction'] = null;
  if (absoluteChange !== null) {
    if (Math.abs(absoluteChange) < 1e-9) direction = 'same';
    else direction = absoluteChange > 0 ? 'better' : 'worse';
  }
  return {
    before: { value: before, n: null },
    after: { value: after, n: null },
    absoluteChange,
    relativeChange:
      absoluteChange === null || !before ? null : absoluteChange / before,
    direction,
    insufficientData: false,
  };
}

/**
 * Every KPI of the review, in the order of the comparison tables: the DORA
 * metrics, time to first deploy, the adoption rate and the NPS.
 */
export function reviewKpis(args: {
  previous: Comparison | undefined;
  baseline: Comparison | undefined;
  adoption: { thisQuarter: number | null; lastQuarter: number | null };
}): ReviewKpi[] {
  const { previous, baseline } = args;
  const kpi = (
    spec: ComparedRowSpec,
    last: ComparedRow | undefined,
    base: ComparedRow | undefined,
  ): ReviewKpi => ({
    spec,
    last,
    base,
    value: (last ?? base)?.after.value ?? null,
  });
  return [
    ...DORA_ROWS.map(spec =>
      kpi(spec, previous?.metrics[spec.key], baseline?.metrics[spec.key]),
    ),
    kpi(TTFD_ROW, previous?.timeToFirstDeploy, baseline?.timeToFirstDeploy),
    {
      spec: ADOPTION_ROW,
      last: compareRates(args.adoption.lastQuarter, args.adoption.thisQuarter),
      value: args.adoption.thisQuarter,
    },
    kpi(NPS_ROW, previous?.nps, baseline?.nps),
  ];
}

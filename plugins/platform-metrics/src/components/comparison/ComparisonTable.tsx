import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type {
  ComparedFigure,
  ImpactMetric,
  ImpactMetrics,
} from '@platform-metrics/plugin-platform-metrics-common';
import {
  PlatformMetricsT,
  platformMetricsTranslationRef,
} from '../../translation';
import {
  formatDuration,
  formatFrequency,
  formatPercent,
} from '../common/format';
import { formatNps } from '../PlatformHealthPage/HeadlineTiles';
import { RowHeaderCell } from '../common/RowHeaderCell';

/** A compared figure: an {@link ImpactMetric} (tested) or a {@link ComparedFigure} (not tested, n may be withheld). */
export type ComparedRow = Pick<
  ComparedFigure,
  | 'before'
  | 'after'
  | 'absoluteChange'
  | 'relativeChange'
  | 'direction'
  | 'insufficientData'
> &
  Partial<Pick<ImpactMetric, 'significant' | 'pValue'>>;

/** How a compared metric is titled and formatted. */
export interface ComparedRowSpec {
  key: string;
  title: (t: PlatformMetricsT) => string;
  format: (t: PlatformMetricsT, v: number | null) => string;
  /** The change's magnitude in the metric's unit. */
  delta?: (t: PlatformMetricsT, v: number) => string;
}

type DoraRowSpec = ComparedRowSpec & { key: keyof ImpactMetrics };

/** The four DORA metrics of a comparison, in their order. */
export const DORA_ROWS: DoraRowSpec[] = [
  {
    key: 'deploymentFrequency',
    title: t => t('scorecard.deploymentFrequency.title'),
    format: formatFrequency,
  },
  {
    key: 'leadTime',
    title: t => t('scorecard.leadTime.title'),
    format: formatDuration,
  },
  {
    key: 'changeFailureRate',
    title: t => t('scorecard.changeFailureRate.title'),
    format: (t, v) => formatPercent(t, v),
    delta: (t, v) => t('percent', { value: (v * 100).toFixed(1) }),
  },
  {
    key: 'timeToRestore',
    title: t => t('scorecard.timeToRestore.title'),
    format: formatDuration,
  },
];

export const TTFD_ROW: ComparedRowSpec = {
  key: 'timeToFirstDeploy',
  title: t => t('comparison.timeToFirstDeploy'),
  format: formatDuration,
};
export const NPS_ROW: ComparedRowSpec = {
  key: 'nps',
  title: t => t('comparison.nps'),
  format: (t, v) => (v === null ? t('common.none') : formatNps(v)),
  delta: (_t, v) => String(v),
};

/** Colours of the direction; the text says it too, so colour is never the only cue. */
export const DIRECTION_COLORS = {
  better: '#1b5e20',
  worse: '#b71c1c',
  same: 'inherit',
} as const;

/** "Better", "Worse", "No change", or none: the text that says what the colour shows. */
export function directionText(
  t: PlatformMetricsT,
  direction: ComparedRow['direction'],
): string {
  return direction ? t(`comparison.${direction}`) : t('common.none');
}

/** The direction's colour, for the cell that holds its text. */
export function directionStyle(direction: ComparedRow['direction']) {
  return {
    color: direction ? DIRECTION_COLORS[direction] : undefined,
    fontWeight: 500,
  };
}

/** "p < 0.001" or "p = 0.042". */
function pText(p: number | null | undefined): string {
  if (p === null || p === undefined) return 'p unknown';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** The change in the metric's unit, with its relative change: "−1.8 days (−92%)". */
export function changeText(
  t: PlatformMetricsT,
  row: ComparedRow,
  spec: ComparedRowSpec,
): string {
  if (row.absoluteChange === null) return t('common.none');
  const sign = row.absoluteChange > 0 ? '+' : '−';
  const abs = Math.abs(row.absoluteChange);
  const absolute = (spec.delta ?? spec.format)(t, abs);
  const relative =
    row.relativeChange === null
      ? ''
      : ` (${sign}${Math.abs(row.relativeChange * 100).toFixed(0)}%)`;
  return `${sign}${absolute}${relative}`;
}

/** The significance test's verdict, or why there is none. */
export function verdictText(
  t: PlatformMetricsT,
  row: ComparedRow,
  minSamples: number,
): string {
  if (row.insufficientData)
    return t('annotations.insufficientData', {
      minSamples: String(minSamples),
    });
  if (row.significant === undefined) return t('comparison.untested');
  return row.significant
    ? t('annotations.significant', { p: pText(row.pValue) })
    : t('annotations.inconclusive', { p: pText(row.pValue) });
}

function sampleText(t: PlatformMetricsT, n: number | null) {
  return n === null ? '' : ` (${t('metricCard.sampleSize', { n: String(n) })})`;
}

/**
 * Metrics of a reference period (before) against a window (after): both
 * values with their n, the change in absolute terms and in %, the direction
 * coloured as better or worse, and the test's verdict. One table for the
 * before/after of an annotation and for the baseline and previous-period
 * comparisons of the scorecard and the summaries.
 */
export function ComparisonTable(props: {
  metrics: ImpactMetrics;
  figures?: { timeToFirstDeploy?: ComparedFigure; nps?: ComparedFigure };
  minSamples: number;
  beforeLabel: string;
  afterLabel: string;
  ariaLabel: string;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const rows: Array<{ spec: ComparedRowSpec; row: ComparedRow }> = [
    ...DORA_ROWS.map(spec => ({ spec, row: props.metrics[spec.key] })),
    ...(props.figures?.timeToFirstDeploy
      ? [{ spec: TTFD_ROW, row: props.figures.timeToFirstDeploy }]
      : []),
    ...(props.figures?.nps ? [{ spec: NPS_ROW, row: props.figures.nps }] : []),
  ];
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={props.ariaLabel}>
        {/* headers never break mid-word; the body wraps between words */}
        <TableHead style={{ whiteSpace: 'nowrap' }}>
          <TableRow>
            <TableCell>{t('comparison.metric')}</TableCell>
            <TableCell align="right">{props.beforeLabel}</TableCell>
            <TableCell align="right">{props.afterLabel}</TableCell>
            <TableCell align="right">{t('comparison.change')}</TableCell>
            <TableCell>{t('comparison.direction')}</TableCell>
            <TableCell>{t('comparison.verdict')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ spec, row }) => (
            <TableRow key={spec.key} data-testid={`compare-${spec.key}`}>
              <RowHeaderCell>
                {spec.title(t)}
              </RowHeaderCell>
              <TableCell align="right">
                {spec.format(t, row.before.value)}
                {sampleText(t, row.before.n)}
              </TableCell>
              <TableCell align="right">
                {spec.format(t, row.after.value)}
                {sampleText(t, row.after.n)}
              </TableCell>
              <TableCell align="right">{changeText(t, row, spec)}</TableCell>
              <TableCell style={directionStyle(row.direction)}>
                {directionText(t, row.direction)}
              </TableCell>
              <TableCell>{verdictText(t, row, props.minSamples)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  PlatformMetricsT,
  platformMetricsTranslationRef,
} from '../../translation';
import {
  ComparedRow,
  ComparedRowSpec,
  changeText,
  directionStyle,
  directionText,
  verdictText,
} from '../comparison/ComparisonTable';
import { ReviewKpi } from './kpiRows';
import { RowHeaderCell } from '../common/RowHeaderCell';

/** The reference value, the change and the direction (with the verdict below it) of one side. */
function SideCells(props: {
  t: PlatformMetricsT;
  spec: ComparedRowSpec;
  row: ComparedRow | undefined;
  minSamples: number;
  side: 'last' | 'base';
}) {
  const { t, spec, row } = props;
  if (!row) {
    return (
      <>
        <TableCell align="right" data-side={props.side}>
          {t('common.none')}
        </TableCell>
        <TableCell align="right">{t('common.none')}</TableCell>
        <TableCell>{t('common.none')}</TableCell>
      </>
    );
  }
  return (
    <>
      <TableCell align="right" data-side={props.side}>
        {spec.format(t, row.before.value)}
      </TableCell>
      <TableCell align="right">{changeText(t, row, spec)}</TableCell>
      <TableCell>
        <span style={directionStyle(row.direction)}>
          {directionText(t, row.direction)}
        </span>
        <Typography
          variant="caption"
          component="span"
          display="block"
          color="textSecondary"
        >
          {verdictText(t, row, props.minSamples)}
        </Typography>
      </TableCell>
    </>
  );
}

/**
 * One table of every KPI of the quarter: its figure, then last quarter's
 * and the baseline's, each with the change and its direction in words.
 */
export function QuarterKpiTable(props: {
  kpis: ReviewKpi[];
  quarter: string;
  baselineLabel: string | undefined;
  minSamples: number;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const subHeaders = [
    t('review.kpis.lastQuarter'),
    t('review.kpis.change'),
    t('review.kpis.direction'),
    t('review.kpis.baseline'),
    t('review.kpis.change'),
    t('review.kpis.direction'),
  ];
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table
        size="small"
        aria-label={t('review.kpis.tableLabel', { quarter: props.quarter })}
      >
        {/* headers never break mid-word */}
        <TableHead style={{ whiteSpace: 'nowrap' }}>
          <TableRow>
            <TableCell rowSpan={2}>{t('review.kpis.metric')}</TableCell>
            <TableCell rowSpan={2} align="right">
              {t('review.kpis.thisQuarter')}
            </TableCell>
            <TableCell colSpan={3} scope="colgroup" align="center">
              {t('review.kpis.againstLast')}
            </TableCell>
            <TableCell colSpan={3} scope="colgroup" align="center">
              {props.baselineLabel
                ? t('review.kpis.againstBaseline', {
                    label: props.baselineLabel,
                  })
                : t('review.kpis.againstBaselineNone')}
            </TableCell>
          </TableRow>
          <TableRow>
            {subHeaders.map((h, i) => (
              <TableCell key={i} align={i % 3 === 2 ? 'left' : 'right'}>
                {h}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.kpis.map(k => (
            <TableRow key={k.spec.key} data-testid={`review-kpi-${k.spec.key}`}>
              <RowHeaderCell>
                {k.spec.title(t)}
              </RowHeaderCell>
              <TableCell align="right" style={{ fontWeight: 500 }}>
                {k.spec.format(t, k.value)}
              </TableCell>
              <SideCells
                t={t}
                spec={k.spec}
                row={k.last}
                minSamples={props.minSamples}
                side="last"
              />
              <SideCells
                t={t}
                spec={k.spec}
                row={k.base}
                minSamples={props.minSamples}
                side="base"
              />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import type { Comparison } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { formatWindow } from '../common/format';
import { ComparisonTable } from './ComparisonTable';
import { CompareWith } from './useCompare';

const OPTIONS: CompareWith[] = ['baseline', 'previous'];

/**
 * The window against the baseline or the previous period (selectable), or
 * how to configure a baseline when none is.
 */
export function ComparisonCard(props: {
  comparison: Comparison | undefined;
  compare: CompareWith;
  onCompareChange: (compare: CompareWith) => void;
  baselineMissing: boolean;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { comparison } = props;
  return (
    <Card component="section" variant="outlined" aria-label={t('comparison.selectorLabel')}>
      <CardContent>
        <Box display="flex" alignItems="center" justifyContent="space-between" flexWrap="wrap" style={{ gap: 8 }}>
          <Typography variant="h6" component="h2">
            {comparison ? t('comparison.title', { label: comparison.label }) : t('comparison.selectorLabel')}
          </Typography>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={props.compare}
            aria-label={t('comparison.selectorLabel')}
            onChange={(_e, v) => v && props.onCompareChange(v as CompareWith)}
          >
            {OPTIONS.map(o => (
              <ToggleButton key={o} value={o} aria-label={t(`comparison.${o}`)}>
                {t(`comparison.${o}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Box>
        {props.baselineMissing && props.compare === 'baseline' && (
          <Box mt={1} mb={1}>
            <Alert severity="info">
              <AlertTitle>{t('comparison.noBaselineTitle')}</AlertTitle>
              {t('comparison.noBaseline')}
            </Alert>
          </Box>
        )}
        {comparison && (
          <>
            <Typography variant="body2" color="textSecondary" paragraph>
              {t('comparison.reference', { label: comparison.label, range: formatWindow(t, comparison.reference) })}
            </Typography>
            <ComparisonTable
              metrics={comparison.metrics}
              figures={{ timeToFirstDeploy: comparison.timeToFirstDeploy, nps: comparison.nps }}
              minSamples={comparison.minSamples}
              beforeLabel={comparison.label}
              afterLabel={t('comparison.now')}
              ariaLabel={t('comparison.title', { label: comparison.label })}
            />
          </>
        )}
      </CardContent>
    </Card>
  );
}

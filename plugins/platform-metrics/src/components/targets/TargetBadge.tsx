import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Target } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { formatDate } from '../common/format';
import {
  formatTargetValue,
  TargetProgress,
  TargetStatusChip,
  targetMetricTitle,
} from './TargetStatusList';

/**
 * A target in short, for a headline tile: its status in words, the target
 * and its date ("Target ≥ +40 by Dec 31, 2026") and a thin bar of the
 * progress from the start towards it.
 */
export function TargetBadge(props: { target: Target }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { target } = props;
  const metric = targetMetricTitle(t, target.metric);
  return (
    <Box
      role="group"
      aria-label={t('targets.badge.label', { metric })}
      data-testid={`target-badge-${target.metric}`}
      mt={1}
      mb={1}
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <TargetStatusChip status={target.status} />
        <Typography variant="body2" component="span" title={target.label}>
          {t(
            target.direction === 'lower'
              ? 'targets.badge.lower'
              : 'targets.badge.higher',
            {
              value: formatTargetValue(
                t,
                target.unit,
                target.value,
                target.currency,
              ),
              by: formatDate(target.by),
            },
          )}
        </Typography>
      </Box>
      <TargetProgress
        target={target}
        label={t('targets.badge.progress', { metric })}
        compact
      />
    </Box>
  );
}

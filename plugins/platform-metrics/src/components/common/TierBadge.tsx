import Chip from '@material-ui/core/Chip';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { Tier } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { TIER_COLORS, benchmarkLabel, tierLabel } from './format';

/** A coloured tier badge, e.g. "Elite · DORA 2021". */
export function TierBadge(props: {
  tier: Tier | null | undefined;
  benchmark?: string | null;
  size?: 'small' | 'medium';
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const tier: Tier = props.tier ?? 'insufficient-data';
  const label =
    props.benchmark !== undefined
      ? t('tier.withBenchmark', {
          tier: tierLabel(t, tier),
          benchmark: benchmarkLabel(t, props.benchmark),
        })
      : tierLabel(t, tier);
  return (
    <Chip
      size={props.size ?? 'small'}
      label={label}
      data-tier={tier}
      style={{
        backgroundColor: TIER_COLORS[tier],
        color: '#fff',
        fontWeight: 600,
      }}
    />
  );
}

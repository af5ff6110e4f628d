import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import type { Target } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { TargetSparkline } from './TargetSparkline';
import { TargetStatusList } from './TargetStatusList';

/**
 * Every target of a scope, the DORA metrics' too, each with its status, its
 * progress and a sparkline of its series against the target. Nothing when
 * the scope has no target.
 */
export function TargetsCard(props: { targets: Target[] }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  if (!props.targets.length) return null;
  return (
    <Card
      component="section"
      variant="outlined"
      aria-label={t('targets.card.title')}
      id="platform-metrics-targets"
    >
      <CardContent>
        <Typography variant="h6" component="h2">
          {t('targets.card.title')}
        </Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          {t('targets.card.caption')}
        </Typography>
        <TargetStatusList
          targets={props.targets}
          renderExtra={target => <TargetSparkline target={target} />}
        />
      </CardContent>
    </Card>
  );
}

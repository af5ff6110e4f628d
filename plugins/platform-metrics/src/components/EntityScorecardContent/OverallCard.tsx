import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { EntityScorecard } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import { TierBadge } from '../common/TierBadge';
import { metricDefinitions } from '../common/definitions';
import {
  benchmarkLabel,
  formatDate,
  formatDuration,
  formatWindow,
} from '../common/format';

/** The overall DORA tier, the benchmark and window, and time to first deploy. */
export function OverallCard(props: { scorecard: EntityScorecard }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const defs = metricDefinitions(t);
  const s = props.scorecard;
  const ttfd = s.timeToFirstDeploy;
  let ttfdText: string;
  if (ttfd?.seconds !== null && ttfd?.seconds !== undefined) {
    ttfdText = formatDuration(t, ttfd.seconds);
  } else if (!ttfd?.createdAt) {
    ttfdText = t('scorecard.overall.creationUnknown');
  } else {
    ttfdText = t('scorecard.overall.noDeployYet');
  }
  const created = ttfd?.createdAt
    ? formatDate(ttfd.createdAt)
    : t('common.none');
  return (
    <Card
      component="section"
      aria-label={t('scorecard.overall.region')}
      variant="outlined"
      style={{ height: '100%' }}
    >
      <CardContent>
        <Typography variant="h6" component="h3">
          {t('scorecard.overall.title')}
        </Typography>
        <Box my={1} title={defs.overallTier}>
          <TierBadge tier={s.dora?.overallTier} size="medium" />
        </Box>
        <Typography variant="body2" color="textSecondary">
          {t('scorecard.overall.window', {
            benchmark: benchmarkLabel(t, s.benchmark),
            range: formatWindow(t, s.window),
            count: s.window?.days ?? 0,
          })}
        </Typography>
        <Box mt={2}>
          <Typography
            variant="subtitle2"
            component="h4"
            title={defs.timeToFirstDeploy}
          >
            {t('scorecard.overall.timeToFirstDeploy')}
          </Typography>
          <Typography variant="body1" data-testid="ttfd">
            {ttfdText}
          </Typography>
          {(ttfd?.createdAt || ttfd?.firstDeployAt) && (
            <Typography variant="body2" color="textSecondary">
              {ttfd?.firstDeployAt
                ? t('scorecard.overall.createdAndFirstDeploy', {
                    created,
                    firstDeploy: formatDate(ttfd.firstDeployAt),
                  })
                : t('scorecard.overall.created', { created })}
            </Typography>
          )}
        </Box>
      </CardContent>
    </Card>
  );
}

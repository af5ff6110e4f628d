import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { useWindowDays, WindowSelector } from '../common/WindowSelector';
import { AsyncContent } from '../common/States';
import { ScorecardView } from './ScorecardView';

/**
 * The "Scorecard" tab of a Component: DORA metrics, rework rate, golden path,
 * time to first deploy and the latest deployments and incidents.
 *
 * @public
 */
export function EntityScorecardContent() {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { entity } = useEntity();
  const api = useApi(platformMetricsApiRef);
  const [windowDays, setWindowDays] = useWindowDays();
  const ref = getCompoundEntityRef(entity);

  const { value, loading, error } = useAsync(
    () => api.getEntityScorecard(ref, { windowDays }),
    [api, ref.kind, ref.namespace, ref.name, windowDays],
  );

  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 8 }}
      >
        <Typography variant="h5" component="h2">
          {t('scorecard.title')}
        </Typography>
        <WindowSelector value={windowDays} onChange={setWindowDays} />
      </Box>
      <AsyncContent
        loading={loading}
        error={error}
        value={value}
        loadingLabel={t('scorecard.loading')}
        errorTitle={t('scorecard.errorTitle')}
        empty={{
          title: t('scorecard.emptyTitle'),
          description: t('scorecard.emptyDescription'),
        }}
      >
        {scorecard => <ScorecardView scorecard={scorecard} />}
      </AsyncContent>
    </Box>
  );
}

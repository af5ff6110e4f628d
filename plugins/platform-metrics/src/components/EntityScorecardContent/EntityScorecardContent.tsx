import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { useWindowDays, WindowSelector } from '../common/WindowSelector';
import { AsyncContent } from '../common/States';
import { ScorecardView } from './ScorecardView';
import { StandingCard, entityOwner } from './StandingCard';
import { ImpactDialog } from '../annotations/ImpactDialog';
import { useAnnotations } from '../annotations/useAnnotations';
import { ComparisonCard } from '../comparison/ComparisonCard';
import { loadCompared, useCompare } from '../comparison/useCompare';

/**
 * The "Scorecard" tab of a Component: DORA metrics, rework rate, golden path,
 * time to first deploy, the service against its team and the org, and the
 * latest deployments and incidents.
 *
 * @public
 */
export function EntityScorecardContent() {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { entity } = useEntity();
  const api = useApi(platformMetricsApiRef);
  const [windowDays, setWindowDays] = useWindowDays();
  const [compare, setCompare] = useCompare();
  const ref = getCompoundEntityRef(entity);
  const owner = entityOwner(entity);

  const state = useAsync(
    () =>
      loadCompared(
        c => api.getEntityScorecard(ref, { windowDays, compare: c }),
        compare,
      ),
    [api, ref.kind, ref.namespace, ref.name, windowDays, compare],
  );
  const { loading, error } = state;
  const value = state.value?.value;
  // the entity's own annotations, its owner group's and the org's
  const scope = stringifyEntityRef(entity);
  const { annotations } = useAnnotations(scope, value?.window);
  const [selected, setSelected] = useState<string>();

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
        {scorecard => (
          <ScorecardView
            scorecard={scorecard}
            annotations={annotations}
            onSelectAnnotation={setSelected}
            standing={<StandingCard scorecard={scorecard} owner={owner} />}
            comparison={
              <ComparisonCard
                comparison={scorecard.comparison}
                compare={compare}
                onCompareChange={setCompare}
                baselineMissing={state.value?.baselineMissing ?? false}
              />
            }
          />
        )}
      </AsyncContent>
      <ImpactDialog
        annotation={annotations.find(a => a.id === selected)}
        scope={scope}
        onClose={() => setSelected(undefined)}
      />
    </Box>
  );
}

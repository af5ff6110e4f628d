import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { useWindowDays, WindowSelector } from '../common/WindowSelector';
import { AsyncContent } from '../common/States';
import { ExportButton } from '../common/ExportButton';
import { loadCompared, useCompare } from '../comparison/useCompare';
import { SummaryView } from '../PlatformHealthPage/SummaryView';
import { ScopeEntitiesTable } from './ScopeEntitiesTable';

/** The kinds of entity the tab is for, and the summary parameter each scopes by. */
export const SCOPE_KINDS = ['group', 'system', 'domain'] as const;
type ScopeKind = (typeof SCOPE_KINDS)[number];

/** Whether the "Platform metrics" tab applies to an entity of this kind. */
export function isScopeKind(kind: string): kind is ScopeKind {
  return (SCOPE_KINDS as readonly string[]).includes(kind.toLocaleLowerCase('en-US'));
}

/**
 * The "Platform metrics" tab of a Group (the team: the components it owns),
 * a System (its components) or a Domain (the components of its systems):
 * the summary of that scope with the comparison, the golden-path split,
 * trends and annotations, and its services with their tiers.
 *
 * @public
 */
export function EntityPlatformMetricsContent() {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { entity } = useEntity();
  const api = useApi(platformMetricsApiRef);
  const [windowDays, setWindowDays] = useWindowDays();
  const [compare, setCompare] = useCompare();
  const kind = entity.kind.toLocaleLowerCase('en-US') as ScopeKind;
  const ref = stringifyEntityRef(entity);
  const scope = { [kind]: ref };
  const state = useAsync(
    async () => {
      const [summary, entities] = await Promise.all([
        loadCompared(c => api.getOrgSummary({ windowDays, ...scope, compare: c, split: 'adoption' }), compare),
        api.listScopeEntities({ windowDays, ...scope }),
      ]);
      return { summary, entities };
    },
    [api, ref, kind, windowDays, compare],
  );
  return (
    <Box>
      <Box display="flex" alignItems="center" justifyContent="space-between" flexWrap="wrap" mb={2} style={{ gap: 8 }}>
        <Typography variant="h5" component="h2">
          {t('scopeTab.heading', { kind: t(`scopeTab.kinds.${kind}`), name: entity.metadata.title ?? entity.metadata.name })}
        </Typography>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <ExportButton windowDays={windowDays} {...scope} />
          <WindowSelector value={windowDays} onChange={setWindowDays} />
        </Box>
      </Box>
      <AsyncContent
        loading={state.loading}
        error={state.error}
        value={state.value}
        loadingLabel={t('scopeTab.loading')}
        errorTitle={t('scopeTab.errorTitle')}
        empty={{ title: t('scopeTab.emptyTitle'), description: t('scopeTab.emptyDescription') }}
      >
        {({ summary, entities }) => (
          <Grid container spacing={2}>
            <Grid item xs={12}>
              <ScopeEntitiesTable entities={entities.entities} />
            </Grid>
            <Grid item xs={12}>
              <SummaryView
                summary={summary.value}
                scope={ref}
                windowDays={windowDays}
                compare={{ value: compare, onChange: setCompare, baselineMissing: summary.baselineMissing }}
                show={{ teams: kind !== 'group', comments: kind === 'group', integrations: false }}
              />
            </Grid>
          </Grid>
        )}
      </AsyncContent>
    </Box>
  );
}

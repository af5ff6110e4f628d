import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Content,
  Header,
  Link,
  Page,
} from '@backstage/core-components';
import { useState } from 'react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  type OrgSummary,
  platformMetricsAnnotationsWritePermission,
} from '@platform-metrics/plugin-platform-metrics-common';
import { AddAnnotationDialog } from '../annotations/AddAnnotationDialog';
import { ImpactDialog } from '../annotations/ImpactDialog';
import { useAnnotations } from '../annotations/useAnnotations';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { useWindowDays, WindowSelector } from '../common/WindowSelector';
import { AsyncContent } from '../common/States';
import { benchmarkLabel, formatDateTime, formatWindow } from '../common/format';
import {
  AdoptionTile,
  NpsTile,
  TierDistributionTile,
  TimeToFirstDeployTile,
} from './HeadlineTiles';
import { Trends } from './Trends';
import { TeamTable, groupName } from './TeamTable';
import { SurveyCommentsSection } from './SurveyComments';
import { IntegrationsStatusSection } from './IntegrationsStatus';
import { AdoptionSplitCard } from '../comparison/AdoptionSplitCard';
import { ComparisonCard } from '../comparison/ComparisonCard';
import { CompareWith, loadCompared, useCompare } from '../comparison/useCompare';
import { ExportButton } from '../common/ExportButton';

/**
 * The "Platform health" page; with `?group=` it is the team view.
 *
 * @public
 */
export function PlatformHealthPage() {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const [searchParams] = useSearchParams();
  const group = searchParams.get('group') || undefined;
  return (
    <Page themeId="tool">
      <Header
        title={t('healthPage.title')}
        subtitle={
          group
            ? t('healthPage.teamSubtitle', { team: groupName(group) })
            : t('healthPage.subtitle')
        }
      />
      <Content>
        <PlatformHealthContent />
      </Content>
    </Page>
  );
}

/**
 * The body of the "Platform health" page, without page chrome.
 *
 * @public
 */
export function PlatformHealthContent() {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const [searchParams] = useSearchParams();
  const group = searchParams.get('group') || undefined;
  const [windowDays, setWindowDays] = useWindowDays();
  const [compare, setCompare] = useCompare();
  const { value, loading, error } = useAsync(
    () => loadCompared(c => api.getOrgSummary({ windowDays, group, compare: c, split: 'adoption' }), compare),
    [api, windowDays, group, compare],
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
        <Box>
          <Typography variant="h5" component="h2">
            {group
              ? t('healthPage.teamHeading', { team: groupName(group) })
              : t('healthPage.wholeOrganisation')}
          </Typography>
          {group && (
            <Link to={`?windowDays=${windowDays}`}>
              {t('healthPage.backToOrganisation')}
            </Link>
          )}
        </Box>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <ExportButton windowDays={windowDays} group={group} />
          <WindowSelector value={windowDays} onChange={setWindowDays} />
        </Box>
      </Box>
      <AsyncContent
        loading={loading}
        error={error}
        value={value}
        loadingLabel={t('healthPage.loading')}
        errorTitle={t('healthPage.errorTitle')}
        empty={{
          title: t('healthPage.emptyTitle'),
          description: t('healthPage.emptyDescription'),
        }}
      >
        {loaded => (
          <SummaryView
            summary={loaded.value}
            group={group}
            windowDays={windowDays}
            compare={{ value: compare, onChange: setCompare, baselineMissing: loaded.baselineMissing }}
          />
        )}
      </AsyncContent>
    </Box>
  );
}

function SummaryView(props: {
  summary: OrgSummary;
  group?: string;
  windowDays: number;
  compare: { value: CompareWith; onChange: (c: CompareWith) => void; baselineMissing: boolean };
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const s = props.summary;
  const scope = props.group ?? 'org';
  const { annotations, reload } = useAnnotations(scope, s.window);
  const [selected, setSelected] = useState<string>();
  const [adding, setAdding] = useState(false);
  const { allowed: canAnnotate } = usePermission({ permission: platformMetricsAnnotationsWritePermission });
  const windowLine = {
    range: formatWindow(t, s.window),
    benchmark: benchmarkLabel(t, s.benchmark),
  };
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary">
          {s.computedAt
            ? t('healthPage.windowLineComputedAt', {
                ...windowLine,
                computedAt: formatDateTime(s.computedAt),
              })
            : t('healthPage.windowLine', windowLine)}
        </Typography>
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <NpsTile nps={s.nps} />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <AdoptionTile adoption={s.adoption} />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <TimeToFirstDeployTile ttfd={s.timeToFirstDeploy} />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <TierDistributionTile
          distribution={s.dora?.tierDistribution}
          benchmark={s.benchmark}
        />
      </Grid>
      <Grid item xs={12}>
        <ComparisonCard
          comparison={s.comparison}
          compare={props.compare.value}
          onCompareChange={props.compare.onChange}
          baselineMissing={props.compare.baselineMissing}
        />
      </Grid>
      {s.split && (
        <Grid item xs={12}>
          <AdoptionSplitCard split={s.split} />
        </Grid>
      )}
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" justifyContent="space-between">
          <Typography variant="h6" component="h2">
            {t('healthPage.trends')}
          </Typography>
          {canAnnotate && (
            <Button variant="outlined" size="small" onClick={() => setAdding(true)}>
              {t('annotations.add')}
            </Button>
          )}
        </Box>
      </Grid>
      <Grid item xs={12}>
        <Trends summary={s} annotations={annotations} onSelectAnnotation={setSelected} />
      </Grid>
      <AddAnnotationDialog
        open={adding}
        scope={scope}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          reload();
        }}
      />
      <ImpactDialog
        annotation={annotations.find(a => a.id === selected)}
        scope={scope}
        onClose={() => setSelected(undefined)}
      />
      {!props.group && (
        <Grid item xs={12}>
          <TeamTable teams={s.teams} windowDays={props.windowDays} />
        </Grid>
      )}
      <Grid item xs={12}>
        <SurveyCommentsSection surveyId={s.nps?.surveyId} group={props.group} />
      </Grid>
      {!props.group && (
        <Grid item xs={12}>
          <IntegrationsStatusSection />
        </Grid>
      )}
    </Grid>
  );
}

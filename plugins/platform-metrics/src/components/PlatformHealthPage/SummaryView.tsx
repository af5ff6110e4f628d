import { useState } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  type OrgSummary,
  platformMetricsAnnotationsWritePermission,
} from '@platform-metrics/plugin-platform-metrics-common';
import { AddAnnotationDialog } from '../annotations/AddAnnotationDialog';
import { ImpactDialog } from '../annotations/ImpactDialog';
import { useAnnotations } from '../annotations/useAnnotations';
import { platformMetricsTranslationRef } from '../../translation';
import { benchmarkLabel, formatDateTime, formatWindow } from '../common/format';
import { AdoptionTile, NpsTile, TierDistributionTile, TimeToFirstDeployTile } from './HeadlineTiles';
import { Trends } from './Trends';
import { TeamTable } from './TeamTable';
import { SurveyCommentsSection } from './SurveyComments';
import { IntegrationsStatusSection } from './IntegrationsStatus';
import { isSelfServiceScope, SelfServiceCard } from './SelfServiceCard';
import { PlatformIncidentsCard } from './PlatformIncidentsCard';
import { PulsesCard } from './PulsesCard';
import { isOnboardingScope, OnboardingCard } from './OnboardingCard';
import { PlatformKpis } from './PlatformKpis';
import { SuccessChecklist } from './SuccessChecklist';
import { AdoptionSplitCard } from '../comparison/AdoptionSplitCard';
import { TemplatesCard } from './TemplatesCard';
import { SurveyQuestionsCard } from './SurveyQuestionsCard';
import { ComparisonCard } from '../comparison/ComparisonCard';
import { CompareWith } from '../comparison/useCompare';
import { TargetsCard } from '../targets/TargetsCard';
import { useTargets } from '../targets/useTargets';

/**
 * A summary as the Platform health page and the team, system and domain
 * tabs show it: the headline tiles, the comparison, the golden-path split,
 * the trends with their annotations (in `scope`), and, where they apply,
 * the team table, the survey comments and the connected tools.
 */
export function SummaryView(props: {
  summary: OrgSummary;
  /** `org`, or the ref of the group, system or domain in view: the annotations shown and added. */
  scope: string;
  windowDays: number;
  compare: { value: CompareWith; onChange: (c: CompareWith) => void; baselineMissing: boolean };
  show: { teams: boolean; comments: boolean; integrations: boolean };
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const s = props.summary;
  const { scope } = props;
  const { annotations, reload } = useAnnotations(scope, s.window);
  const [selected, setSelected] = useState<string>();
  const [adding, setAdding] = useState(false);
  const targets = useTargets(scope);
  const targetOf = (metric: (typeof targets)[number]['metric']) => targets.find(x => x.metric === metric);
  const { allowed: canAnnotate } = usePermission({ permission: platformMetricsAnnotationsWritePermission });
  const windowLine = {
    range: formatWindow(t, s.window),
    benchmark: benchmarkLabel(t, s.benchmark),
  };
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        {/* on the page background: the primary text colour keeps its contrast */}
        <Typography variant="body2">
          {s.computedAt
            ? t('healthPage.windowLineComputedAt', {
                ...windowLine,
                computedAt: formatDateTime(s.computedAt),
              })
            : t('healthPage.windowLine', windowLine)}
        </Typography>
      </Grid>
      {scope === 'org' && (
        <Grid item xs={12}>
          <PlatformKpis summary={s} windowDays={props.windowDays} targets={targets} />
        </Grid>
      )}
      <Grid item xs={12} sm={6} lg={3} id="platform-metrics-nps">
        <NpsTile nps={s.nps} target={targetOf('nps')} />
      </Grid>
      <Grid item xs={12} sm={6} lg={3} id="platform-metrics-adoption">
        <AdoptionTile adoption={s.adoption} target={targetOf('adoption')} />
      </Grid>
      <Grid item xs={12} sm={6} lg={3} id="platform-metrics-ttfd">
        <TimeToFirstDeployTile ttfd={s.timeToFirstDeploy} target={targetOf('timeToFirstDeploy')} />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <TierDistributionTile
          distribution={s.dora?.tierDistribution}
          benchmark={s.benchmark}
        />
      </Grid>
      {scope === 'org' && (
        <Grid item xs={12}>
          <SuccessChecklist
            summary={s}
            baseline={{
              configured: props.compare.value === 'baseline' ? !props.compare.baselineMissing : null,
              label: s.comparison?.against === 'baseline' ? s.comparison.label : undefined,
            }}
          />
        </Grid>
      )}
      <Grid item xs={12} id="platform-metrics-comparison">
        <ComparisonCard
          comparison={s.comparison}
          compare={props.compare.value}
          onCompareChange={props.compare.onChange}
          baselineMissing={props.compare.baselineMissing}
        />
      </Grid>
      {targets.length > 0 && (
        <Grid item xs={12}>
          <TargetsCard targets={targets} />
        </Grid>
      )}
      {s.split && (
        <Grid item xs={12}>
          <AdoptionSplitCard split={s.split} />
        </Grid>
      )}
      {(scope === 'org' || isOnboardingScope(scope)) && (
        <Grid item xs={12} id="platform-metrics-space">
          <SurveyQuestionsCard group={scope === 'org' ? undefined : scope} to={s.window.to} />
        </Grid>
      )}
      <Grid item xs={12}>
        <TemplatesCard templates={s.templates} />
      </Grid>
      {isSelfServiceScope(scope) && (
        <Grid item xs={12}>
          <SelfServiceCard windowDays={props.windowDays} group={scope === 'org' ? undefined : scope} />
        </Grid>
      )}
      {scope === 'org' && (
        <Grid item xs={12}>
          <PlatformIncidentsCard windowDays={props.windowDays} />
        </Grid>
      )}
      {scope === 'org' && <Grid item xs={12}><PulsesCard windowDays={props.windowDays} /></Grid>}
      {isOnboardingScope(scope) && <OnboardingCard windowDays={props.windowDays} group={scope === 'org' ? undefined : scope} />}
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
      {props.show.teams && (
        <Grid item xs={12}>
          <TeamTable teams={s.teams} windowDays={props.windowDays} />
        </Grid>
      )}
      {props.show.comments && (
        <Grid item xs={12}>
          <SurveyCommentsSection surveyId={s.nps?.surveyId} group={scope === 'org' ? undefined : scope} />
        </Grid>
      )}
      {props.show.integrations && (
        <Grid item xs={12}>
          <IntegrationsStatusSection />
        </Grid>
      )}
    </Grid>
  );
}

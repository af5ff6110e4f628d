import { useApi } from '@backstage/core-plugin-api';
import {
  Content,
  Header,
  Link,
  Page,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import type { OrgSummary } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
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

/**
 * The "Platform health" page; with `?group=` it is the team view.
 *
 * @public
 */
export function PlatformHealthPage() {
  const [searchParams] = useSearchParams();
  const group = searchParams.get('group') || undefined;
  return (
    <Page themeId="tool">
      <Header
        title="Platform health"
        subtitle={
          group
            ? `Team view: ${groupName(group)}`
            : 'DORA metrics, golden-path adoption and developer NPS across the organisation'
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
  const api = useApi(platformMetricsApiRef);
  const [searchParams] = useSearchParams();
  const group = searchParams.get('group') || undefined;
  const [windowDays, setWindowDays] = useWindowDays();
  const { value, loading, error } = useAsync(
    () => api.getOrgSummary({ windowDays, group }),
    [api, windowDays, group],
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
            {group ? `Team: ${groupName(group)}` : 'Whole organisation'}
          </Typography>
          {group && (
            <Link to={`?windowDays=${windowDays}`}>
              Back to the whole organisation
            </Link>
          )}
        </Box>
        <WindowSelector value={windowDays} onChange={setWindowDays} />
      </Box>
      <AsyncContent
        loading={loading}
        error={error}
        value={value}
        loadingLabel="Loading platform health"
        errorTitle="Could not load platform health"
        empty={{
          title: 'No platform metrics yet',
          description:
            'Once deployments, incidents and survey responses arrive, they show up here.',
        }}
      >
        {summary => <SummaryView summary={summary} group={group} windowDays={windowDays} />}
      </AsyncContent>
    </Box>
  );
}

function SummaryView(props: {
  summary: OrgSummary;
  group?: string;
  windowDays: number;
}) {
  const s = props.summary;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary">
          {formatWindow(s.window)} ·
          benchmark profile {benchmarkLabel(s.benchmark)}
          {s.computedAt && <> · figures as of {formatDateTime(s.computedAt)}</>}
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
        <Typography variant="h6" component="h2">
          Trends
        </Typography>
      </Grid>
      <Grid item xs={12}>
        <Trends summary={s} />
      </Grid>
      {!props.group && (
        <Grid item xs={12}>
          <TeamTable teams={s.teams} windowDays={props.windowDays} />
        </Grid>
      )}
      <Grid item xs={12}>
        <SurveyCommentsSection surveyId={s.nps?.surveyId} group={props.group} />
      </Grid>
    </Grid>
  );
}

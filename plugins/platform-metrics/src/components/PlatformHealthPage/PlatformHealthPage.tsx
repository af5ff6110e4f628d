import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Content, Header, Link, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { Theme, useTheme } from '@material-ui/core/styles';
import EventNoteIcon from '@material-ui/icons/EventNote';
import Typography from '@material-ui/core/Typography';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { useWindowDays, WindowSelector } from '../common/WindowSelector';
import { AsyncContent } from '../common/States';
import { groupName } from './TeamTable';
import { loadCompared, useCompare } from '../comparison/useCompare';
import { ExportButton } from '../common/ExportButton';
import { SummaryView } from './SummaryView';

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
      >
        <ReviewLink />
      </Header>
      <Content>
        <PlatformHealthContent />
      </Content>
    </Page>
  );
}

/** The link to the Quarter in review, in the header's text colour. */
function ReviewLink() {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const theme = useTheme<Theme & { page?: { fontColor?: string } }>();
  const color = theme.page?.fontColor;
  return (
    <Button
      component={RouterLink}
      to="review"
      // it navigates: a link that looks like a button
      role="link"
      variant="outlined"
      startIcon={<EventNoteIcon />}
      style={color ? { color, borderColor: color } : undefined}
    >
      {t('review.link')}
    </Button>
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
            scope={group ?? 'org'}
            windowDays={windowDays}
            compare={{ value: compare, onChange: setCompare, baselineMissing: loaded.baselineMissing }}
            show={{ teams: !group, comments: true, integrations: !group }}
          />
        )}
      </AsyncContent>
    </Box>
  );
}

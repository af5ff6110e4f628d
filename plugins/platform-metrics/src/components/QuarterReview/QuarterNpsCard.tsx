import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  npsBand,
  platformMetricsCommentsReadPermission,
  type OrgNps,
} from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { ErrorState, InlineEmpty, LoadingState } from '../common/States';
import { countOf, npsBandLabel } from '../common/format';
import { formatNps } from '../PlatformHealthPage/HeadlineTiles';
import { topCategories } from '../PlatformHealthPage/SurveyComments';
import { ReviewSection } from './ReviewCards';

function isForbidden(error: unknown): boolean {
  return (error as { statusCode?: number } | undefined)?.statusCode === 403;
}

/** The survey's top three comment categories; a note for those who may not read them. */
function Priorities(props: { surveyId: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { allowed, loading: checking } = usePermission({
    permission: platformMetricsCommentsReadPermission,
  });
  const { value, loading, error } = useAsync(
    async () => (allowed ? api.getSurveyComments(props.surveyId) : undefined),
    [api, allowed, props.surveyId],
  );
  if (checking || loading)
    return <LoadingState label={t('review.nps.loading')} />;
  if (!allowed || isForbidden(error))
    return <InlineEmpty>{t('review.nps.noPermission')}</InlineEmpty>;
  if (error)
    return <ErrorState title={t('review.nps.errorTitle')} error={error} />;
  const categories = topCategories(value);
  if (!categories.length) {
    return (
      <InlineEmpty>
        {value?.withheld
          ? t('review.nps.categoriesWithheld', { reason: value.withheld })
          : t('review.nps.noCategories')}
      </InlineEmpty>
    );
  }
  return (
    <ol
      aria-label={t('review.nps.prioritiesLabel', {
        surveyId: props.surveyId,
      })}
      style={{ margin: 0 }}
    >
      {categories.map(c => (
        <li key={c.category}>
          <Typography variant="body1" component="span">
            {t('comments.category', {
              category: c.category,
              comments: countOf(t, 'comments', c.count),
            })}
          </Typography>
        </li>
      ))}
    </ol>
  );
}

/**
 * The NPS of the quarter's survey (the published figure as of the
 * quarter's end; withheld figures say why, with no count) and its top three
 * comment categories, the next quarter's priorities.
 */
export function QuarterNpsCard(props: { nps: OrgNps }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { nps } = props;
  const band = nps.band ?? npsBand(nps.score);
  return (
    <ReviewSection
      title={t('review.nps.title')}
      id="platform-metrics-review-nps"
    >
      {nps.score === null ? (
        <Typography variant="h5" component="p" data-testid="review-nps">
          {nps.withheld
            ? t('review.nps.withheld', { reason: nps.withheld })
            : t('review.nps.noResponses')}
        </Typography>
      ) : (
        <Typography variant="h3" component="p" data-testid="review-nps">
          {formatNps(nps.score)}
        </Typography>
      )}
      {band && nps.score !== null && (
        <Chip size="small" variant="outlined" label={npsBandLabel(t, band)} />
      )}
      <Typography variant="body2" color="textSecondary" paragraph>
        {nps.n === null
          ? t('review.nps.survey', { surveyId: nps.surveyId })
          : t('review.nps.responses', {
              responses: countOf(t, 'responses', nps.n),
              surveyId: nps.surveyId,
            })}
      </Typography>
      <Typography variant="subtitle1" component="h3">
        {t('review.nps.priorities')}
      </Typography>
      <Priorities surveyId={nps.surveyId} />
    </ReviewSection>
  );
}

import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import useAsync from 'react-use/esm/useAsync';
import {
  platformMetricsCommentsReadPermission,
  type SurveyComments,
} from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { ErrorState, InlineEmpty, LoadingState } from '../common/States';
import { countOf } from '../common/format';

/** The bucket of the author's score; the exact score is never shown (metrics.md §8a). */
const BUCKET_LABELS = {
  promoter: 'comments.bucket.promoter',
  passive: 'comments.bucket.passive',
  detractor: 'comments.bucket.detractor',
} as const;

/** A survey's three comment categories with the most comments: the suggested priorities. */
export function topCategories(comments: Pick<SurveyComments, 'categories'> | undefined) {
  return [...(comments?.categories ?? [])].sort((a, b) => b.count - a.count).slice(0, 3);
}

/**
 * The survey's top three comment categories and its comments, without
 * identity. Rendered only for holders of the comments permission.
 */
export function SurveyCommentsSection(props: {
  surveyId: string | null | undefined;
  group?: string;
}) {
  const { allowed } = usePermission({
    permission: platformMetricsCommentsReadPermission,
  });
  if (!allowed || !props.surveyId) return null;
  return <CommentsCard surveyId={props.surveyId} group={props.group} />;
}

function CommentsCard(props: { surveyId: string; group?: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSurveyComments(props.surveyId, { group: props.group }),
    [api, props.surveyId, props.group],
  );
  const categories = topCategories(value);
  const comments = value?.comments ?? [];
  return (
    <Card
      component="section"
      aria-label={t('comments.region')}
      variant="outlined"
    >
      <CardContent>
        <Typography variant="h6" component="h2">
          {t('comments.title', { surveyId: props.surveyId })}
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {t('comments.note')}
        </Typography>
        {loading && <LoadingState label={t('comments.loading')} />}
        {!loading && error && (
          <ErrorState title={t('comments.errorTitle')} error={error} />
        )}
        {!loading && !error && value && (
          <>
            <Typography variant="subtitle1" component="h3">
              {t('comments.topCategories')}
            </Typography>
            {categories.length === 0 ? (
              <InlineEmpty>{t('comments.noCategories')}</InlineEmpty>
            ) : (
              <ol aria-label={t('comments.topCategoriesLabel')}>
                {categories.map(c => (
                  <li key={c.category}>
                    {t('comments.category', {
                      category: c.category,
                      comments: countOf(t, 'comments', c.count),
                    })}
                  </li>
                ))}
              </ol>
            )}
            <Typography variant="subtitle1" component="h3">
              {t('comments.heading')}
            </Typography>
            {comments.length === 0 ? (
              <InlineEmpty>
                {value.withheld
                  ? t('comments.withheld', { reason: value.withheld })
                  : t('comments.empty')}
              </InlineEmpty>
            ) : (
              <ul
                aria-label={t('comments.listLabel')}
                style={{ paddingLeft: 16 }}
              >
                {comments.map((c, i) => (
                  <li key={i}>
                    <Box
                      display="flex"
                      alignItems="center"
                      style={{ gap: 8 }}
                      my={0.5}
                    >
                      <Chip
                        size="small"
                        label={t(BUCKET_LABELS[c.bucket])}
                      />
                      <Typography variant="body2" component="span">
                        {c.comment}
                      </Typography>
                    </Box>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}

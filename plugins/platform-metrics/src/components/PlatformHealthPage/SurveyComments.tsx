import { useApi } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsCommentsReadPermission } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { ErrorState, InlineEmpty, LoadingState } from '../common/States';
import { plural } from '../common/format';

/**
 * The survey's top three comment categories and its comments, without
 * identity. Rendered only for holders of the comments permission.
 */
export function SurveyCommentsSection(props: {
  surveyId: string | null | undefined;
  group?: string;
}) {
  const permissionApi = useApi(permissionApiRef);
  const { value: allowed } = useAsync(async () => {
    const result = await permissionApi.authorize({
      permission: platformMetricsCommentsReadPermission,
    });
    return result.result === AuthorizeResult.ALLOW;
  }, [permissionApi]);
  if (!allowed || !props.surveyId) return null;
  return <CommentsCard surveyId={props.surveyId} group={props.group} />;
}

function CommentsCard(props: { surveyId: string; group?: string }) {
  const api = useApi(platformMetricsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSurveyComments(props.surveyId, { group: props.group }),
    [api, props.surveyId, props.group],
  );
  const categories = [...(value?.categories ?? [])]
    .sort((a, b) => b.count - a.count)
    .slice(0, 3);
  const comments = value?.comments ?? [];
  return (
    <Card component="section" aria-label="Survey comments" variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2">
          Survey comments ({props.surveyId})
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          Shown without identity, to holders of the comments permission.
        </Typography>
        {loading && <LoadingState label="Loading comments" />}
        {!loading && error && (
          <ErrorState title="Could not load the comments" error={error} />
        )}
        {!loading && !error && value && (
          <>
            <Typography variant="subtitle1" component="h3">
              Top categories (suggested priorities)
            </Typography>
            {categories.length === 0 ? (
              <InlineEmpty>No categorised comments yet.</InlineEmpty>
            ) : (
              <ol aria-label="Top comment categories">
                {categories.map(c => (
                  <li key={c.category}>
                    {c.category} ({plural(c.count, 'comment')})
                  </li>
                ))}
              </ol>
            )}
            <Typography variant="subtitle1" component="h3">
              Comments
            </Typography>
            {comments.length === 0 ? (
              <InlineEmpty>No comments for this survey.</InlineEmpty>
            ) : (
              <ul aria-label="Comments" style={{ paddingLeft: 16 }}>
                {comments.map((c, i) => (
                  <li key={i}>
                    <Box display="flex" alignItems="center" style={{ gap: 8 }} my={0.5}>
                      <Chip size="small" label={`Score ${c.score}`} />
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

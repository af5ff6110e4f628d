import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { ErrorState, InlineEmpty, LoadingState } from '../common/States';
import { formatDate } from '../common/format';
import { ReviewSection } from './ReviewCards';

/** The org's annotations of the quarter, oldest first: date, title, description and link. */
export function QuarterAnnotations(props: {
  quarter: string;
  from: string;
  to: string;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { value, loading, error } = useAsync(
    () => api.listAnnotations({ scope: 'org', from: props.from, to: props.to }),
    [api, props.from, props.to],
  );
  const annotations = [...(value ?? [])].sort((a, b) =>
    a.at.localeCompare(b.at),
  );
  return (
    <ReviewSection
      title={t('review.annotations.title')}
      id="platform-metrics-review-annotations"
    >
      {loading && <LoadingState label={t('review.annotations.loading')} />}
      {!loading && error && (
        <ErrorState title={t('review.annotations.errorTitle')} error={error} />
      )}
      {!loading && !error && annotations.length === 0 && (
        <InlineEmpty>{t('review.annotations.empty')}</InlineEmpty>
      )}
      {!loading && !error && annotations.length > 0 && (
        <ul
          aria-label={t('review.annotations.listLabel', {
            quarter: props.quarter,
          })}
          style={{ margin: 0, paddingLeft: 20 }}
        >
          {annotations.map(a => (
            <li key={a.id} style={{ marginBottom: 8 }}>
              <Typography variant="body1" component="span">
                <time dateTime={a.at}>{formatDate(a.at)}</time>
                {t('common.detailSeparator')}
                <strong>{a.title}</strong>
              </Typography>
              {a.description && (
                <Typography variant="body2" color="textSecondary">
                  {a.description}
                </Typography>
              )}
              {a.url && (
                <Typography variant="body2">
                  <Link to={a.url}>{a.url}</Link>
                </Typography>
              )}
            </li>
          ))}
        </ul>
      )}
    </ReviewSection>
  );
}

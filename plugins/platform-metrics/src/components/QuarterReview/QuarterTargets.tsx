import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { ErrorState, LoadingState } from '../common/States';
import { TargetStatusList } from '../targets/TargetStatusList';
import { ReviewSection } from './ReviewCards';

/** The status of each configured target as of the quarter's end. */
export function QuarterTargets(props: { to: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getTargets({ to: props.to }),
    [api, props.to],
  );
  return (
    <ReviewSection
      title={t('review.targets.title')}
      id="platform-metrics-review-targets"
    >
      {loading && <LoadingState label={t('review.targets.loading')} />}
      {!loading && error && (
        <ErrorState title={t('review.targets.errorTitle')} error={error} />
      )}
      {!loading && !error && value && (
        <TargetStatusList targets={value.targets} />
      )}
    </ReviewSection>
  );
}

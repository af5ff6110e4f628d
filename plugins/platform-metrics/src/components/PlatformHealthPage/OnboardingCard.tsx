import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { STALLED_AFTER_DAYS, type OrgOnboarding } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { platformMetricsTranslationRef } from '../../translation';
import { KpiCard } from '../common/KpiCard';
import { formatDuration } from '../common/format';

/**
 * Whether the onboarding time applies to a summary's scope: the
 * organisation (`org`) or a group (its members); people belong to no
 * system or domain.
 */
export function isOnboardingScope(scope: string): boolean {
  return scope === 'org' || /^group:/i.test(scope) || !/^[a-z][a-z0-9]*:/i.test(scope);
}

/**
 * The time to onboard a new engineer (metrics.md §6d) of the engineers who
 * started in the window, org-wide or of one group's members: the median
 * against the target (under a day), the cohort's size and how many
 * stalled. Loads its own data and renders its own grid cell: org-wide
 * always (a withheld figure says why); for a group only when its figures
 * are shown, so that a team below the minimum group size leaves no empty
 * cell and no hint.
 */
export function OnboardingCard(props: { windowDays: number; group?: string }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const { windowDays, group } = props;
  const state = useAsync(() => api.getOnboarding({ windowDays, group }), [api, windowDays, group]);
  if (group && (state.loading || state.error || state.value?.withheld)) return null;
  return (
    <Grid item xs={12} md={6} id="platform-metrics-onboarding">
      <KpiCard
        title={t('onboarding.title')}
        definition={t('onboarding.definition', { days: String(STALLED_AFTER_DAYS) })}
        loadingLabel={t('onboarding.loading')}
        errorTitle={t('onboarding.errorTitle')}
        emptyText={t('onboarding.empty')}
        state={state}
        isEmpty={v => v.withheld === null && v.cohort === 0}
      >
        {value => <OnboardingView value={value} />}
      </KpiCard>
    </Grid>
  );
}

function OnboardingView({ value }: { value: OrgOnboarding }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const days = String(STALLED_AFTER_DAYS);
  const target = formatDuration(t, value.target);
  if (value.withheld !== null) {
    return (
      <>
        <Typography variant="h4" component="p" data-testid="onboarding-median">
          {t('common.none')}
        </Typography>
        <Typography variant="body2" data-testid="onboarding-withheld">
          {t('onboarding.withheld', { reason: value.withheld })}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {t('onboarding.target', { target })}
        </Typography>
      </>
    );
  }
  let targetLine: string = t('onboarding.target', { target });
  if (value.median !== null) {
    targetLine = value.median < value.target ? t('onboarding.targetMet', { target }) : t('onboarding.targetMissed', { target });
  }
  return (
    <>
      <Typography variant="h4" component="p" data-testid="onboarding-median">
        {formatDuration(t, value.median)}
      </Typography>
      <Typography variant="body2" data-testid="onboarding-target">
        {targetLine}
      </Typography>
      {value.medianWithheld && (
        <Typography variant="body2" color="textSecondary">
          {t('onboarding.medianWithheld', { reason: value.medianWithheld })}
        </Typography>
      )}
      <Typography variant="body2" data-testid="onboarding-cohort">
        {t('onboarding.cohort', { count: value.cohort ?? 0, shipped: String(value.n ?? 0) })}
      </Typography>
      <Typography variant="body2" data-testid="onboarding-stalled">
        {t('onboarding.stalled', { count: value.stalled ?? 0, days })}
      </Typography>
      {(value.pending ?? 0) > 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('onboarding.pending', { count: value.pending ?? 0, days })}
        </Typography>
      )}
    </>
  );
}

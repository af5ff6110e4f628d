import { useId, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import useAsync from 'react-use/esm/useAsync';
import type { Annotation, AnnotationImpact } from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsApiRef } from '../../api';
import { PlatformMetricsT, platformMetricsTranslationRef } from '../../translation';
import { AsyncContent } from '../common/States';
import { formatDate } from '../common/format';
import { ComparisonTable } from '../comparison/ComparisonTable';
import { groupName } from '../PlatformHealthPage/TeamTable';

const DAYS = [14, 30, 90] as const;
type Days = (typeof DAYS)[number];

function scopeLabel(t: PlatformMetricsT, scope: string) {
  return scope === 'org' ? t('healthPage.wholeOrganisation') : groupName(scope);
}

function ImpactTable(props: { impact: AnnotationImpact }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const { impact } = props;
  return (
    <>
      <Typography variant="body2" paragraph>
        {t('annotations.impactIntro', {
          count: impact.days,
          date: formatDate(impact.annotation.at),
          scope: scopeLabel(t, impact.scope),
        })}
        {!impact.complete && ` ${t('annotations.incomplete', { count: impact.after.days })}`}
      </Typography>
      <ComparisonTable
        metrics={impact.metrics}
        minSamples={impact.minSamples}
        beforeLabel={t('annotations.before')}
        afterLabel={t('annotations.after')}
        ariaLabel={t('annotations.impactTitle', { title: impact.annotation.title })}
      />
      <Typography variant="caption" color="textSecondary">
        {t('annotations.tests')}
      </Typography>
    </>
  );
}

/**
 * The before/after panel of one annotation, in `scope` (the view's scope:
 * an entity, a group or the org), with a 14/30/90-day selector.
 */
export function ImpactDialog(props: { annotation: Annotation | undefined; scope?: string; onClose: () => void }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const api = useApi(platformMetricsApiRef);
  const [days, setDays] = useState<Days>(30);
  const headingId = useId();
  const { annotation, scope } = props;
  const state = useAsync(
    async () => (annotation ? api.getAnnotationImpact(annotation.id, { days, scope }) : undefined),
    [api, annotation?.id, days, scope],
  );
  return (
    <Dialog open={!!annotation} onClose={props.onClose} maxWidth="md" fullWidth aria-labelledby={headingId}>
      <DialogTitle id={headingId}>{annotation && t('annotations.impactTitle', { title: annotation.title })}</DialogTitle>
      <DialogContent>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={days}
          aria-label={t('annotations.days')}
          onChange={(_e, v) => v && setDays(Number(v) as Days)}
        >
          {DAYS.map(d => {
            const label = t('window.option', { days: String(d) });
            return (
              <ToggleButton key={d} value={d} aria-label={label}>
                {label}
              </ToggleButton>
            );
          })}
        </ToggleButtonGroup>
        {annotation?.description && (
          <Typography variant="body2" paragraph style={{ marginTop: 8 }}>
            {annotation.description}
          </Typography>
        )}
        <AsyncContent
          loading={state.loading}
          error={state.error}
          value={state.value}
          loadingLabel={t('annotations.loading')}
          errorTitle={t('annotations.errorTitle')}
          empty={{ title: t('annotations.errorTitle'), description: '' }}
        >
          {impact => <ImpactTable impact={impact} />}
        </AsyncContent>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('annotations.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

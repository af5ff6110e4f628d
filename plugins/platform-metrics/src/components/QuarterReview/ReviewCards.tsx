import { ReactNode } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import {
  PlatformMetricsT,
  platformMetricsTranslationRef,
} from '../../translation';
import { formatPercent } from '../common/format';
import { phaseLabel } from '../common/definitions';
import { reachedPhase } from '../PlatformHealthPage/HeadlineTiles';
import { AdoptionPhaseBand, adoptionPhaseOf } from './adoptionPhase';

/** A titled section of the review, printed without a break inside. */
export function ReviewSection(props: {
  title: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <Card
      component="section"
      variant="outlined"
      aria-label={props.title}
      id={props.id}
      data-print="keep"
      style={{ height: '100%' }}
    >
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {props.title}
        </Typography>
        {props.children}
      </CardContent>
    </Card>
  );
}

function bandRange(t: PlatformMetricsT, band: AdoptionPhaseBand): string {
  const pct = (v: number) => String(Math.round(v * 100));
  if (band.min === 0)
    return t('review.phase.rangeBelow', { max: pct(band.max) });
  if (!Number.isFinite(band.max))
    return t('review.phase.rangeFrom', { min: pct(band.min) });
  return t('review.phase.rangeBetween', {
    min: pct(band.min),
    max: pct(band.max),
  });
}

/**
 * The adoption phase of the rate at the quarter's end, with its band, and
 * the adoption milestone it has reached (the health page's phases).
 */
export function AdoptionPhaseCard(props: { rate: number | null }) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const band = adoptionPhaseOf(props.rate);
  const milestone = reachedPhase(props.rate);
  return (
    <ReviewSection
      title={t('review.phase.title')}
      id="platform-metrics-review-phase"
    >
      {band && props.rate !== null ? (
        <>
          <Typography variant="h4" component="p" data-testid="review-phase">
            {t(`review.phase.${band.phase}`)}
          </Typography>
          <Typography variant="body1">
            {t('review.phase.rate', { rate: formatPercent(t, props.rate) })}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {t('review.phase.band', {
              phase: t(`review.phase.${band.phase}`),
              range: bandRange(t, band),
            })}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {milestone
              ? t('review.phase.milestone', {
                  milestone: phaseLabel(t, milestone),
                })
              : t('review.phase.noMilestone')}
          </Typography>
        </>
      ) : (
        <Typography variant="body1">{t('review.phase.noRate')}</Typography>
      )}
      <Typography variant="caption" component="p" color="textSecondary">
        {t('review.phase.definition')}
      </Typography>
    </ReviewSection>
  );
}

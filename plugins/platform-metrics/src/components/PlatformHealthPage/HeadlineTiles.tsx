import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  STALLED_AFTER_DAYS,
  TIERS,
  npsBand,
} from '@platform-metrics/plugin-platform-metrics-common';
import type {
  NpsBand,
  OrgSummary,
  Target,
  Tier,
} from '@platform-metrics/plugin-platform-metrics-common';
import { platformMetricsTranslationRef } from '../../translation';
import {
  ADOPTION_PHASES,
  AdoptionPhase,
  metricDefinitions,
  phaseLabel,
} from '../common/definitions';
import {
  TIER_COLORS,
  benchmarkLabel,
  countOf,
  formatDuration,
  formatNps,
  formatPercent,
  npsBandLabel,
  tierLabel,
} from '../common/format';
import { ReactNode } from 'react';
import { TargetBadge } from '../targets/TargetBadge';

const BAND_COLORS: Record<NpsBand, string> = {
  critical: '#b71c1c',
  poor: '#e65100',
  acceptable: '#8d6e00',
  good: '#2e7d32',
  amazing: '#1b5e20',
  'top-percentile': '#004d40',
};

function Tile(props: {
  title: string;
  definition: string;
  children: ReactNode;
}) {
  return (
    <Card
      component="section"
      aria-label={props.title}
      variant="outlined"
      style={{ height: '100%' }}
    >
      <CardContent>
        <Typography
          variant="subtitle1"
          component="h2"
          title={props.definition}
          gutterBottom
        >
          {props.title}
        </Typography>
        {props.children}
      </CardContent>
    </Card>
  );
}

export { formatNps };

export function NpsTile(props: {
  nps: OrgSummary['nps'] | null | undefined;
  /** The scope's NPS target, shown under the score. */
  target?: Target;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const nps = props.nps;
  const score = nps?.score ?? null;
  const band = nps?.band ?? npsBand(score);
  const responses = countOf(t, 'responses', nps?.n ?? 0);
  return (
    <Tile title={t('tiles.nps.title')} definition={metricDefinitions(t).nps}>
      {score === null ? (
        <Typography variant="h4" component="p">
          {nps?.withheld
            ? t('tiles.nps.withheld', { reason: nps.withheld })
            : t('tiles.nps.noResponses')}
        </Typography>
      ) : (
        <Typography variant="h3" component="p" data-testid="nps-score">
          {formatNps(score)}
        </Typography>
      )}
      {props.target && <TargetBadge target={props.target} />}
      {band && (
        <Chip
          size="small"
          label={npsBandLabel(t, band)}
          data-band={band}
          style={{
            backgroundColor: BAND_COLORS[band],
            color: '#fff',
            fontWeight: 600,
          }}
        />
      )}
      <Typography variant="body2" color="textSecondary">
        {nps?.surveyId && nps.n === null
          ? t('tiles.nps.survey', { surveyId: nps.surveyId })
          : null}
        {nps?.surveyId && nps.n !== null
          ? t('tiles.nps.responsesInSurvey', {
              responses,
              surveyId: nps.surveyId,
            })
          : null}
        {!nps?.surveyId ? responses : null}
      </Typography>
      {nps?.responseRate && (
        <Typography variant="body2" color="textSecondary" data-testid="nps-response-rate">
          {t('tiles.nps.responseRate', {
            respondents: String(nps.responseRate.respondents),
            eligible: String(nps.responseRate.eligible),
            rate: formatPercent(t, nps.responseRate.rate, 0),
          })}
        </Typography>
      )}
      {(nps?.n ?? 0) > 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('tiles.nps.breakdown', {
            promoters: countOf(t, 'promoters', nps?.promoters ?? 0),
            passives: countOf(t, 'passives', nps?.passives ?? 0),
            detractors: countOf(t, 'detractors', nps?.detractors ?? 0),
          })}
        </Typography>
      )}
    </Tile>
  );
}

/** The highest adoption phase a rate has reached, or null. */
export function reachedPhase(
  rate: number | null | undefined,
): AdoptionPhase | null {
  if (rate === null || rate === undefined) return null;
  let reached: AdoptionPhase | null = null;
  for (const phase of ADOPTION_PHASES) {
    if (rate >= phase.min) reached = phase;
  }
  return reached;
}

export function AdoptionTile(props: {
  adoption: OrgSummary['adoption'] | null | undefined;
  /** The scope's adoption target, shown under the rate. */
  target?: Target;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const a = props.adoption;
  const rate = a?.rate ?? null;
  const phase = reachedPhase(rate);
  const first = ADOPTION_PHASES[0];
  const denominator = (a?.eligible ?? 0) - (a?.exceptions ?? 0);
  return (
    <Tile
      title={t('tiles.adoption.title')}
      definition={metricDefinitions(t).adoption}
    >
      <Typography variant="h3" component="p" data-testid="adoption-rate">
        {rate === null && a?.reason && t('tiles.adoption.noSnapshot')}
        {rate === null && !a?.reason && t('tiles.adoption.noEligible')}
        {rate !== null && formatPercent(t, rate, 0)}
      </Typography>
      {a?.asOf && (
        <Typography variant="body2" color="textSecondary">
          {t('tiles.adoption.asOf', { date: a.asOf })}
        </Typography>
      )}
      {props.target && <TargetBadge target={props.target} />}
      <Typography variant="body2" color="textSecondary">
        {t('tiles.adoption.ofEligible', {
          adopted: String(a?.adopted ?? 0),
          count: denominator,
        })}
        {a?.exceptions
          ? t('tiles.adoption.exceptionsExcluded', {
              exceptions: countOf(t, 'exceptions', a.exceptions),
            })
          : ''}
      </Typography>
      {/* Progress drawn against the adoption phases. */}
      <Box
        position="relative"
        height={12}
        mt={1}
        mb={3}
        bgcolor="#e0e0e0"
        borderRadius={6}
        role="meter"
        aria-label={t('tiles.adoption.meter')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={rate === null ? undefined : Math.round(rate * 100)}
      >
        <Box
          height={12}
          borderRadius={6}
          bgcolor="#3f51b5"
          width={`${Math.min(100, Math.max(0, (rate ?? 0) * 100))}%`}
        />
        {ADOPTION_PHASES.map(p => (
          <Box
            key={p.months}
            position="absolute"
            top={-2}
            left={`${p.min * 100}%`}
            height={16}
            borderLeft="2px dashed #555"
            aria-hidden="true"
          >
            <Typography
              variant="caption"
              style={{
                position: 'absolute',
                top: 16,
                left: -8,
                whiteSpace: 'nowrap',
              }}
            >
              {t('tiles.adoption.phaseMarker', { months: String(p.months) })}
            </Typography>
          </Box>
        ))}
      </Box>
      <Typography variant="body2">
        {t(phase ? 'tiles.adoption.atPhase' : 'tiles.adoption.belowPhase', {
          months: String((phase ?? first).months),
          label: phaseLabel(t, phase ?? first),
        })}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {t('tiles.adoption.phases', {
          phases: ADOPTION_PHASES.map(p => phaseLabel(t, p)).join(
            t('common.listSeparator'),
          ),
        })}
      </Typography>
    </Tile>
  );
}

export function TimeToFirstDeployTile(props: {
  ttfd: OrgSummary['timeToFirstDeploy'] | null | undefined;
  /** The scope's time-to-first-deploy target, shown under the median. */
  target?: Target;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const ttfd = props.ttfd;
  return (
    <Tile
      title={t('tiles.timeToFirstDeploy.title')}
      definition={metricDefinitions(t).orgTimeToFirstDeploy}
    >
      <Typography variant="h3" component="p" data-testid="ttfd-median">
        {ttfd?.median === null || ttfd?.median === undefined
          ? t('common.noData')
          : formatDuration(t, ttfd.median)}
      </Typography>
      {props.target && <TargetBadge target={props.target} />}
      <Typography variant="body2" color="textSecondary">
        {t('tiles.timeToFirstDeploy.cohort', {
          entities: countOf(t, 'entities', ttfd?.n ?? 0),
        })}
      </Typography>
      <Typography variant="body2" data-testid="ttfd-stalled">
        {t('tiles.timeToFirstDeploy.stalled', {
          stalled: countOf(t, 'stalledEntities', ttfd?.stalled ?? 0),
          days: String(STALLED_AFTER_DAYS),
        })}
      </Typography>
    </Tile>
  );
}

export function TierDistributionTile(props: {
  distribution: Partial<Record<Tier, number>> | null | undefined;
  benchmark: string | null | undefined;
}) {
  const { t } = useTranslationRef(platformMetricsTranslationRef);
  const d = props.distribution ?? {};
  const total = TIERS.reduce((sum, tier) => sum + (d[tier] ?? 0), 0);
  return (
    <Tile
      title={t('tiles.tierDistribution.title')}
      definition={t('tiles.tierDistribution.definition', {
        benchmark: benchmarkLabel(t, props.benchmark),
        overallTier: metricDefinitions(t).overallTier,
      })}
    >
      {total === 0 ? (
        <Typography variant="body1">
          {t('tiles.tierDistribution.none')}
        </Typography>
      ) : (
        <>
          <Box
            display="flex"
            height={16}
            borderRadius={4}
            overflow="hidden"
            aria-hidden="true"
          >
            {TIERS.map(tier =>
              d[tier] ? (
                <Box
                  key={tier}
                  width={`${((d[tier] ?? 0) / total) * 100}%`}
                  bgcolor={TIER_COLORS[tier]}
                />
              ) : null,
            )}
          </Box>
          <ul
            aria-label={t('tiles.tierDistribution.listLabel')}
            style={{ paddingLeft: 16, margin: '8px 0 0' }}
          >
            {TIERS.map(tier => (
              <li key={tier}>
                <Typography variant="body2" component="span">
                  {t('tiles.tierDistribution.item', {
                    tier: (
                      <span
                        style={{ color: TIER_COLORS[tier], fontWeight: 600 }}
                      >
                        {tierLabel(t, tier)}
                      </span>
                    ),
                    n: String(d[tier] ?? 0),
                  })}
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
    </Tile>
  );
}

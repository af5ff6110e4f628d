import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Box from '@material-ui/core/Box';
import {
  NPS_BAND_LABELS,
  TIERS,
  npsBand,
} from '@platform-metrics/plugin-platform-metrics-common';
import type {
  NpsBand,
  OrgSummary,
  Tier,
} from '@platform-metrics/plugin-platform-metrics-common';
import { ADOPTION_PHASES, METRIC_DEFINITIONS } from '../common/definitions';
import {
  TIER_COLORS,
  benchmarkLabel,
  formatDuration,
  formatPercent,
  plural,
  tierLabel,
} from '../common/format';
import { ReactNode } from 'react';

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

export function formatNps(score: number | null | undefined): string {
  if (score === null || score === undefined) return '—';
  return score > 0 ? `+${score}` : String(score);
}

export function NpsTile(props: { nps: OrgSummary['nps'] | null | undefined }) {
  const nps = props.nps;
  const score = nps?.score ?? null;
  const band = nps?.band ?? npsBand(score);
  return (
    <Tile title="Developer NPS" definition={METRIC_DEFINITIONS.nps}>
      {score === null ? (
        <Typography variant="h4" component="p">
          No responses yet
        </Typography>
      ) : (
        <Typography variant="h3" component="p" data-testid="nps-score">
          {formatNps(score)}
        </Typography>
      )}
      {band && (
        <Chip
          size="small"
          label={NPS_BAND_LABELS[band]}
          data-band={band}
          style={{ backgroundColor: BAND_COLORS[band], color: '#fff', fontWeight: 600 }}
        />
      )}
      <Typography variant="body2" color="textSecondary">
        {plural(nps?.n ?? 0, 'response')}
        {nps?.surveyId ? ` · survey ${nps.surveyId}` : ''}
      </Typography>
      {(nps?.n ?? 0) > 0 && (
        <Typography variant="body2" color="textSecondary">
          {nps?.promoters ?? 0} promoters · {nps?.passives ?? 0} passives ·{' '}
          {nps?.detractors ?? 0} detractors
        </Typography>
      )}
    </Tile>
  );
}

/** The highest adoption phase a rate has reached, or null. */
export function reachedPhase(rate: number | null | undefined) {
  if (rate === null || rate === undefined) return null;
  let reached: (typeof ADOPTION_PHASES)[number] | null = null;
  for (const phase of ADOPTION_PHASES) {
    if (rate >= phase.min) reached = phase;
  }
  return reached;
}

export function AdoptionTile(props: {
  adoption: OrgSummary['adoption'] | null | undefined;
}) {
  const a = props.adoption;
  const rate = a?.rate ?? null;
  const phase = reachedPhase(rate);
  const denominator = (a?.eligible ?? 0) - (a?.exceptions ?? 0);
  return (
    <Tile title="Golden-path adoption" definition={METRIC_DEFINITIONS.adoption}>
      <Typography variant="h3" component="p" data-testid="adoption-rate">
        {rate === null ? 'No eligible entities' : formatPercent(rate, 0)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {a?.adopted ?? 0} of {denominator} eligible entities
        {a?.exceptions ? ` (${plural(a.exceptions, 'exception')} excluded)` : ''}
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
        aria-label="Adoption against the adoption phases"
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
              style={{ position: 'absolute', top: 16, left: -8, whiteSpace: 'nowrap' }}
            >
              {p.months}m
            </Typography>
          </Box>
        ))}
      </Box>
      <Typography variant="body2">
        {phase
          ? `At the ${phase.months}-month phase (${phase.label})`
          : 'Below the 3-month phase (10–20% at 3 months)'}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        Phases: {ADOPTION_PHASES.map(p => p.label).join(', ')}
      </Typography>
    </Tile>
  );
}

export function TimeToFirstDeployTile(props: {
  ttfd: OrgSummary['timeToFirstDeploy'] | null | undefined;
}) {
  const t = props.ttfd;
  return (
    <Tile
      title="Time to first deploy"
      definition={METRIC_DEFINITIONS.orgTimeToFirstDeploy}
    >
      <Typography variant="h3" component="p" data-testid="ttfd-median">
        {t?.median === null || t?.median === undefined
          ? 'No data'
          : formatDuration(t.median)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        median of the latest cohort ({plural(t?.n ?? 0, 'entity', 'entities')})
      </Typography>
      <Typography variant="body2" data-testid="ttfd-stalled">
        {plural(t?.stalled ?? 0, 'stalled entity', 'stalled entities')} (no
        deploy within 30 days)
      </Typography>
    </Tile>
  );
}

export function TierDistributionTile(props: {
  distribution: Partial<Record<Tier, number>> | null | undefined;
  benchmark: string | null | undefined;
}) {
  const d = props.distribution ?? {};
  const total = TIERS.reduce((sum, t) => sum + (d[t] ?? 0), 0);
  return (
    <Tile
      title="DORA tier distribution"
      definition={`Entities by overall DORA tier, benchmark ${benchmarkLabel(props.benchmark)}: ${METRIC_DEFINITIONS.overallTier}`}
    >
      {total === 0 ? (
        <Typography variant="body1">No entities with metrics yet</Typography>
      ) : (
        <>
          <Box display="flex" height={16} borderRadius={4} overflow="hidden" aria-hidden="true">
            {TIERS.map(t =>
              d[t] ? (
                <Box
                  key={t}
                  width={`${((d[t] ?? 0) / total) * 100}%`}
                  bgcolor={TIER_COLORS[t]}
                />
              ) : null,
            )}
          </Box>
          <ul aria-label="Entities per tier" style={{ paddingLeft: 16, margin: '8px 0 0' }}>
            {TIERS.map(t => (
              <li key={t}>
                <Typography variant="body2" component="span">
                  <span style={{ color: TIER_COLORS[t], fontWeight: 600 }}>
                    {tierLabel(t)}
                  </span>
                  : {d[t] ?? 0}
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
    </Tile>
  );
}

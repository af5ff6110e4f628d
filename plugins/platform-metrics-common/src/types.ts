/**
 * Response and record types of the platform-metrics HTTP API
 * (see design/api.md). Durations are seconds, rates are fractions in [0, 1],
 * timestamps ISO-8601 UTC strings; a value with no samples is `null`.
 */

/** @public */
export type Tier = 'elite' | 'high' | 'medium' | 'low' | 'insufficient-data';

/** @public */
export const TIERS: readonly Tier[] = [
  'elite',
  'high',
  'medium',
  'low',
  'insufficient-data',
];

/** @public */
export type AdoptionStatus =
  | 'adopted'
  | 'exception'
  | 'not-adopted'
  | 'not-eligible';

/** @public */
export type NpsBand =
  | 'critical'
  | 'poor'
  | 'acceptable'
  | 'good'
  | 'amazing'
  | 'top-percentile';

/** @public */
export interface MetricWindow {
  from: string;
  to: string;
  days: number;
}

/** @public */
export interface DeploymentFrequencyMetric {
  perDay: number;
  perWeek: number;
  count: number;
  tier: Tier;
}

/** @public */
export interface DurationMetric {
  median: number | null;
  p90: number | null;
  n: number;
  tier: Tier;
}

/** @public */
export interface ChangeFailureRateMetric {
  value: number | null;
  failed: number;
  total: number;
  tier: Tier;
}

/** @public */
export interface TimeToRestoreMetric extends DurationMetric {
  /** Incidents of the entity still open at the end of the window. */
  open: number;
}

/** @public */
export interface ReworkRateMetric {
  value: number | null;
  rework: number;
  total: number;
}

/** @public */
export interface DoraMetrics {
  deploymentFrequency: DeploymentFrequencyMetric;
  leadTime: DurationMetric;
  changeFailureRate: ChangeFailureRateMetric;
  timeToRestore: TimeToRestoreMetric;
  reworkRate: ReworkRateMetric;
  overallTier: Tier;
}

/** @public */
export type TierDistribution = Record<Tier, number>;

/** @public */
export interface OrgDoraMetrics extends DoraMetrics {
  tierDistribution: TierDistribution;
}

/** @public */
export interface WeeklyTrendPoint {
  /** Monday 00:00 UTC of the ISO week. */
  weekStart: string;
  deployments: number;
  leadTimeMedian: number | null;
  changeFailureRate: number | null;
  timeToRestoreMedian: number | null;
}

/** @public */
export interface DeploymentSummary {
  id: string;
  source: string;
  environment: string;
  status: 'succeeded' | 'failed';
  type: DeploymentType;
  version: string | null;
  finishedAt: string;
  changes: number;
  /** True when the deployment counts as a failed change (metrics.md §3). */
  causedFailure: boolean;
}

/** @public */
export interface IncidentSummary {
  id: string;
  source: string;
  severity: string | null;
  openedAt: string;
  resolvedAt: string | null;
  causedBy: string | null;
}

/** @public */
export interface EntityScorecard {
  entityRef: string;
  window: MetricWindow;
  benchmark: string;
  minSamples: number;
  dora: DoraMetrics;
  adoption: {
    status: AdoptionStatus;
    reason: string | null;
    /** For an adopted entity: the configured rule that matched, as text. */
    rule?: string;
    /** For an entity not adopted: the configured rules, any of which adopts it. */
    rules?: string[];
  };
  timeToFirstDeploy: {
    seconds: number | null;
    createdAt: string | null;
    firstDeployAt: string | null;
  };
  trend: WeeklyTrendPoint[];
  recentDeployments: DeploymentSummary[];
  recentIncidents: IncidentSummary[];
}

/** @public */
export interface NpsResult {
  score: number | null;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/** @public */
export interface OrgNps extends NpsResult {
  surveyId: string;
  band: NpsBand | null;
  trend: Array<{ surveyId: string; score: number | null; n: number }>;
}

/** @public */
export interface TeamSummary {
  groupRef: string;
  entities: number;
  dora: OrgDoraMetrics;
  adoption: { rate: number | null; adopted: number; eligible: number };
  nps: { score: number | null; n: number; reason: string | null };
}

/** @public */
export interface OrgSummary {
  window: MetricWindow;
  /**
   * When these figures were computed. Summaries of the current window are
   * precomputed by the backend's rollup job and may be some minutes old.
   */
  computedAt?: string;
  benchmark: string;
  minSamples: number;
  group: string | null;
  dora: OrgDoraMetrics;
  adoption: {
    rate: number | null;
    adopted: number;
    eligible: number;
    exceptions: number;
    trend: Array<{ date: string; rate: number | null }>;
    /** Adoption per system of the entities in scope. */
    bySystem: Array<{
      systemRef: string;
      rate: number | null;
      adopted: number;
      eligible: number;
      exceptions: number;
    }>;
  };
  timeToFirstDeploy: { median: number | null; n: number; stalled: number };
  nps: OrgNps;
  trend: WeeklyTrendPoint[];
  teams: TeamSummary[];
}

/** @public */
export interface CurrentSurvey {
  surveyId: string;
  question: string;
  followUpQuestion: string;
  answered: boolean;
  response: { score: number; comment: string | null } | null;
  snoozedUntil: string | null;
}

/** @public */
export interface SurveyComments {
  surveyId: string;
  group: string | null;
  n: number;
  categories: Array<{ category: string; count: number }>;
  comments: Array<{ comment: string; categories: string[]; score: number }>;
}

/** @public */
export interface IngestResult {
  received: number;
  created: number;
  updated: number;
}

/** @public */
export type DeploymentType = 'standard' | 'hotfix' | 'rollback';

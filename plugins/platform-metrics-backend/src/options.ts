import { Config } from '@backstage/config';
import {
  BENCHMARK_PROFILES,
  BenchmarkProfile,
  DEFAULT_BENCHMARK,
} from '@platform-metrics/plugin-platform-metrics-common';

export interface AdoptionRule {
  annotation: string;
  value?: string;
}

export interface CommentCategory {
  name: string;
  keywords: string[];
}

/** The plugin's configuration, read once with defaults applied. */
export interface PlatformMetricsOptions {
  benchmark: string;
  profile: BenchmarkProfile;
  productionEnvironments: string[];
  minSamples: number;
  incidentAttribution: 'nearest-deployment' | 'explicit-only';
  adoption: { eligibleTypes: string[]; rules: AdoptionRule[] };
  survey: {
    cadence: 'quarterly' | 'monthly';
    question: string;
    followUpQuestion: string;
    minGroupSize: number;
    snoozeDays: number;
    commentCategories: CommentCategory[];
  };
  catalogSync: { frequencyMinutes: number; pageSize: number };
  rollups: {
    /** Seconds between runs of the rollup job. */
    frequencySeconds: number;
    /** Window lengths (days) whose current org and team summaries are precomputed. */
    summaryWindows: number[];
    /** Oldest precomputed summary served, in minutes. */
    summaryMaxAgeMinutes: number;
    /** Entities recomputed per database round trip. */
    batchSize: number;
  };
}

export const DEFAULT_COMMENT_CATEGORIES: CommentCategory[] = [
  { name: 'CI speed', keywords: ['ci', 'build', 'pipeline', 'slow test', 'flaky', 'queue'] },
  { name: 'Documentation', keywords: ['doc', 'docs', 'documentation', 'readme', 'example', 'guide', 'undocumented'] },
  { name: 'Environments', keywords: ['environment', 'staging', 'preview', 'sandbox', 'infra'] },
  { name: 'Deployments', keywords: ['deploy', 'release', 'rollout', 'rollback'] },
  { name: 'On-call & incidents', keywords: ['on-call', 'oncall', 'incident', 'alert', 'pager'] },
  { name: 'Onboarding', keywords: ['onboard', 'getting started', 'new joiner', 'template', 'scaffold'] },
  { name: 'Access & permissions', keywords: ['access', 'permission', 'credential', 'secret', 'approval'] },
];

export function readOptions(config: Config): PlatformMetricsOptions {
  const c = config.getOptionalConfig('platformMetrics');
  const benchmark = c?.getOptionalString('benchmark') ?? DEFAULT_BENCHMARK;
  const custom = c?.getOptional<Record<string, BenchmarkProfile>>('benchmarks') ?? {};
  const profile = custom[benchmark] ?? BENCHMARK_PROFILES[benchmark];
  if (!profile) {
    throw new Error(
      `platformMetrics.benchmark '${benchmark}' is neither built in (${Object.keys(
        BENCHMARK_PROFILES,
      ).join(', ')}) nor defined under platformMetrics.benchmarks`,
    );
  }
  const minSamples = c?.getOptionalNumber('minSamples') ?? 3;
  const minGroupSize = Math.max(3, c?.getOptionalNumber('survey.minGroupSize') ?? 5);
  return {
    benchmark,
    profile,
    productionEnvironments: (
      c?.getOptionalStringArray('productionEnvironments') ?? ['production', 'prod']
    ).map(e => e.toLocaleLowerCase('en-US')),
    minSamples,
    incidentAttribution:
      (c?.getOptionalString('incidentAttribution') as
        | 'nearest-deployment'
        | 'explicit-only'
        | undefined) ?? 'nearest-deployment',
    adoption: {
      eligibleTypes: (
        c?.getOptionalStringArray('adoption.eligibleTypes') ?? ['service', 'website']
      ).map(t => t.toLocaleLowerCase('en-US')),
      rules: c?.getOptional<AdoptionRule[]>('adoption.rules') ?? [
        { annotation: 'backstage.io/source-template' },
        { annotation: 'platform-metrics.io/golden-path', value: 'true' },
      ],
    },
    survey: {
      cadence:
        (c?.getOptionalString('survey.cadence') as 'quarterly' | 'monthly' | undefined) ??
        'quarterly',
      question:
        c?.getOptionalString('survey.question') ??
        'How likely are you to recommend the platform to a colleague?',
      followUpQuestion:
        c?.getOptionalString('survey.followUpQuestion') ??
        'What is the single biggest thing slowing you down?',
      minGroupSize,
      snoozeDays: c?.getOptionalNumber('survey.snoozeDays') ?? 7,
      commentCategories:
        c?.getOptional<CommentCategory[]>('survey.commentCategories') ??
        DEFAULT_COMMENT_CATEGORIES,
    },
    catalogSync: {
      frequencyMinutes: c?.getOptionalNumber('catalogSync.frequencyMinutes') ?? 10,
      pageSize: c?.getOptionalNumber('catalogSync.pageSize') ?? 500,
    },
    rollups: {
      frequencySeconds: c?.getOptionalNumber('rollups.frequencySeconds') ?? 60,
      summaryWindows: c?.getOptional<number[]>('rollups.summaryWindows') ?? [30, 90, 180, 365],
      summaryMaxAgeMinutes: c?.getOptionalNumber('rollups.summaryMaxAgeMinutes') ?? 10,
      batchSize: Math.max(1, c?.getOptionalNumber('rollups.batchSize') ?? 50),
    },
  };
}

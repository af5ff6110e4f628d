import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_ELIGIBLE_TYPES,
  DEFAULT_MIN_SAMPLES,
  WINDOW_OPTIONS_DAYS,
  MAX_WINDOW_DAYS,
} from '@platform-metrics/plugin-platform-metrics-common';
import { isKind, lower, normalizeEntityRef } from './lib/refs';
import { DAY } from './lib/time';
import { DEFAULT_MAX_FUTURE_SKEW_MINUTES } from './schema/validation';
import { BENCHMARK_PROFILES, BenchmarkProfile, DEFAULT_BENCHMARK } from './benchmarks';
import { TargetDefinition, readTargets } from './targets/targetConfig';
import { SurveyNotificationSettings, readSurveyNotifications } from './notifications/notificationConfig';
import { PulseSettings, readPulseSettings } from './pulses/pulseConfig';
import { AgreementQuestion, readSurveyQuestions } from './surveys/questionConfig';

export interface AdoptionRule {
  annotation: string;
  value?: string;
}

export interface CommentCategory {
  name: string;
  keywords: string[];
}

export type IncidentAttribution = 'nearest-deployment' | 'explicit-only';
export type SurveyCadence = 'quarterly' | 'monthly';

/** The plugin's configuration, read and validated once, with defaults applied. */
export interface PlatformMetricsSettings {
  benchmark: string;
  profile: BenchmarkProfile;
  /** Lower-cased. */
  productionEnvironments: string[];
  minSamples: number;
  incidentAttribution: IncidentAttribution;
  adoption: { eligibleTypes: string[]; rules: AdoptionRule[] };
  survey: {
    cadence: SurveyCadence;
    question: string;
    followUpQuestion: string;
    /** The 1-5 agreement questions asked after the NPS question (metrics.md §18), in order. */
    questions: AgreementQuestion[];
    minGroupSize: number;
    snoozeDays: number;
    commentCategories: CommentCategory[];
    /** Lower-cased `spec.type`s of the Groups that get NPS (metrics.md §8a). */
    reportingGroupTypes: string[];
    /** Normalised refs of the Groups whose members are also asked (the response rate's denominator); none by default. */
    eligibleGroups: string[];
    /** The key of the HMAC that turns a user ref into the stored pseudonym. */
    pseudonymSecret: string;
    /** True when no secret is configured and the fixed development key is used. */
    developmentPseudonymSecret: boolean;
    /** Answers submitted before the start of the quarter this many quarters back are deleted. */
    retentionQuarters: number;
    /** Invitations and reminders through Backstage notifications (metrics.md §8c). */
    notifications: SurveyNotificationSettings;
  };
  catalogSync: { frequencyMinutes: number; pageSize: number };
  /** The installation's one currency for cost records (ISO 4217, upper-case). */
  costs: { currency: string };
  /** The pre-platform period comparisons are made against (metrics.md §9); epoch ms, whole UTC days. */
  baseline?: { from: number; to: number; label: string };
  /** The metric targets (metrics.md §12), in configuration order; none by default. */
  targets: TargetDefinition[];
  /** Normalised refs of the Groups that run the platform (metrics.md §14); none by default. */
  platformOwners: string[];
  incidentImpact: {
    /** How many `dependsOn` hops away from an incident's entity its affected developers are looked for (1..10). */
    dependencyDepth: number;
  };
  /** Pulse questions (metrics.md, "Pulse questions"). */
  pulses: PulseSettings;
  ingest: {
    /** How far past now an ingested timestamp may be, in minutes (clock skew of the sender). */
    maxFutureSkewMinutes: number;
  };
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

export const DEFAULT_ADOPTION_RULES: AdoptionRule[] = [
  { annotation: 'backstage.io/source-template' },
  { annotation: 'platform-metrics.io/golden-path', value: 'true' },
];

const PREFIX = 'platformMetrics';

function invalid(key: string, message: string): never {
  throw new InputError(`Invalid configuration ${PREFIX}.${key}: ${message}`);
}

/** Reads one section of the plugin's config, naming the key in every error. */
class Reader {
  constructor(private readonly config: Config | undefined) {}

  private get<T>(key: string, read: (c: Config) => T | undefined): T | undefined {
    try {
      return this.config ? read(this.config) : undefined;
    } catch (e) {
      return invalid(key, (e as Error).message);
    }
  }

  string(key: string, fallback: string): string {
    const v = this.get(key, c => c.getOptionalString(key));
    if (v === undefined) return fallback;
    if (v.trim() === '') invalid(key, 'must not be empty');
    return v;
  }

  optionalString(key: string): string | undefined {
    const v = this.get(key, c => c.getOptionalString(key));
    if (v !== undefined && v.trim() === '') invalid(key, 'must not be empty');
    return v;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const v = this.get(key, c => c.getOptionalString(key));
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      invalid(key, `'${v}' is not one of ${allowed.join(', ')}`);
    }
    return v as T;
  }

  integer(key: string, fallback: number, range: { min: number; max?: number }): number {
    const v = this.get(key, c => c.getOptionalNumber(key)) ?? fallback;
    if (!Number.isInteger(v) || v < range.min || (range.max !== undefined && v > range.max)) {
      invalid(key, `expected a whole number from ${range.min}${range.max !== undefined ? ` to ${range.max}` : ' up'}, got ${v}`);
    }
    return v;
  }

  strings(key: string, fallback: string[]): string[] {
    const v = this.get(key, c => c.getOptionalStringArray(key)) ?? fallback;
    if (v.length === 0) invalid(key, 'must list at least one value');
    if (v.some(s => s.trim() === '')) invalid(key, 'must not contain empty values');
    return v;
  }

  numbers(key: string, fallback: number[], range: { min: number; max: number }): number[] {
    const v = this.get(key, c => c.getOptional<unknown[]>(key)) ?? fallback;
    if (!Array.isArray(v) || v.length === 0) invalid(key, 'must list at least one value');
    for (const n of v) {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < range.min || n > range.max) {
        invalid(key, `expected whole numbers from ${range.min} to ${range.max}, got ${JSON.stringify(n)}`);
      }
    }
    return v as number[];
  }

  list<T>(key: string, fallback: T[], item: (c: Config, at: string) => T): T[] {
    const v = this.get(key, c => c.getOptionalConfigArray(key));
    if (v === undefined) return fallback;
    if (v.length === 0) invalid(key, 'must list at least one entry');
    return v.map((c, i) => {
      try {
        return item(c, `${key}[${i}]`);
      } catch (e) {
        if (e instanceof InputError) throw e;
        return invalid(`${key}[${i}]`, (e as Error).message);
      }
    });
  }

  object<T>(key: string): Record<string, T> {
    return this.get(key, c => c.getOptional<Record<string, T>>(key)) ?? {};
  }
}

/** A custom or built-in profile by name; only own properties count, never a prototype member. */
function profileOf(name: string, custom: Record<string, BenchmarkProfile>): BenchmarkProfile {
  const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  let profile: BenchmarkProfile | undefined;
  if (own(custom, name)) profile = custom[name];
  else if (own(BENCHMARK_PROFILES, name)) profile = BENCHMARK_PROFILES[name];
  if (!profile) {
    invalid(
      'benchmark',
      `'${name}' is neither built in (${Object.keys(BENCHMARK_PROFILES).join(', ')}) nor defined under ${PREFIX}.benchmarks`,
    );
  }
  for (const metric of ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore'] as const) {
    for (const tier of ['elite', 'high', 'medium'] as const) {
      const bound = profile[metric]?.[tier];
      if (typeof bound !== 'number' || !Number.isFinite(bound) || bound < 0) {
        invalid(`benchmarks.${name}.${metric}.${tier}`, 'expected a non-negative number');
      }
    }
  }
  return profile;
}

/**
 * The fixed key used in development when no `survey.pseudonymSecret` is
 * configured: pseudonyms made with it protect nothing against anyone who
 * can read this source, so production refuses to start without a secret.
 */
export const DEVELOPMENT_PSEUDONYM_SECRET = 'platform-metrics-development-pseudonym-key';

const MIN_SECRET_LENGTH = 16;

function pseudonymSecret(c: Reader, env: string | undefined) {
  const key = 'survey.pseudonymSecret';
  const secret = c.optionalString(key);
  if (secret === undefined) {
    if (env === 'production') {
      invalid(
        key,
        `must be set when NODE_ENV is production: a secret of at least ${MIN_SECRET_LENGTH} characters ` +
          'that keys the pseudonyms of stored survey answers (keep it stable; changing it detaches stored answers from their people)',
      );
    }
    return { pseudonymSecret: DEVELOPMENT_PSEUDONYM_SECRET, developmentPseudonymSecret: true };
  }
  if (secret.trim().length < MIN_SECRET_LENGTH) invalid(key, `must be at least ${MIN_SECRET_LENGTH} characters`);
  return { pseudonymSecret: secret, developmentPseudonymSecret: false };
}

/**
 * A list of Group refs at `key` (kind defaults to `group`), normalised, each
 * once; none by default. `example` names a Group in the error message.
 */
function groupRefsOf(config: Config | undefined, key: string, example: string): string[] {
  let refs: string[];
  try {
    refs = config?.getOptionalStringArray(key) ?? [];
  } catch (e) {
    return invalid(key, (e as Error).message);
  }
  const groups = refs.map((ref, i) => {
    let normalised: string;
    try {
      normalised = normalizeEntityRef(ref, { defaultKind: 'group' });
    } catch (e) {
      return invalid(`${key}[${i}]`, `not a valid group ref: ${(e as Error).message}`);
    }
    if (!isKind(normalised, 'group')) invalid(`${key}[${i}]`, `expected a Group ref such as ${example}, got '${ref}'`);
    return normalised;
  });
  return [...new Set(groups)];
}

function currencyOf(c: Reader): string {
  const currency = c.string('costs.currency', 'USD');
  if (!/^[A-Za-z]{3}$/.test(currency)) invalid('costs.currency', `expected an ISO 4217 currency code such as USD, got '${currency}'`);
  return currency.toUpperCase();
}

/** `baseline: { from, to, label }`: ISO dates or timestamps, rounded out to whole UTC days. */
function baselineOf(c: Reader): PlatformMetricsSettings['baseline'] {
  const from = c.optionalString('baseline.from');
  const to = c.optionalString('baseline.to');
  if (from === undefined && to === undefined) return undefined;
  const day = (key: string, v: string | undefined, up: boolean) => {
    const t = v === undefined ? NaN : Date.parse(v);
    if (!Number.isFinite(t)) invalid(key, `expected an ISO-8601 date such as 2025-10-01, got '${v ?? ''}'`);
    return (up ? Math.ceil(t / DAY) : Math.floor(t / DAY)) * DAY;
  };
  const start = day('baseline.from', from, false);
  const end = day('baseline.to', to, true);
  if (end <= start) invalid('baseline.to', 'must be after baseline.from');
  if (end - start > MAX_WINDOW_DAYS * DAY) invalid('baseline', `must span at most ${MAX_WINDOW_DAYS} days`);
  return { from: start, to: end, label: c.string('baseline.label', 'Baseline') };
}

/** The default of `platformMetrics.incidentImpact.dependencyDepth`. */
export const DEFAULT_DEPENDENCY_DEPTH = 3;

/**
 * Reads and validates every option of the plugin into one settings object.
 * `env` is the `NODE_ENV` the rules depend on (a pseudonym secret is
 * required in production).
 */
export function readSettings(config: Config, env: string | undefined = process.env.NODE_ENV): PlatformMetricsSettings {
  const c = new Reader(config.getOptionalConfig(PREFIX));
  const benchmark = c.string('benchmark', DEFAULT_BENCHMARK);
  return {
    benchmark,
    profile: profileOf(benchmark, c.object<BenchmarkProfile>('benchmarks')),
    productionEnvironments: c.strings('productionEnvironments', ['production', 'prod']).map(lower),
    minSamples: c.integer('minSamples', DEFAULT_MIN_SAMPLES, { min: 1 }),
    incidentAttribution: c.oneOf<IncidentAttribution>(
      'incidentAttribution',
      ['nearest-deployment', 'explicit-only'],
      'nearest-deployment',
    ),
    adoption: {
      eligibleTypes: c.strings('adoption.eligibleTypes', [...DEFAULT_ELIGIBLE_TYPES]).map(lower),
      rules: c.list('adoption.rules', DEFAULT_ADOPTION_RULES, r => ({
        annotation: r.getString('annotation'),
        ...(r.has('value') && { value: r.getString('value') }),
      })),
    },
    survey: {
      cadence: c.oneOf<SurveyCadence>('survey.cadence', ['quarterly', 'monthly'], 'quarterly'),
      ...readSurveyQuestions(config.getOptional(`${PREFIX}.survey.questions`), {
        question: c.optionalString('survey.question'),
        followUpQuestion: c.optionalString('survey.followUpQuestion'),
      }),
      // never below 3 (metrics.md §8a): a smaller value is raised to 3
      minGroupSize: Math.max(3, c.integer('survey.minGroupSize', 5, { min: 1 })),
      snoozeDays: c.integer('survey.snoozeDays', 7, { min: 1, max: 365 }),
      commentCategories: c.list('survey.commentCategories', DEFAULT_COMMENT_CATEGORIES, cat => ({
        name: cat.getString('name'),
        keywords: cat.getStringArray('keywords'),
      })),
      reportingGroupTypes: c.strings('survey.reportingGroupTypes', ['team']).map(lower),
      eligibleGroups: groupRefsOf(config.getOptionalConfig(PREFIX), 'survey.eligibleGroups', 'group:default/mobile'),
      ...pseudonymSecret(c, env),
      retentionQuarters: c.integer('survey.retentionQuarters', 8, { min: 1, max: 100 }),
      notifications: readSurveyNotifications(config.getOptionalConfig(PREFIX)),
    },
    costs: { currency: currencyOf(c) },
    baseline: baselineOf(c),
    targets: readTargets(config.getOptional(`${PREFIX}.targets`)),
    platformOwners: groupRefsOf(config.getOptionalConfig(PREFIX), 'platformOwners', 'group:default/platform'),
    pulses: readPulseSettings(config.getOptionalConfig(PREFIX)),
    incidentImpact: {
      dependencyDepth: c.integer('incidentImpact.dependencyDepth', DEFAULT_DEPENDENCY_DEPTH, { min: 1, max: 10 }),
    },
    catalogSync: {
      frequencyMinutes: c.integer('catalogSync.frequencyMinutes', 10, { min: 1 }),
      pageSize: c.integer('catalogSync.pageSize', 500, { min: 1, max: 10_000 }),
    },
    ingest: {
      maxFutureSkewMinutes: c.integer('ingest.maxFutureSkewMinutes', DEFAULT_MAX_FUTURE_SKEW_MINUTES, {
        min: 0,
        max: 366 * 24 * 60,
      }),
    },
    rollups: {
      frequencySeconds: c.integer('rollups.frequencySeconds', 60, { min: 1 }),
      summaryWindows: c.numbers('rollups.summaryWindows', [...WINDOW_OPTIONS_DAYS], { min: 1, max: MAX_WINDOW_DAYS }),
      summaryMaxAgeMinutes: c.integer('rollups.summaryMaxAgeMinutes', 10, { min: 1 }),
      batchSize: c.integer('rollups.batchSize', 50, { min: 1, max: 1000 }),
    },
  };
}

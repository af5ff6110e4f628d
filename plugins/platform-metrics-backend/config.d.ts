export interface Config {
  /** Configuration of the platform-metrics plugin. */
  platformMetrics?: {
    /**
     * Benchmark profile for DORA tiers: `dora-2021` (default), `dora-2023`,
     * or the name of a profile under `benchmarks`.
     */
    benchmark?: string;
    /**
     * Custom benchmark profiles, same shape as the built-in ones. Deployment
     * frequency bounds are deploys per day (tier met when at least the
     * bound); lead time and time to restore are seconds (met when the median
     * is below the bound); change failure rate is a fraction (met when at
     * most the bound).
     */
    benchmarks?: {
      [name: string]: {
        deploymentFrequency: { elite: number; high: number; medium: number };
        leadTime: { elite: number; high: number; medium: number };
        changeFailureRate: { elite: number; high: number; medium: number };
        timeToRestore: { elite: number; high: number; medium: number };
      };
    };
    /** Environment names that count as production (case-insensitive). Default ["production", "prod"]. */
    productionEnvironments?: string[];
    /** Below this sample size a metric's tier is `insufficient-data`. Default 3. */
    minSamples?: number;
    /**
     * How incidents without `causedBy` fail a deployment: `nearest-deployment`
     * (default: the entity's last successful production deployment before
     * the incident opened) or `explicit-only`.
     */
    incidentAttribution?: 'nearest-deployment' | 'explicit-only';
    adoption?: {
      /** `spec.type`s of Components eligible for the golden path. Default ["service", "website"]. */
      eligibleTypes?: string[];
      /**
       * An eligible entity is adopted when any rule matches. A rule matches
       * when the annotation is present (and equals `value`, if given).
       * Default: `backstage.io/source-template` present, or
       * `platform-metrics.io/golden-path: "true"`.
       */
      rules?: Array<{ annotation: string; value?: string }>;
    };
    /**
     * The period comparisons (`compare=baseline`) are made against, e.g. the
     * quarter before the platform launched: ISO dates, `to` exclusive.
     */
    baseline?: {
      from: string;
      to: string;
      /** Shown beside the figures, e.g. "Before the platform". Default "Baseline". */
      label?: string;
    };
    /**
     * Metric targets (`GET /targets`, docs/metrics.md §12): each with its
     * progress from the baseline figure (else the first value of its trend)
     * and a status by projecting the trend to `by`. Default none.
     */
    targets?: Array<{
      /**
       * The metric, whose direction is fixed (lower is better for lead time,
       * time to restore, change failure rate, time to first deploy, platform
       * incident impact, cost per service, onboarding time and CI duration):
       * `nps` (points, -100..100), `adoption` (golden-path rate 0..1),
       * `timeToFirstDeploy` (median), `leadTime` (median), `timeToRestore`
       * (median), `changeFailureRate` (0..1), `deploymentFrequency`
       * (production deployments per week), `selfServiceRatio` (0..1),
       * `platformIncidentImpact` (developer-hours lost in 90 days; scope
       * `org` only), `costPerService` (median monthly cost per service, in
       * `costs.currency`), `onboardingTime` (median) or `ciDuration` (median
       * duration of succeeded pipeline runs). The last five take `org` or a
       * Group as scope.
       */
      metric:
        | 'nps'
        | 'adoption'
        | 'timeToFirstDeploy'
        | 'leadTime'
        | 'timeToRestore'
        | 'changeFailureRate'
        | 'deploymentFrequency'
        | 'selfServiceRatio'
        | 'platformIncidentImpact'
        | 'costPerService'
        | 'onboardingTime'
        | 'ciDuration';
      /** `org`, or the ref of a Group, a System or a Domain (kind defaults to `group`). */
      scope: string;
      /**
       * The target in the metric's unit. Rates also as a percentage
       * (`"70%"`); durations as seconds or a string such as `"1d"`,
       * `"30 days"`, `"12h"`, `"10m"` or `"1d 12h"` (s, m, h, d, w);
       * developer-hours and amounts as a number.
       */
      value: number | string;
      /** The ISO date (`2026-12-31`, UTC) by whose end the target is to be met. */
      by: string;
      /** Shown beside the target, e.g. "Developers recommend the platform". */
      label?: string;
    }>;
    /**
     * The catalog Groups that run the platform (refs; kind defaults to
     * `group`). Incidents on the components and resources they own count
     * for the platform incident impact (`GET /org/platform-incidents`,
     * docs/metrics.md §14), and their members are never counted among the
     * affected developers. Default none (the impact reads zero).
     */
    platformOwners?: string[];
    /** Pulse questions (experience sampling, docs/metrics.md "Pulse questions"). */
    pulses?: {
      /**
       * Ask every member of a new Component's owner Group one pulse after
       * the Component's first successful production deployment (a new
       * Component: its creation time, and so its time to first deploy, is
       * known), for first deployments in the last 14 days.
       */
      afterFirstProductionDeploy?: {
        /** Default false. */
        enabled?: boolean;
        /** At most 200 characters. Default "How easy was it to get this service to production?". */
        question?: string;
        /** The key its answers are aggregated by. Default "first-production-deploy". */
        questionId?: string;
      };
    };
    incidentImpact?: {
      /**
       * How many `dependsOn` hops away from an incident's entity the
       * components whose owners' members count as affected developers are
       * looked for, when the incident names no `affectedDevelopers`
       * (1: direct dependents only). Default 3, at most 10.
       */
      dependencyDepth?: number;
    };
    costs?: {
      /**
       * The one currency of cost records (ISO 4217, e.g. EUR); records in
       * another currency are rejected with 400. Default USD.
       */
      currency?: string;
    };
    survey?: {
      /** `quarterly` (survey ids like 2026-Q4, default) or `monthly` (2026-M11). */
      cadence?: 'quarterly' | 'monthly';
      /** The 0-10 question. */
      question?: string;
      /** The optional free-text follow-up. */
      followUpQuestion?: string;
      /**
       * The survey's questions, in order (instead of `question` and
       * `followUpQuestion`): the 0-10 NPS question first (`type: nps`),
       * optionally its free-text follow-up second (`type: text`), then any
       * number of 1-5 agreement questions (`type: agreement`), each with a
       * stable `id` and a SPACE `dimension`. Default: the NPS question and
       * six agreement questions written for platform teams
       * (docs/metrics.md §18).
       */
      questions?: Array<
        | { type: 'nps'; text: string }
        | { type: 'text'; text: string }
        | {
            type: 'agreement';
            id: string;
            text: string;
            dimension: 'satisfaction' | 'performance' | 'activity' | 'communication' | 'efficiency';
          }
      >;
      /**
       * The anonymity minimum k: an NPS figure is shown only from this many
       * responses (comments from max(10, k)). Default 5, never below 3.
       */
      minGroupSize?: number;
      /** Days a "not now" hides the survey. Default 7. */
      snoozeDays?: number;
      /** Keyword rules that sort comments into categories (case-insensitive substring match). */
      commentCategories?: Array<{ name: string; keywords: string[] }>;
      /**
       * `spec.type`s of the catalog Groups that get NPS and comments
       * (reporting groups); any other scope has its NPS withheld.
       * Default ["team"].
       */
      reportingGroupTypes?: string[];
      /**
       * Groups (refs; kind defaults to `group`) whose members are asked
       * too, besides the members of the reporting groups: together the
       * eligible developers, the denominator of the response rate
       * (docs/metrics.md §8b). Default none.
       */
      eligibleGroups?: string[];
      /**
       * Key of the HMAC-SHA256 that turns a user ref into the pseudonym
       * stored with survey answers and snoozes (at least 16 characters).
       * Required when NODE_ENV is production; in development a fixed key
       * is used, with a warning. Keep it stable: a new secret detaches the
       * stored answers from their people (one answer per person, erasure).
       * @visibility secret
       */
      pseudonymSecret?: string;
      /**
       * Survey answers submitted before the start of the quarter this many
       * quarters before the current one are deleted. Default 8.
       */
      retentionQuarters?: number;
      /**
       * Invite the eligible developers to each survey, and remind them once,
       * through Backstage notifications (docs/metrics.md §8c); needs
       * `@backstage/plugin-notifications-backend`. Default true.
       */
      sendNotifications?: boolean;
      /**
       * Where the notifications link to: the page with the survey card, a
       * path of the Backstage app (or an http(s) URL). Default `/` (the home page).
       */
      link?: string;
      /**
       * Days after the invitation that the one reminder goes to those who
       * have neither answered nor snoozed; 0 sends no reminder. Default 7,
       * at most 89 (27 for a monthly survey).
       */
      reminderDays?: number;
    };
    /** Ingestion (`POST /deployments`, `/incidents`, `/survey-responses`). */
    ingest?: {
      /**
       * How far in the future (by the backend's clock) an ingested timestamp
       * may be, in minutes, to allow for the sender's clock skew; a later one
       * (or one before 2000-01-01) is rejected with 400. Default 1440 (a day).
       */
      maxFutureSkewMinutes?: number;
    };
    /**
     * Webhook receivers (README, "Connect your tools"). A receiver is on
     * once its secret is set; without it, it answers 404.
     */
    integrations?: {
      /**
       * Days the webhook inbox keeps deliveries (except those still to be
       * processed) and pushes. Default 90.
       */
      retentionDays?: number;
      github?: {
        /**
         * The secret of the GitHub webhook: deliveries must carry
         * `X-Hub-Signature-256`, the HMAC-SHA256 of the body with it.
         * @visibility secret
         */
        webhookSecret?: string;
        /**
         * GitHub Actions workflows (by name) whose completed runs count as
         * deployments (success: succeeded, failure: failed), to the given
         * environment (default `production`).
         */
        deploymentWorkflows?: Array<{ name: string; environment?: string }>;
        /**
         * Monorepos: the entity a deployment to an environment belongs to,
         * when several entities share the repository's
         * `github.com/project-slug` and the deployment's payload names no
         * `backstageEntity`. Environment name to entity ref.
         */
        environmentEntities?: { [environment: string]: string };
      };
      gitlab?: {
        /**
         * The secret token of the GitLab webhook (`X-Gitlab-Token`).
         * @visibility secret
         */
        webhookToken?: string;
      };
      pagerduty?: {
        /**
         * The signing secrets of the PagerDuty v3 webhook subscription; a
         * delivery signed with any of them is accepted (rotation).
         * @visibility secret
         */
        webhookSecrets?: string[];
      };
      argocd?: {
        /**
         * The bearer token Argo CD notifications send (`Authorization: Bearer <token>`).
         * @visibility secret
         */
        token?: string;
        /** Environment of syncs whose notification names none. Default `production`. */
        environment?: string;
      };
    };
    catalogSync?: {
      /** Minutes between catalog syncs. Default 10. */
      frequencyMinutes?: number;
      /** Entities read per catalog request. Default 500. */
      pageSize?: number;
    };
    /**
     * The rollup job (one replica at a time): recomputes the per-entity-per-day
     * rollups of entities with new events, then the current org and team
     * summaries.
     */
    rollups?: {
      /** Seconds between runs. Default 60. */
      frequencySeconds?: number;
      /** Window lengths in days whose current summaries are precomputed. Default [30, 90, 180, 365]. */
      summaryWindows?: number[];
      /** A precomputed summary older than this many minutes is not served. Default 10. */
      summaryMaxAgeMinutes?: number;
      /** Entities recomputed per batch (memory grows with it). Default 50. */
      batchSize?: number;
    };
  };
}

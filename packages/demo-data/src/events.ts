/**
 * The event generator: twelve months of deployments (with their changes),
 * incidents and quarterly developer-survey answers for an organisation.
 *
 * Deterministic: for a given (seed, now, scale) the output is identical.
 * Every record has a stable `id` (and `source: "demo"`), derived from the
 * entity and the calendar day it happened on, and everything that happened on
 * a day depends only on (seed, entity, day); so generating again on a later
 * day yields the same records for the days both runs cover, and loading them
 * again updates instead of doubling.
 */
import { COMPLAINTS, CommentTheme, PRAISE } from './comments';
import {
  ComponentDef,
  DeliveryProfile,
  generateOrg,
  Org,
  TeamDef,
  UserDef,
} from './org';
import { planAuthorship } from './people';
import { PLATFORM_TEAM } from './platformCatalog';
import { platformOutageEvents, reportedDevelopers } from './platformIncidents';
import { hashString, Random } from './random';
import { agreementAnswers } from './surveyAnswers';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The `source` of every record of the demo. */
export const DEMO_SOURCE = 'demo';
/**
 * The `source` of records of other sizes, so that a benchmark run never
 * overwrites the demo's records (sizes other than the demo are meant for a
 * database of their own).
 */
export const SYNTHETIC_SOURCE = 'demo-synthetic';

/** A deployment as posted to `POST /deployments`. */
export interface GeneratedDeployment {
  id: string;
  source: string;
  entityRef: string;
  environment: 'production' | 'staging';
  status: 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string;
  version: string;
  /** `author`: a user ref or the email of the change's author (people.ts). */
  changes: { id: string; committedAt: string; author?: string }[];
  type: 'standard' | 'hotfix' | 'rollback';
  remediates?: string;
  /** Who deployed it: the author of its first change (production deployments only). */
  deployedBy?: string;
}

/** An incident as posted to `POST /incidents`. */
export interface GeneratedIncident {
  id: string;
  source: string;
  entityRef: string;
  openedAt: string;
  resolvedAt?: string;
  severity: string;
  causedBy?: string;
  /** How many developers it kept from their work, as the incident tool counted them (platformIncidents.ts). */
  affectedDevelopers?: number;
}

/** A survey answer as posted to `POST /survey-responses`. */
export interface GeneratedSurveyResponse {
  surveyId: string;
  userRef: string;
  score: number;
  comment?: string;
  submittedAt: string;
  /** Answers to the agreement statements, by question id (1..5). */
  answers?: Record<string, number>;
}

/** Sizes of a run; any omitted size keeps the organisation's natural one. */
export interface ScaleOptions {
  /** Components (the demo has 55; more adds synthetic ones). */
  entities?: number;
  /** Teams (the demo has 8; more adds synthetic ones). */
  teams?: number;
  /** Approximate number of deployments (all environments and statuses). */
  deployments?: number;
  /** Approximate number of incidents. */
  incidents?: number;
  /** Approximate number of survey responses (over the four surveys). */
  responses?: number;
}

/** Named sizes: the demo, and the benchmark's synthetic sizes. */
export const SCALES: Record<'demo' | 'small' | 'large', ScaleOptions> = {
  demo: {},
  small: { entities: 200, deployments: 50_000 },
  large: {
    entities: 2_000,
    deployments: 500_000,
    incidents: 15_000,
    responses: 20_000,
    teams: 200,
  },
};

export interface GenerateEventsOptions {
  /** PRNG seed; default 1. */
  seed?: number;
  /** The end of the history; default: the current time rounded down to the day (UTC). */
  now?: Date | string;
  /** Size: a named scale or explicit sizes; default the demo. */
  scale?: keyof typeof SCALES | ScaleOptions;
  /** Use this organisation instead of generating one. */
  org?: Org;
  /**
   * `source` of the records; default `demo` for the demo size and
   * `demo-synthetic` for any other size.
   */
  source?: string;
}

/** Deployments and incidents of one component. */
export interface EntityEvents {
  entityRef: string;
  deployments: GeneratedDeployment[];
  incidents: GeneratedIncident[];
}

export interface GeneratedEvents {
  org: Org;
  now: string;
  /** Start of the generated history (now - 365 days). */
  from: string;
  surveys: string[];
  deployments: GeneratedDeployment[];
  incidents: GeneratedIncident[];
  surveyResponses: GeneratedSurveyResponse[];
}

/** The current time rounded down to the day (UTC). */
export function startOfToday(): Date {
  const d = new Date();
  return new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()),
  );
}

function resolveScale(scale: GenerateEventsOptions['scale']): ScaleOptions {
  if (scale === undefined) return {};
  if (typeof scale === 'string') {
    const named = SCALES[scale];
    if (!named) throw new TypeError(`unknown scale ${scale}`);
    return named;
  }
  return scale;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ymd = (ms: number) => iso(ms).slice(0, 10).replace(/-/g, '');

function mix(
  a: DeliveryProfile,
  b: DeliveryProfile,
  f: number,
): DeliveryProfile {
  // geometric interpolation: rates and durations improve multiplicatively
  const g = (x: number, y: number) => x * Math.pow(y / x, f);
  return {
    deploysPerDay: g(a.deploysPerDay, b.deploysPerDay),
    leadTimeHours: g(a.leadTimeHours, b.leadTimeHours),
    changeFailureRate: g(a.changeFailureRate, b.changeFailureRate),
    restoreHours: g(a.restoreHours, b.restoreHours),
    changesPerDeploy: g(a.changesPerDeploy, b.changesPerDeploy),
    stagingRatio: a.stagingRatio + (b.stagingRatio - a.stagingRatio) * f,
    failedRolloutRate: g(a.failedRolloutRate, b.failedRolloutRate),
  };
}

/**
 * How a component delivers on a given day: its team's profile before the
 * platform launch; after the launch, services on the golden path get the
 * team's "after" profile from the day they adopted it, services off it improve
 * a little (faster shared CI), and documented exceptions not at all.
 */
export function profileAt(
  component: ComponentDef,
  team: TeamDef,
  launchMs: number,
  atMs: number,
): DeliveryProfile {
  if (component.exception) return team.before;
  if (component.adoptedAt && atMs >= Date.parse(component.adoptedAt)) {
    return team.after;
  }
  if (atMs >= launchMs) return mix(team.before, team.after, 0.25);
  return team.before;
}

const SEVERITIES = [
  'sev1',
  'sev2',
  'sev2',
  'sev3',
  'sev3',
  'sev3',
  'sev4',
  'sev4',
];

interface Calibration {
  deployFactor: number;
  incidentFactor: number;
}

interface Context {
  seed: number;
  source: string;
  nowMs: number;
  fromMs: number;
  launchMs: number;
  teams: Map<string, TeamDef>;
  calibration: Calibration;
}

/** The working-hours time (UTC) of `n` events on a day, sorted. */
function timesOfDay(
  rng: Random,
  dayMs: number,
  n: number,
  earliest: number,
): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = Math.max(dayMs + 7 * HOUR, earliest);
    const end = Math.max(start + HOUR, dayMs + 19 * HOUR);
    times.push(Math.floor(rng.between(start, end) / 1000) * 1000);
  }
  return times.sort((a, b) => a - b);
}

/** Deployments and incidents of one component over the history. */
export function generateEntityEvents(
  component: ComponentDef,
  ctx: Context,
): EntityEvents {
  const entityRef = `component:default/${component.name}`;
  const out: EntityEvents = { entityRef, deployments: [], incidents: [] };
  if (component.type === 'library') return out;
  const team = ctx.teams.get(component.owner);
  if (!team)
    throw new Error(
      `component ${component.name} has no team ${component.owner}`,
    );
  const activity = component.activity ?? 1;
  const { nowMs, fromMs } = ctx;

  const createdMs = component.createdAt
    ? Date.parse(component.createdAt)
    : undefined;
  let firstDeployMs: number | undefined;
  let neverDeployed = false;
  if (createdMs !== undefined) {
    if (component.firstDeployAfterDays === null) neverDeployed = true;
    else
      firstDeployMs = createdMs + (component.firstDeployAfterDays ?? 1) * DAY;
  }

  const push = (d: GeneratedDeployment) => {
    const t = Date.parse(d.finishedAt);
    if (t < nowMs && t >= fromMs) out.deployments.push(d);
  };
  const sha = (rng: Random) => rng.hex(40);

  const firstDay = Math.floor(fromMs / DAY) * DAY;
  for (let dayMs = firstDay; dayMs < nowMs; dayMs += DAY) {
    const day = ymd(dayMs);
    const rng = new Random(hashString(`${ctx.seed}:${component.name}:${day}`));
    const weekday = new Date(dayMs).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;

    if (createdMs !== undefined && dayMs + DAY <= createdMs) continue;

    // Stuck on staging: created, never deployed to production.
    if (neverDeployed) {
      if (dayMs >= (createdMs ?? 0) + 3 * DAY && !weekend && rng.chance(0.3)) {
        const t = timesOfDay(rng, dayMs, 1, 0)[0];
        const commit = t - rng.between(1, 30) * HOUR;
        push({
          id: `${component.name}-${day}-stg-0`,
          source: ctx.source,
          entityRef,
          environment: 'staging',
          status: rng.chance(0.3) ? 'failed' : 'succeeded',
          startedAt: iso(t - rng.int(5, 25) * MINUTE),
          finishedAt: iso(t),
          version: `0.0.${day}`,
          changes: [
            {
              id: sha(rng),
              committedAt: iso(Math.max(commit, (createdMs ?? 0) + MINUTE)),
            },
          ],
          type: 'standard',
        });
      }
      continue;
    }
    if (firstDeployMs !== undefined && dayMs + DAY <= firstDeployMs) continue;

    const profile = profileAt(component, team, ctx.launchMs, dayMs + 12 * HOUR);
    const rate =
      profile.deploysPerDay *
      activity *
      (weekend ? 0.1 : 1.6) *
      ctx.calibration.deployFactor;
    let count = rng.poisson(rate);
    const isFirstDay =
      firstDeployMs !== undefined &&
      firstDeployMs >= dayMs &&
      firstDeployMs < dayMs + DAY;
    let times: number[];
    if (isFirstDay) {
      count = Math.max(1, count);
      times = [
        Math.floor(firstDeployMs! / 1000) * 1000,
        ...timesOfDay(rng, dayMs, count - 1, firstDeployMs! + HOUR),
      ];
    } else {
      times = timesOfDay(rng, dayMs, count, 0);
    }

    times.forEach((finishedMs, i) => {
      const id = `${component.name}-${day}-${i + 1}`;
      const version = `${day.slice(0, 4)}.${day.slice(4, 6)}.${day.slice(6)}-${
        i + 1
      }`;
      const nChanges =
        1 + rng.poisson(Math.max(0, profile.changesPerDeploy - 1));
      const changes: { id: string; committedAt: string }[] = [];
      let latestCommit = 0;
      for (let k = 0; k < nChanges; k++) {
        let lead = Math.max(
          5 * MINUTE,
          rng.logNormal(profile.leadTimeHours * HOUR, 0.9),
        );
        if (isFirstDay && i === 0 && createdMs !== undefined) {
          // the first deployment ships the work since the component was created
          lead = Math.min(lead, finishedMs - createdMs - MINUTE);
          if (k === 0) lead = finishedMs - createdMs - MINUTE;
        }
        const committed =
          Math.floor((finishedMs - Math.max(MINUTE, lead)) / 1000) * 1000;
        latestCommit = Math.max(latestCommit, committed);
        changes.push({ id: sha(rng), committedAt: iso(committed) });
      }
      const duration = rng.int(4, 25) * MINUTE;

      if (rng.chance(profile.stagingRatio)) {
        const stagingMs =
          Math.floor(
            (latestCommit +
              (finishedMs - latestCommit) * rng.between(0.2, 0.7)) /
              1000,
          ) * 1000;
        const stagingDuration = Math.min(
          duration,
          Math.max(1000, stagingMs - latestCommit),
        );
        push({
          id: `${id}-staging`,
          source: ctx.source,
          entityRef,
          environment: 'staging',
          status: 'succeeded',
          startedAt: iso(stagingMs - stagingDuration),
          finishedAt: iso(stagingMs),
          version,
          changes,
          type: 'standard',
        });
      }

      // A rollout that never finished, retried successfully.
      const failedRollout = rng.chance(profile.failedRolloutRate);
      let startedMs = finishedMs - duration;
      const failedMs = startedMs - rng.int(2, 20) * MINUTE;
      if (failedRollout && failedMs - 3 * MINUTE > latestCommit) {
        const failedStart = Math.max(
          latestCommit + MINUTE,
          failedMs - rng.int(3, 15) * MINUTE,
        );
        push({
          id: `${id}-failed`,
          source: ctx.source,
          entityRef,
          environment: 'production',
          status: 'failed',
          startedAt: iso(failedStart),
          finishedAt: iso(failedMs),
          version,
          changes,
          type: 'standard',
        });
      }
      startedMs = Math.max(startedMs, latestCommit);
      push({
        id,
        source: ctx.source,
        entityRef,
        environment: 'production',
        status: 'succeeded',
        startedAt: iso(startedMs),
        finishedAt: iso(finishedMs),
        version,
        changes,
        type: 'standard',
      });

      // Change failure: an incident and/or a remediating deployment.
      const pFail = Math.min(
        0.95,
        profile.changeFailureRate * ctx.calibration.incidentFactor,
      );
      if (!rng.chance(pFail)) return;
      const nextStart =
        i + 1 < times.length ? times[i + 1] : dayMs + DAY + 7 * HOUR;
      const mode = rng.next();
      const severity = rng.pick(SEVERITIES);
      let remediationMs: number | undefined;
      let incidentOpened: number | undefined;
      if (mode < 0.8) {
        // caused by this deployment: either named (causedBy) or found by the
        // backend as the latest deployment before the incident opened
        const named = mode < 0.55;
        const gap = named
          ? rng.between(5 * MINUTE, 3 * HOUR)
          : rng.between(
              2 * MINUTE,
              Math.max(
                3 * MINUTE,
                Math.min(40 * MINUTE, (nextStart - finishedMs) / 2),
              ),
            );
        incidentOpened = Math.floor((finishedMs + gap) / 1000) * 1000;
        const restore = Math.max(
          4 * MINUTE,
          rng.logNormal(profile.restoreHours * HOUR, 1),
        );
        const resolved = Math.floor((incidentOpened + restore) / 1000) * 1000;
        remediationMs =
          incidentOpened + (resolved - incidentOpened) * rng.between(0.5, 0.95);
        const incident: GeneratedIncident = {
          id: `inc-${id}`,
          source: ctx.source,
          entityRef,
          openedAt: iso(incidentOpened),
          severity,
        };
        if (resolved < nowMs) incident.resolvedAt = iso(resolved);
        if (named) incident.causedBy = id;
        if (incidentOpened < nowMs) out.incidents.push(incident);
      } else {
        // caught by monitoring before anyone opened an incident
        remediationMs = finishedMs + rng.between(10 * MINUTE, 4 * HOUR);
      }
      if (mode >= 0.2 || rng.chance(0.5)) {
        const remMs = Math.floor(remediationMs / 1000) * 1000;
        const hotfix = rng.chance(0.55);
        const fixCommit =
          Math.floor(
            ((incidentOpened ?? finishedMs) +
              (remMs - (incidentOpened ?? finishedMs)) * 0.5) /
              1000,
          ) * 1000;
        push({
          id: `${id}-${hotfix ? 'hotfix' : 'rollback'}`,
          source: ctx.source,
          entityRef,
          environment: 'production',
          status: 'succeeded',
          startedAt: iso(Math.max(fixCommit, remMs - rng.int(2, 10) * MINUTE)),
          finishedAt: iso(remMs),
          version: hotfix ? `${version}.1` : `${version}-rollback`,
          changes: hotfix
            ? [{ id: sha(rng), committedAt: iso(fixCommit) }]
            : [],
          type: hotfix ? 'hotfix' : 'rollback',
          remediates: id,
        });
      }
    });

    // Incidents nobody tied to a change (infrastructure, dependencies).
    if (
      (firstDeployMs === undefined || dayMs > firstDeployMs) &&
      rng.chance(0.003 * ctx.calibration.incidentFactor)
    ) {
      const opened = timesOfDay(rng, dayMs, 1, 0)[0] - rng.int(0, 6) * HOUR;
      // some are long-standing problems (degraded performance, a flaky dependency)
      const restore = Math.max(
        5 * MINUTE,
        rng.logNormal(team.before.restoreHours * HOUR * 1.5, 1.1),
      );
      const resolved = Math.floor((opened + restore) / 1000) * 1000;
      if (opened < nowMs) {
        const incident: GeneratedIncident = {
          id: `inc-${component.name}-${day}-ops`,
          source: ctx.source,
          entityRef,
          openedAt: iso(opened),
          severity: rng.pick(SEVERITIES),
        };
        // a long platform problem slows a few, not every team: the incident tool counted who reported it (§14)
        if (component.owner === PLATFORM_TEAM && restore > 8 * HOUR) incident.affectedDevelopers = reportedDevelopers(incident.id);
        if (resolved < nowMs) incident.resolvedAt = iso(resolved);
        out.incidents.push(incident);
      }
    }

    // Long-standing problems of legacy systems and struggling teams (degraded
    // performance, a flaky dependency): open for days or weeks, so a few are
    // still open at any time.
    let chance = 0.001;
    if (team.profile === 'struggling') chance = 0.02;
    else if (component.exception || component.lifecycle === 'deprecated')
      chance = 0.004;
    if (
      (firstDeployMs === undefined || dayMs > firstDeployMs) &&
      rng.chance(chance * ctx.calibration.incidentFactor)
    ) {
      const opened = timesOfDay(rng, dayMs, 1, 0)[0];
      const resolved =
        Math.floor((opened + rng.between(3, 40) * DAY) / 1000) * 1000;
      if (opened < nowMs) {
        const incident: GeneratedIncident = {
          id: `inc-${component.name}-${day}-problem`,
          source: ctx.source,
          entityRef,
          openedAt: iso(opened),
          severity: rng.pick(['sev3', 'sev4']),
        };
        // a degradation of the platform for days, with a workaround: the incident tool says nobody was blocked (metrics.md §14)
        if (component.owner === PLATFORM_TEAM) incident.affectedDevelopers = 0;
        if (resolved < nowMs) incident.resolvedAt = iso(resolved);
        out.incidents.push(incident);
      }
    }
  }
  return out;
}

/** The survey ids of the four quarters up to and including the one of `now`. */
export function quartersUpTo(
  nowMs: number,
  count = 4,
): { id: string; startMs: number }[] {
  const d = new Date(nowMs);
  let year = d.getUTCFullYear();
  let q = Math.floor(d.getUTCMonth() / 3);
  const out: { id: string; startMs: number }[] = [];
  for (let i = 0; i < count; i++) {
    out.unshift({ id: `${year}-Q${q + 1}`, startMs: Date.UTC(year, q * 3, 1) });
    q--;
    if (q < 0) {
      q = 3;
      year--;
    }
  }
  return out;
}

const THEMES_BY_PROFILE: Record<string, CommentTheme[]> = {
  elite: ['ci-speed', 'documentation', 'environments', 'golden-path'],
  platform: ['documentation', 'on-call', 'ci-speed', 'golden-path'],
  weekly: ['environments', 'ci-speed', 'documentation', 'golden-path'],
  steady: ['ci-speed', 'documentation', 'environments', 'on-call'],
  struggling: [
    'on-call',
    'on-call',
    'environments',
    'documentation',
    'ci-speed',
  ],
  monthly: ['documentation', 'environments', 'ci-speed', 'onboarding'],
  onboarding: ['onboarding', 'onboarding', 'documentation', 'environments'],
};

/** Survey answers of the users (never the guest, who answers live). */
export function generateSurveyResponses(
  org: Org,
  opts: { seed: number; nowMs: number; participation?: number },
): { surveys: string[]; responses: GeneratedSurveyResponse[] } {
  const quarters = quartersUpTo(opts.nowMs);
  const launchMs = Date.parse(org.launchDate);
  const teams = new Map(org.teams.map(t => [t.name, t]));
  const participation = opts.participation ?? 0.85;
  const responses: GeneratedSurveyResponse[] = [];
  for (const quarter of quarters) {
    // the survey campaign runs for the first 60 days of the quarter, most answers early
    for (const user of org.users) {
      if (user.name === 'guest') continue;
      const team = teams.get(user.memberOf[0]);
      if (!team) continue;
      const rng = new Random(
        hashString(`${opts.seed}:${user.name}:${quarter.id}`),
      );
      if (!rng.chance(participation)) continue;
      const submittedMs =
        Math.floor(
          (quarter.startMs + Math.pow(rng.next(), 2) * 60 * DAY) / 1000,
        ) * 1000;
      if (submittedMs >= opts.nowMs) continue;
      if (team.formedAt && submittedMs < Date.parse(team.formedAt)) continue;
      responses.push(
        surveyAnswer(rng, user, team, quarter.id, submittedMs, launchMs),
      );
    }
  }
  return { surveys: quarters.map(q => q.id), responses };
}

function surveyAnswer(
  rng: Random,
  user: UserDef,
  team: TeamDef,
  surveyId: string,
  submittedMs: number,
  launchMs: number,
): GeneratedSurveyResponse {
  // satisfaction climbs as the platform arrives
  // (from the announcement, two months before the launch, to four months after it)
  const progress = Math.min(
    1,
    Math.max(0, (submittedMs - (launchMs - 60 * DAY)) / (180 * DAY)),
  );
  const mean =
    team.satisfaction.before +
    (team.satisfaction.after - team.satisfaction.before) * progress;
  const bias = ((hashString(user.name) % 21) - 10) / 10; // a person's own -1..+1
  const score = Math.max(
    0,
    Math.min(10, Math.round(mean + bias + rng.normal() * 1.1)),
  );
  const response: GeneratedSurveyResponse = {
    surveyId,
    userRef: `user:default/${user.name}`,
    score,
    submittedAt: iso(submittedMs),
    answers: agreementAnswers({ userName: user.name, surveyId, profile: team.profile, progress, score }),
  };
  if (rng.chance(0.6)) {
    const themes = THEMES_BY_PROFILE[team.profile] ?? THEMES_BY_PROFILE.steady;
    if (score >= 9) {
      const theme: CommentTheme =
        progress > 0 && rng.chance(0.5) ? 'golden-path' : rng.pick(themes);
      response.comment = rng.pick(PRAISE[theme]);
    } else {
      const theme = rng.pick(
        themes.filter(t => t !== 'golden-path' || progress > 0),
      );
      response.comment = rng.pick(COMPLAINTS[theme]);
    }
  }
  return response;
}

function contextFor(
  org: Org,
  seed: number,
  nowMs: number,
  calibration: Calibration,
  source: string = DEMO_SOURCE,
): Context {
  return {
    seed,
    source,
    nowMs,
    fromMs: nowMs - 365 * DAY,
    launchMs: Date.parse(org.launchDate),
    teams: new Map(org.teams.map(t => [t.name, t])),
    calibration,
  };
}

/** A prepared run: the organisation and a way to walk its events entity by entity. */
export interface EventPlan {
  org: Org;
  seed: number;
  now: string;
  from: string;
  /** The `source` of the records. */
  source: string;
  /** Deployments and incidents, one component at a time (low memory). */
  entities(): Generator<EntityEvents>;
  surveys: string[];
  surveyResponses: GeneratedSurveyResponse[];
}

function parseNow(now: GenerateEventsOptions['now']): number {
  if (now === undefined) return startOfToday().getTime();
  const ms = typeof now === 'string' ? Date.parse(now) : now.getTime();
  if (Number.isNaN(ms)) throw new TypeError(`invalid now ${String(now)}`);
  return ms;
}

function countEvents(
  org: Org,
  ctx: Context,
): { deployments: number; incidents: number } {
  let deployments = 0;
  let incidents = 0;
  for (const c of org.components) {
    const e = generateEntityEvents(c, ctx);
    deployments += e.deployments.length;
    incidents += e.incidents.length;
  }
  return { deployments, incidents };
}

/**
 * Prepares a run. With explicit deployment or incident sizes the rates are
 * calibrated (a dry run per size) so the totals come within a few percent.
 */
export function planEvents(opts: GenerateEventsOptions = {}): EventPlan {
  const seed = opts.seed ?? 1;
  const nowMs = parseNow(opts.now);
  const scale = resolveScale(opts.scale);
  const usersWanted =
    scale.responses !== undefined
      ? Math.ceil((scale.responses / 4 / 0.85) * 1.2) + 1
      : undefined;
  const org =
    opts.org ??
    generateOrg({
      seed,
      teams: scale.teams,
      entities: scale.entities,
      users: usersWanted,
    });
  const calibration: Calibration = { deployFactor: 1, incidentFactor: 1 };
  // Counts are close to linear in the rates, not exactly (floors, and
  // remediations are deployments too): a few dry runs until within 1%.
  const wanted = { deployments: scale.deployments, incidents: scale.incidents };
  for (let pass = 0; pass < 5; pass++) {
    if (!wanted.deployments && !wanted.incidents) break;
    const got = countEvents(org, contextFor(org, seed, nowMs, calibration));
    const off = (want: number | undefined, have: number) =>
      !!want && have > 0 && Math.abs(have - want) > want * 0.01;
    const deploymentsOff = off(wanted.deployments, got.deployments);
    const incidentsOff = off(wanted.incidents, got.incidents);
    if (!deploymentsOff && !incidentsOff) break;
    if (deploymentsOff)
      calibration.deployFactor *= wanted.deployments! / got.deployments;
    if (incidentsOff)
      calibration.incidentFactor *= wanted.incidents! / got.incidents;
  }
  const isDemo = Object.values(scale).every(v => v === undefined);
  const source = opts.source ?? (isDemo ? DEMO_SOURCE : SYNTHETIC_SOURCE);
  const ctx = contextFor(org, seed, nowMs, calibration, source);
  const { surveys, responses } = generateSurveyResponses(org, { seed, nowMs });
  // who authored each change and who deployed (the new engineers' first changes among them)
  const authorship = planAuthorship(org, c => generateEntityEvents(c, ctx));
  return {
    org,
    seed,
    now: iso(nowMs),
    from: iso(ctx.fromMs),
    source,
    surveys,
    surveyResponses:
      scale.responses !== undefined
        ? responses.slice(0, scale.responses)
        : responses,
    *entities() {
      // the platform's resources: their outages (platform incident impact)
      yield* platformOutageEvents(org, ctx);
      for (const c of org.components) yield authorship.apply(generateEntityEvents(c, ctx));
    },
  };
}

/** Generates the whole history in memory (fine for the demo and the small benchmark). */
export function generateEvents(
  opts: GenerateEventsOptions = {},
): GeneratedEvents {
  const plan = planEvents(opts);
  const deployments: GeneratedDeployment[] = [];
  const incidents: GeneratedIncident[] = [];
  for (const e of plan.entities()) {
    for (const d of e.deployments) deployments.push(d);
    for (const i of e.incidents) incidents.push(i);
  }
  return eventsOf(plan, deployments, incidents);
}

/** A plan's whole history, given the deployments and incidents generated from it. */
export function eventsOf(
  plan: EventPlan,
  deployments: GeneratedDeployment[],
  incidents: GeneratedIncident[],
): GeneratedEvents {
  return {
    org: plan.org,
    now: plan.now,
    from: plan.from,
    surveys: plan.surveys,
    deployments,
    incidents,
    surveyResponses: plan.surveyResponses,
  };
}

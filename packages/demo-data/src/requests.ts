/**
 * Platform requests of the demo (docs/metrics.md §13, the self-service ratio):
 * what the teams asked the platform for over the history, fulfilled by a
 * ticket a person worked (days) or by a self-service action (minutes to hours).
 *
 * The story: before the platform launch nearly everything is a ticket. After
 * it the golden-path kinds (environments at once, then databases and secret
 * rotation) move to self-service, faster for the services on the golden path
 * and for the teams that adopt quickly; access requests get a self-service
 * flow only months later and stay mostly tickets. A new service is requested
 * once, for a component created in the history: from a golden-path template
 * after the launch (self-service), by a ticket otherwise.
 *
 * Deterministic: the requests of a team on a day depend only on (seed, team,
 * day), so a later run yields the same records for the days both cover (a
 * request still open at `now` has no `closedAt`, and is closed by a later run).
 */
import type { EventPlan } from './events';
import type { ComponentDef, Org, TeamDef, TeamProfileKind, UserDef } from './org';
import { hashString, Random } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A platform request as posted to `POST /requests`. */
export interface GeneratedRequest {
  id: string;
  source: string;
  kind: RequestKind;
  entityRef: string;
  requestedBy?: string;
  openedAt: string;
  /** Absent while the request is open (it would close after `now`). */
  closedAt?: string;
  fulfilment: 'self-service' | 'ticket';
}

export type RequestKind = 'new-service' | 'database' | 'environment' | 'secret-rotation' | 'access';

interface KindProfile {
  /** Requests per team member and working day. */
  perMemberDay: number;
  /** Self-service share before the launch (a few scripts existed). */
  before: number;
  /** Days after the launch until the kind's self-service action shipped. */
  shipsAfterDays: number;
  /** Self-service share the kind tends to once adopted. */
  cap: number;
  /** Whether services off the golden path can use the action less (manual wiring). */
  goldenPath: boolean;
  /** Median fulfilment time by ticket (before the launch). */
  ticketMedianMs: number;
  /** Median fulfilment time by self-service. */
  selfServiceMedianMs: number;
}

/** The kinds of request and how each moves to self-service. */
export const REQUEST_KINDS: Record<Exclude<RequestKind, 'new-service'>, KindProfile> = {
  environment: {
    perMemberDay: 0.016,
    before: 0.06,
    shipsAfterDays: 0,
    cap: 0.9,
    goldenPath: true,
    ticketMedianMs: 4 * DAY,
    selfServiceMedianMs: 35 * MINUTE,
  },
  database: {
    perMemberDay: 0.012,
    before: 0.03,
    shipsAfterDays: 21,
    cap: 0.88,
    goldenPath: true,
    ticketMedianMs: 3 * DAY,
    selfServiceMedianMs: 20 * MINUTE,
  },
  'secret-rotation': {
    perMemberDay: 0.02,
    before: 0.1,
    shipsAfterDays: 45,
    cap: 0.95,
    goldenPath: true,
    ticketMedianMs: 30 * HOUR,
    selfServiceMedianMs: 4 * MINUTE,
  },
  access: {
    perMemberDay: 0.035,
    before: 0.02,
    shipsAfterDays: 120,
    cap: 0.5,
    goldenPath: false,
    ticketMedianMs: 28 * HOUR,
    selfServiceMedianMs: 90 * MINUTE,
  },
};

const NEW_SERVICE = { ticketMedianMs: 5 * DAY, selfServiceMedianMs: 20 * MINUTE };

/** Days for a team to take up a shipped action (1 - 1/e of the way to the cap). */
const ADOPTION_DAYS: Record<TeamProfileKind, number> = {
  elite: 30,
  platform: 20,
  weekly: 50,
  steady: 60,
  struggling: 110,
  monthly: 90,
  onboarding: 40,
};

const iso = (ms: number) => new Date(ms).toISOString();
const ymd = (ms: number) => iso(ms).slice(0, 10).replace(/-/g, '');
const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * The share of a kind's requests fulfilled by self-service for a team and
 * component at a time: the pre-launch share, then from the day the action
 * shipped rising towards the kind's cap at the team's pace; lower (60%) for
 * services off the golden path when the action is a golden-path one.
 */
export function selfServiceShare(
  kind: Exclude<RequestKind, 'new-service'>,
  team: Pick<TeamDef, 'profile'>,
  component: Pick<ComponentDef, 'adoptedAt'>,
  launchMs: number,
  atMs: number,
): number {
  const k = REQUEST_KINDS[kind];
  const shippedMs = launchMs + k.shipsAfterDays * DAY;
  if (atMs < shippedMs) return k.before;
  const days = (atMs - shippedMs) / DAY;
  const taken = 1 - Math.exp(-days / (ADOPTION_DAYS[team.profile] ?? 60));
  const share = k.before + (k.cap - k.before) * taken;
  const onPath = !!component.adoptedAt && Date.parse(component.adoptedAt) <= atMs;
  return k.goldenPath && !onPath ? Math.max(k.before, share * 0.6) : share;
}

interface Window {
  seed: number;
  source: string;
  nowMs: number;
  fromMs: number;
  launchMs: number;
}

const userRef = (u: UserDef) => `user:default/${u.name}`;
const componentRef = (c: ComponentDef) => `component:default/${c.name}`;

/** Opened at `openedMs`, fulfilled after `ms`: closed unless that is after now. */
function timed(openedMs: number, ms: number, w: Window): Pick<GeneratedRequest, 'openedAt' | 'closedAt'> {
  const closedMs = seconds(openedMs + Math.max(MINUTE, ms));
  return closedMs <= w.nowMs ? { openedAt: iso(openedMs), closedAt: iso(closedMs) } : { openedAt: iso(openedMs) };
}

/** The requests of one team on one day (the kinds other than new services). */
function teamDay(team: TeamDef, components: ComponentDef[], members: UserDef[], dayMs: number, w: Window): GeneratedRequest[] {
  const weekday = new Date(dayMs).getUTCDay();
  if (weekday === 0 || weekday === 6) return [];
  const formedMs = team.formedAt ? Date.parse(team.formedAt) : undefined;
  if (formedMs !== undefined && dayMs < formedMs) return [];
  const existing = components.filter(c => c.type !== 'library' && (!c.createdAt || Date.parse(c.createdAt) < dayMs));
  if (!existing.length) return [];
  const rng = new Random(hashString(`${w.seed}:requests:${team.name}:${ymd(dayMs)}`));
  // a newly formed team asks for access and environments in its first weeks
  const onboarding = formedMs !== undefined && dayMs < formedMs + 21 * DAY;
  const out: GeneratedRequest[] = [];
  for (const kind of Object.keys(REQUEST_KINDS) as (keyof typeof REQUEST_KINDS)[]) {
    const k = REQUEST_KINDS[kind];
    const burst = onboarding && (kind === 'access' || kind === 'environment') ? 4 : 1;
    const count = rng.poisson(team.size * k.perMemberDay * burst);
    for (let i = 0; i < count; i++) {
      const component = rng.pick(existing);
      const opened = seconds(dayMs + rng.between(7 * HOUR, 18 * HOUR));
      const selfService = rng.chance(selfServiceShare(kind, team, component, w.launchMs, opened));
      // after the launch the platform team has fewer tickets and works them faster
      const ticketMedian = k.ticketMedianMs * (opened >= w.launchMs ? 0.75 : 1);
      const ms = selfService ? rng.logNormal(k.selfServiceMedianMs, 0.7) : rng.logNormal(ticketMedian, 0.6);
      const member = members.length ? rng.pick(members) : undefined;
      out.push({
        id: `req-${team.name}-${ymd(dayMs)}-${kind}-${i}`,
        source: w.source,
        kind,
        entityRef: componentRef(component),
        ...(member && { requestedBy: userRef(member) }),
        ...timed(opened, ms, w),
        fulfilment: selfService ? 'self-service' : 'ticket',
      });
    }
  }
  return out;
}

/**
 * The new-service request of a component created in the history: opened
 * before its creation and closed when it was created; from a golden-path
 * template after the launch, by a ticket before it or without a template.
 */
function newServiceRequest(component: ComponentDef, members: UserDef[], w: Window): GeneratedRequest | undefined {
  if (!component.createdAt) return undefined;
  const createdMs = Date.parse(component.createdAt);
  const rng = new Random(hashString(`${w.seed}:requests:new-service:${component.name}`));
  const selfService = !!component.sourceTemplate && createdMs >= w.launchMs;
  const ms = selfService
    ? rng.logNormal(NEW_SERVICE.selfServiceMedianMs, 0.6)
    : rng.logNormal(NEW_SERVICE.ticketMedianMs, 0.5);
  const opened = seconds(createdMs - Math.max(MINUTE, ms));
  if (opened < w.fromMs || createdMs > w.nowMs) return undefined;
  const member = members.length ? rng.pick(members) : undefined;
  return {
    id: `req-new-service-${component.name}`,
    source: w.source,
    kind: 'new-service',
    entityRef: componentRef(component),
    ...(member && { requestedBy: userRef(member) }),
    openedAt: iso(opened),
    closedAt: iso(seconds(createdMs)),
    fulfilment: selfService ? 'self-service' : 'ticket',
  };
}

export interface GenerateRequestsOptions {
  /** PRNG seed; default 1. */
  seed?: number;
  /** The end of the history (ISO); requests open at it have no `closedAt`. */
  now: string;
  /** The start of the history (ISO); default `now` - 365 days. */
  from?: string;
  /** `source` of the records; default `demo`. */
  source?: string;
}

/** Every platform request of the organisation's teams over the history, sorted by `openedAt`. */
export function generateRequests(org: Org, opts: GenerateRequestsOptions): GeneratedRequest[] {
  const nowMs = Date.parse(opts.now);
  if (Number.isNaN(nowMs)) throw new TypeError(`invalid now ${opts.now}`);
  const w: Window = {
    seed: opts.seed ?? 1,
    source: opts.source ?? 'demo',
    nowMs,
    fromMs: opts.from ? Date.parse(opts.from) : nowMs - 365 * DAY,
    launchMs: Date.parse(org.launchDate),
  };
  const out: GeneratedRequest[] = [];
  const firstDay = Math.ceil(w.fromMs / DAY) * DAY;
  for (const team of org.teams) {
    const components = org.components.filter(c => c.owner === team.name);
    const members = org.users.filter(u => u.memberOf.includes(team.name) && u.name !== 'guest');
    for (const c of components) {
      const r = newServiceRequest(c, members, w);
      if (r) out.push(r);
    }
    for (let dayMs = firstDay; dayMs < nowMs; dayMs += DAY) {
      for (const r of teamDay(team, components, members, dayMs, w)) {
        if (Date.parse(r.openedAt) < nowMs) out.push(r);
      }
    }
  }
  const key = (r: GeneratedRequest) => `${r.openedAt} ${r.id}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

/** The requests of a plan (its organisation, seed, history and source). */
export function requestsOfPlan(plan: Pick<EventPlan, 'org' | 'seed' | 'now' | 'from'> & { source?: string }): GeneratedRequest[] {
  return generateRequests(plan.org, { seed: plan.seed, now: plan.now, from: plan.from, source: plan.source });
}

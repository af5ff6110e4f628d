/**
 * The people of the demo's history (metrics.md, "People fields (§5)" and
 * "Time to onboard a new engineer (§6d)"): who authored each change and who
 * deployed, and the new engineers, each with a start date (the
 * `platform-metrics.io/start-date` annotation of their catalog User) and the
 * days after it when their first change reaches production, or `null` for
 * one who stalls.
 *
 * Every change is authored by a member of the component's owning team: by
 * email (the `spec.profile.email` of their catalog User, which the backend
 * matches), or, for the platform team, by user ref. A new engineer authors
 * nothing that reaches production before their first change, which ships
 * with the team's first successful production deployment at or after their
 * start plus their onboarding days; after it, they author commits like
 * everyone else. Deterministic: picks depend on the change's id only.
 */
import type { EntityEvents, GeneratedDeployment } from './events';
import type { ComponentDef, Org, UserDef } from './org';
import { hashString } from './random';

const DAY = 86_400_000;

/** The annotation of a User's start date (an ISO date). */
export const START_DATE_ANNOTATION = 'platform-metrics.io/start-date';

/** The team whose changes name their authors by user ref (the others by email). */
const REF_TEAM = 'platform';

/** A new engineer: who, when they started (days before the epoch), and how long until their first change ships. */
export interface NewEngineer {
  name: string;
  startDaysBeforeEpoch: number;
  /** Days from the start to the first production deployment with their change; null: stalls. */
  onboardingDays: number | null;
}

/**
 * The demo's new engineers: a slow cohort before the platform launched (about
 * two weeks each), a faster one before the golden path's second
 * release (about a week each), and a faster one still in the last quarter
 * (two to three days, the new growth team among them), with a few who
 * stalled and one who has just started: twelve months of onboarding time.
 */
export const NEW_ENGINEERS: readonly NewEngineer[] = [
  // before the platform launched (200 days before the epoch): about two weeks, the
  // first after the launch a little faster; one joiner a fortnight or so, so that
  // every 90-day cohort of the year has at least five (survey.minGroupSize) who shipped
  { name: 'farid.nguyen', startDaysBeforeEpoch: 352, onboardingDays: 14 },
  { name: 'bjorn.brown', startDaysBeforeEpoch: 344, onboardingDays: 16 },
  { name: 'noah.costa', startDaysBeforeEpoch: 336, onboardingDays: 12 },
  { name: 'xavier.dubois', startDaysBeforeEpoch: 328, onboardingDays: 15 },
  { name: 'selin.dubois', startDaysBeforeEpoch: 318, onboardingDays: 13 },
  { name: 'rosa.brown', startDaysBeforeEpoch: 308, onboardingDays: 14 },
  { name: 'giulia.brown', startDaysBeforeEpoch: 298, onboardingDays: null },
  { name: 'ines.dubois', startDaysBeforeEpoch: 288, onboardingDays: 16 },
  { name: 'felix.tanaka', startDaysBeforeEpoch: 276, onboardingDays: 12 },
  { name: 'oskar.nguyen', startDaysBeforeEpoch: 264, onboardingDays: 15 },
  { name: 'yara.costa', startDaysBeforeEpoch: 252, onboardingDays: 13 },
  { name: 'jakob.nguyen', startDaysBeforeEpoch: 240, onboardingDays: 14 },
  { name: 'ulla.nguyen', startDaysBeforeEpoch: 228, onboardingDays: 12 },
  { name: 'tara.costa', startDaysBeforeEpoch: 216, onboardingDays: null },
  { name: 'hiroshi.brown', startDaysBeforeEpoch: 204, onboardingDays: 11 },
  { name: 'esther.nguyen', startDaysBeforeEpoch: 192, onboardingDays: 10 },
  { name: 'isabel.costa', startDaysBeforeEpoch: 180, onboardingDays: 9 },
  { name: 'tomas.costa', startDaysBeforeEpoch: 170, onboardingDays: 10 },
  // the quarter before: about a week
  { name: 'gabriela.brown', startDaysBeforeEpoch: 160, onboardingDays: 9 },
  { name: 'jonas.costa', startDaysBeforeEpoch: 150, onboardingDays: 6 },
  { name: 'priya.tanaka', startDaysBeforeEpoch: 140, onboardingDays: 7 },
  { name: 'umar.nguyen', startDaysBeforeEpoch: 130, onboardingDays: 5 },
  { name: 'zain.nguyen', startDaysBeforeEpoch: 120, onboardingDays: 8 },
  { name: 'vera.tanaka', startDaysBeforeEpoch: 110, onboardingDays: 10 },
  { name: 'kofi.tanaka', startDaysBeforeEpoch: 100, onboardingDays: null },
  // the last quarter: the growth team, formed 80 days before the epoch
  { name: 'yasmin.dubois', startDaysBeforeEpoch: 78, onboardingDays: 4 },
  { name: 'zeynep.costa', startDaysBeforeEpoch: 78, onboardingDays: 4.5 },
  { name: 'aditya.nguyen', startDaysBeforeEpoch: 70, onboardingDays: 3 },
  { name: 'beatriz.tanaka', startDaysBeforeEpoch: 60, onboardingDays: 2.5 },
  { name: 'carlos.brown', startDaysBeforeEpoch: 50, onboardingDays: 2 },
  { name: 'dalia.dubois', startDaysBeforeEpoch: 45, onboardingDays: null },
  { name: 'erik.costa', startDaysBeforeEpoch: 20, onboardingDays: 1.5 },
  { name: 'freya.nguyen', startDaysBeforeEpoch: 6, onboardingDays: null },
  // ... and joiners of the other teams
  { name: 'kavya.nguyen', startDaysBeforeEpoch: 65, onboardingDays: 1 },
  { name: 'liam.tanaka', startDaysBeforeEpoch: 30, onboardingDays: 0.8 },
  { name: 'hamid.dubois', startDaysBeforeEpoch: 55, onboardingDays: 3 },
  { name: 'rafael.brown', startDaysBeforeEpoch: 45, onboardingDays: 2 },
  { name: 'anika.tanaka', startDaysBeforeEpoch: 35, onboardingDays: 5 },
  { name: 'lena.brown', startDaysBeforeEpoch: 70, onboardingDays: null },
  { name: 'william.brown', startDaysBeforeEpoch: 25, onboardingDays: 6 },
  { name: 'valeria.tanaka', startDaysBeforeEpoch: 15, onboardingDays: 0.5 },
];

const byName = new Map(NEW_ENGINEERS.map(e => [e.name, e]));

/** When a user started, in epoch ms, for the new engineers of the org. */
function startOf(org: Org, name: string): number | undefined {
  const engineer = byName.get(name);
  if (!engineer) return undefined;
  return Math.floor(Date.parse(org.epoch) / DAY) * DAY - engineer.startDaysBeforeEpoch * DAY;
}

/** The start date annotation of a user (`YYYY-MM-DD`), for the new engineers of the org. */
export function startDateOf(org: Org, user: Pick<UserDef, 'name'>): string | undefined {
  const start = startOf(org, user.name);
  return start === undefined ? undefined : new Date(start).toISOString().slice(0, 10);
}

/** How a user names themself on a change: by ref on the platform team, else by the email of their catalog User. */
function authorName(user: UserDef): string {
  return user.memberOf.includes(REF_TEAM) ? `user:default/${user.name}` : user.email;
}

/** Who authored what: applied to each component's events as they are generated. */
export interface Authorship {
  /** Sets each change's `author` and each production deployment's `deployedBy` (mutates `events`). */
  apply(events: EntityEvents): EntityEvents;
  /** When each new engineer's first change reached production (epoch ms), for those it did. */
  firstShipped: ReadonlyMap<string, number>;
}

const isShipped = (d: GeneratedDeployment) => d.environment === 'production' && d.status === 'succeeded';

/**
 * Plans the authors of an organisation's changes. `generate` gives the
 * events of a component (the generator's, deterministic); only the teams of
 * new engineers are generated here, to find each one's first change.
 */
export function planAuthorship(org: Org, generate: (component: ComponentDef) => EntityEvents): Authorship {
  const members = new Map<string, UserDef[]>();
  for (const user of org.users) {
    if (user.name === 'guest') continue;
    for (const team of user.memberOf) members.set(team, [...(members.get(team) ?? []), user]);
  }
  // each new engineer's first change: the first unclaimed change of the team's first
  // successful production deployment at or after their start plus their onboarding days
  // (of the demo's own components: a benchmark's synthetic ones are not generated twice)
  const claimed = new Map<string, UserDef>();
  const firstShipped = new Map<string, number>();
  const ships = (u: UserDef) => typeof byName.get(u.name)?.onboardingDays === 'number';
  const teams = new Set(org.users.filter(ships).flatMap(u => u.memberOf));
  for (const team of teams) {
    const shipped = org.components
      .filter(c => c.owner === team && c.inCatalog)
      .flatMap(c => generate(c).deployments.filter(isShipped))
      .sort((a, b) => a.finishedAt.localeCompare(b.finishedAt) || a.id.localeCompare(b.id));
    const engineers = (members.get(team) ?? [])
      .filter(ships)
      .map(u => ({ user: u, due: startOf(org, u.name)! + byName.get(u.name)!.onboardingDays! * DAY }))
      .sort((a, b) => a.due - b.due || a.user.name.localeCompare(b.user.name));
    for (const { user, due } of engineers) {
      for (const d of shipped) {
        const change = Date.parse(d.finishedAt) >= due ? d.changes.find(c => !claimed.has(c.id)) : undefined;
        if (change) {
          claimed.set(change.id, user);
          firstShipped.set(user.name, Date.parse(d.finishedAt));
          break;
        }
      }
    }
  }

  /** Whether a user may have authored a commit at `t`: a new engineer only after their first change shipped. */
  const mayAuthor = (user: UserDef, t: number) => {
    if (!byName.has(user.name)) return true;
    const first = firstShipped.get(user.name);
    return first !== undefined && t > first;
  };
  const authorOf = (owner: string, change: { id: string; committedAt: string }): UserDef | undefined => {
    const forced = claimed.get(change.id);
    if (forced) return forced;
    const t = Date.parse(change.committedAt);
    const eligible = (members.get(owner) ?? []).filter(u => mayAuthor(u, t));
    return eligible.length ? eligible[hashString(change.id) % eligible.length] : undefined;
  };
  const owners = new Map(org.components.map(c => [`component:default/${c.name}`, c.owner]));

  return {
    firstShipped,
    apply(events) {
      const owner = owners.get(events.entityRef);
      if (!owner) return events;
      for (const d of events.deployments) {
        for (const change of d.changes) {
          const author = authorOf(owner, change);
          if (author) change.author = authorName(author);
        }
        const first = d.changes[0]?.author;
        if (first && isShipped(d)) d.deployedBy = first;
      }
      return events;
    },
  };
}

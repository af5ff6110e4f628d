/**
 * Past golden-path adoption of the demo (docs/metrics.md §6): one snapshot
 * per day of the history, of the org and of each owning team, System and
 * Domain, as the catalog sync would have measured it on that day, loaded
 * through `POST /adoption-snapshots`.
 *
 * The story: before the platform launch nothing is on the golden path
 * (there is none, so there are no documented exceptions either). From the
 * launch on, each service made from a golden-path template counts as adopted
 * from the day it adopted it (its `adoptedAt`), and the documented
 * exceptions count as exceptions. A component counts from the day it was
 * created (`createdAt`; the others existed before the history). So the last
 * day of the history is what the catalog sync measures today for the demo
 * catalog (every component in it, as it is annotated now), and the trend
 * joins the measured point without a jump.
 *
 * Pure and deterministic: the snapshots depend only on the organisation and
 * the days of the history.
 */
import type { ComponentDef, Org } from './org';

const DAY = 86_400_000;

/** The backend's default `platformMetrics.adoption.eligibleTypes` (the demo configures none). */
export const DEMO_ELIGIBLE_TYPES: readonly string[] = ['service', 'website'];

/** A snapshot as posted to `POST /adoption-snapshots`. */
export interface GeneratedAdoptionSnapshot {
  /** `org`, or a group, system or domain ref. */
  scope: string;
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  adopted: number;
  eligible: number;
  exceptions: number;
}

/** A component's golden-path status at a time (metrics.md §6), as the default rules classify it. */
export type HistoricStatus =
  | 'adopted'
  | 'exception'
  | 'not-adopted'
  | 'not-eligible'
  | 'absent';

/** The status of a demo component at `atMs`, given the platform launch. */
export function statusAt(
  component: ComponentDef,
  launchMs: number,
  atMs: number,
): HistoricStatus {
  if (component.createdAt && Date.parse(component.createdAt) > atMs)
    return 'absent';
  if (!DEMO_ELIGIBLE_TYPES.includes(component.type)) return 'not-eligible';
  // a template's annotation adopts (the default rule), from the day the service adopted it
  if (
    component.sourceTemplate &&
    component.adoptedAt &&
    Date.parse(component.adoptedAt) <= atMs
  )
    return 'adopted';
  if (component.exception && atMs >= launchMs) return 'exception';
  return 'not-adopted';
}

export interface AdoptionHistoryOptions {
  /** The end of the history (ISO): the last snapshot is of the day before its UTC day. */
  now: string;
  /** The start of the history (ISO); default `now` - 365 days. */
  from?: string;
  /** Every component, not only those of the catalog YAML (for benchmark organisations). */
  allComponents?: boolean;
}

/** The scopes a component counts in: the org, its owner, its System and that System's Domain (as the catalog sync keys them). */
function scopesOf(org: Org): (c: ComponentDef) => string[] {
  const domainOf = new Map(org.systems.map(s => [s.name, s.domain]));
  return c => {
    const domain = domainOf.get(c.system);
    return [
      'org',
      `group:default/${c.owner}`,
      `system:default/${c.system}`,
      ...(domain ? [`domain:default/${domain}`] : []),
    ];
  };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * One snapshot per day from the history's first whole day to the day before
 * `now`'s, for each scope with a component on that day, sorted by day, then
 * by scope. The day of `now` itself is the catalog sync's to measure.
 */
export function generateAdoptionHistory(
  org: Org,
  opts: AdoptionHistoryOptions,
): GeneratedAdoptionSnapshot[] {
  const nowMs = Date.parse(opts.now);
  if (Number.isNaN(nowMs)) throw new TypeError(`invalid now ${opts.now}`);
  const fromMs = opts.from ? Date.parse(opts.from) : nowMs - 365 * DAY;
  if (Number.isNaN(fromMs)) throw new TypeError(`invalid from ${opts.from}`);
  const launchMs = Date.parse(org.launchDate);
  const components = org.components.filter(
    c => opts.allComponents || c.inCatalog,
  );
  const scopes = scopesOf(org);
  const memberships = components.map(c => ({ c, scopes: scopes(c) }));
  const today = Math.floor(nowMs / DAY) * DAY;
  const out: GeneratedAdoptionSnapshot[] = [];
  for (let dayMs = Math.ceil(fromMs / DAY) * DAY; dayMs < today; dayMs += DAY) {
    // as at the end of the day
    const atMs = dayMs + DAY - 1;
    const counts = new Map<
      string,
      { adopted: number; eligible: number; exceptions: number }
    >();
    for (const { c, scopes: of } of memberships) {
      const status = statusAt(c, launchMs, atMs);
      if (status === 'absent') continue;
      for (const scope of of) {
        let n = counts.get(scope);
        if (!n)
          counts.set(scope, (n = { adopted: 0, eligible: 0, exceptions: 0 }));
        if (status === 'not-eligible') continue;
        n.eligible++;
        if (status === 'adopted') n.adopted++;
        if (status === 'exception') n.exceptions++;
      }
    }
    const day = isoDay(dayMs);
    for (const scope of [...counts.keys()].sort())
      out.push({ scope, day, ...counts.get(scope)! });
  }
  return out;
}

/** The adoption history of a plan (its organisation and history). */
export function adoptionHistoryOfPlan(plan: {
  org: Org;
  now: string;
  from: string;
}): GeneratedAdoptionSnapshot[] {
  return generateAdoptionHistory(plan.org, { now: plan.now, from: plan.from });
}

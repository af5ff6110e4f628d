/**
 * Monthly costs of the demo's services and websites (docs/metrics.md §15),
 * as a billing export would send them to `POST /costs`: one record per
 * component and whole calendar month of the history (the month still
 * running is billed at its end). Each component has its own size; once on
 * the golden path, its template's right-sized defaults cost about a
 * quarter less; a component created in the history is billed from its
 * creation, the first month for the days it existed. Libraries cost
 * nothing. Deterministic: amounts depend on names and months only.
 */
import type { EventPlan } from './events';
import type { ComponentDef, Org } from './org';
import { hashString } from './random';

const DAY = 86_400_000;

/** A cost record as posted to `POST /costs`. */
export interface GeneratedCost {
  id: string;
  source: string;
  entityRef: string;
  /** The calendar month (`YYYY-MM`). */
  period: string;
  amount: number;
  currency: string;
}

/** The demo installation's currency (`platformMetrics.costs.currency` defaults to USD). */
export const DEMO_CURRENCY = 'USD';

/** What a component on the golden path costs of what it did before. */
export const GOLDEN_PATH_COST_FACTOR = 0.75;

const unit = (key: string, salt: number) => hashString(key, salt) / 2 ** 32;

/** The base monthly cost of a component: services 600 to 2,600, websites 250 to 1,050. */
function baseOf(c: ComponentDef): number {
  const u = unit(c.name, 31);
  return c.type === 'service' ? 600 + 2000 * u * u : 250 + 800 * u;
}

/** The whole calendar months (UTC) from the one holding `from` to the last that ended by `to`. */
function monthsBetween(from: number, to: number): { month: string; start: number; end: number }[] {
  const out = [];
  const first = new Date(from);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); ; m++) {
    const start = Date.UTC(y, m, 1);
    const end = Date.UTC(y, m + 1, 1);
    if (end > to) break;
    out.push({ month: new Date(start).toISOString().slice(0, 7), start, end });
  }
  return out;
}

/** Every cost record of the organisation's services and websites over the history (`from`, `now`). */
export function generateCosts(org: Org, opts: { from: string; now: string; source?: string; currency?: string }): GeneratedCost[] {
  const from = Date.parse(opts.from);
  const now = Date.parse(opts.now);
  const months = monthsBetween(from, now);
  const out: GeneratedCost[] = [];
  for (const c of org.components) {
    if (c.type === 'library') continue;
    const created = c.createdAt ? Date.parse(c.createdAt) : -Infinity;
    const adopted = c.adoptedAt ? Date.parse(c.adoptedAt) : Infinity;
    const base = baseOf(c);
    for (const m of months) {
      if (m.end <= created) continue;
      // the share of the month the component existed, and of it on the golden path
      const days = (m.end - m.start) / DAY;
      const existed = Math.min(1, (m.end - Math.max(m.start, created)) / DAY / days);
      const onPath = Math.min(existed, Math.max(0, (m.end - Math.max(m.start, adopted)) / DAY / days));
      const noise = 0.92 + 0.16 * unit(`${c.name} ${m.month}`, 32);
      const amount = base * noise * (existed - onPath + onPath * GOLDEN_PATH_COST_FACTOR);
      out.push({
        id: `${c.name}-${m.month}`,
        source: opts.source ?? 'demo-billing',
        entityRef: `component:default/${c.name}`,
        period: m.month,
        amount: Math.round(amount * 100) / 100,
        currency: opts.currency ?? DEMO_CURRENCY,
      });
    }
  }
  return out;
}

/** The costs of a plan (its organisation and history). */
export function costsOfPlan(plan: Pick<EventPlan, 'org' | 'now' | 'from'>): GeneratedCost[] {
  return generateCosts(plan.org, { from: plan.from, now: plan.now });
}

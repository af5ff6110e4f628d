import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { lower, normalizeEntityRef } from '../lib/refs';
import { DAY } from '../lib/time';
import { TARGET_METRICS, TargetMetric, traitsOf } from './targetMetrics';

/** One configured target (`platformMetrics.targets[]`), validated and normalised. */
export interface TargetDefinition {
  metric: TargetMetric;
  /** `org`, or the normalised ref of a Group, a System or a Domain. */
  scope: string;
  /** In the metric's unit: NPS points, a rate in [0, 1], seconds, deployments per week, developer-hours per 90 days, or an amount in the installation's currency. */
  value: number;
  /** The UTC day (YYYY-MM-DD) by whose end the target is to be met. */
  by: string;
  /** The end of that day (epoch ms): where the projection is evaluated. */
  byAt: number;
  label?: string;
}

const SECONDS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  wk: 604_800,
  wks: 604_800,
  week: 604_800,
  weeks: 604_800,
};

const DURATION = /^\s*(?:\d+(?:\.\d+)?\s*[a-z]+\s*,?\s*)+$/i;
const TERM = /(\d+(?:\.\d+)?)\s*([a-z]+)/gi;

/** Seconds of a duration such as `1d`, `30 days`, `12h` or `1d 12h`; undefined when it is none. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(TERM)) {
    const factor = SECONDS[unit.toLowerCase()];
    if (factor === undefined) return undefined;
    total += Number(amount) * factor;
  }
  return total;
}

const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;

const NUMBER = /^\s*-?\d+(?:\.\d+)?\s*$/;

/** The target value in the metric's unit, or a message saying what was expected. */
function valueOf(metric: TargetMetric, given: number | string): number | string {
  const { unit } = traitsOf(metric);
  // a number that came as a string (e.g. from an environment variable) is that number
  const raw = typeof given === 'string' && NUMBER.test(given) ? Number(given) : given;
  switch (unit) {
    case 'points':
      return typeof raw === 'number' && raw >= -100 && raw <= 100 ? raw : 'expected NPS points, a number from -100 to 100';
    case 'rate': {
      const percent = typeof raw === 'string' ? PERCENT.exec(raw) : null;
      let rate = typeof raw === 'number' ? raw : NaN;
      if (percent) rate = Number(percent[1]) / 100;
      return rate >= 0 && rate <= 1 ? rate : 'expected a rate from 0 to 1, or a percentage such as "70%"';
    }
    case 'seconds': {
      const seconds = typeof raw === 'number' ? raw : parseDuration(raw);
      return seconds !== undefined && Number.isFinite(seconds) && seconds > 0
        ? seconds
        : 'expected a duration: a positive number of seconds, or a string such as "1d", "30 days" or "12h"';
    }
    case 'developerHours':
      return typeof raw === 'number' && raw >= 0 ? raw : 'expected developer-hours lost in 90 days, a number from 0 up';
    case 'money':
      return typeof raw === 'number' && raw >= 0
        ? raw
        : 'expected a monthly amount per service in platformMetrics.costs.currency, a number from 0 up';
    default:
      return typeof raw === 'number' && raw >= 0 ? raw : 'expected deployments per week, a number from 0 up';
  }
}

const SCOPE_KINDS = ['group', 'system', 'domain'];

const scope = z.string({ error: 'expected org or a Group, System or Domain entity ref' }).transform((v, ctx) => {
  if (lower(v.trim()) === 'org') return 'org';
  try {
    const ref = normalizeEntityRef(v, { defaultKind: 'group' });
    if (SCOPE_KINDS.includes(ref.slice(0, ref.indexOf(':')))) return ref;
    ctx.addIssue({ code: 'custom', message: `expected org or a Group, System or Domain entity ref, got '${v}'` });
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a valid entity ref: ${(e as Error).message}` });
  }
  return z.NEVER;
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO date (YYYY-MM-DD) that exists, with the end of that UTC day. */
const by = z.string({ error: 'expected an ISO date such as 2026-12-31' }).transform((v, ctx) => {
  const m = ISO_DATE.exec(v.trim());
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(t).toISOString().slice(0, 10) !== m[0]) {
    ctx.addIssue({ code: 'custom', message: `expected an ISO date such as 2026-12-31, got '${v}'` });
    return z.NEVER;
  }
  return { by: m[0], byAt: t + DAY };
});

const targetSchema = z
  .strictObject({
    metric: z.enum(TARGET_METRICS, { error: `expected one of ${TARGET_METRICS.join(', ')}` }),
    scope,
    value: z.union([z.number(), z.string()], { error: 'expected a number or a string' }),
    by,
    label: z.string({ error: 'expected a string' }).trim().min(1, { error: 'must not be empty' }).max(200, { error: 'at most 200 characters' }).optional(),
  })
  .transform((t, ctx): TargetDefinition => {
    const { scopes } = traitsOf(t.metric);
    const kind = t.scope === 'org' ? 'org' : t.scope.slice(0, t.scope.indexOf(':'));
    if (!(scopes as readonly string[]).includes(kind)) {
      const allowed = scopes.length === 1 ? 'org' : 'org or a Group entity ref';
      ctx.addIssue({ code: 'custom', path: ['scope'], message: `${t.metric} is measured for ${allowed}, got '${t.scope}'` });
      return z.NEVER;
    }
    const value = valueOf(t.metric, t.value);
    if (typeof value === 'string') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: value });
      return z.NEVER;
    }
    return { metric: t.metric, scope: t.scope, value, ...t.by, ...(t.label && { label: t.label }) };
  });

const where = (path: PropertyKey[]) =>
  path.map(seg => (typeof seg === 'number' ? `[${seg}]` : `.${String(seg)}`)).join('');

/**
 * `platformMetrics.targets`: a list of `{ metric, scope, value, by, label? }`
 * (none by default). A bad entry throws an InputError naming it, e.g.
 * `Invalid configuration platformMetrics.targets[1].value: ...`.
 */
export function readTargets(raw: unknown): TargetDefinition[] {
  if (raw === undefined) return [];
  const parsed = z.array(targetSchema, { error: 'expected a list of targets' }).safeParse(raw);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new InputError(`Invalid configuration platformMetrics.targets${where(issue.path)}: ${issue.message}`);
}

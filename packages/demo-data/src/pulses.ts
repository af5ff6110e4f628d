/**
 * Pulse questions of the demo (docs/metrics.md, "Pulse questions"), as an
 * adopter moving from an external experience-sampling tool would import
 * them through `POST /pulses`: after each new component's first production
 * deployment, the members of its owner team were asked "How easy was it to
 * get this service to production?"; about 70% answered (`answer`, which
 * needs the survey import permission), the others let it expire. The
 * answers improve over the year as the golden path matured. Plus one open
 * pulse for the guest, so that the demo's survey card shows it.
 * Deterministic: everything depends on the seed, names and times only.
 */
import type { EventPlan } from './events';
import type { ComponentDef, Org } from './org';
import { Random, hashString } from './random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The backend's question and question id for the first production deployment (pulseConfig.ts). */
export const FIRST_DEPLOY_QUESTION = 'How easy was it to get this service to production?';
export const FIRST_DEPLOY_QUESTION_ID = 'first-production-deploy';
/** How long a pulse is shown: the API's default and longest lifetime. */
export const PULSE_LIFETIME_DAYS = 14;
/** The share of the asked who answered. */
export const PULSE_ANSWER_RATE = 0.7;
/** Who the open pulse of the demo is for. */
export const GUEST_REF = 'user:default/guest';

/** A pulse as posted to `POST /pulses`; `answer` only for the imported answered ones. */
export interface GeneratedPulse {
  id: string;
  source: string;
  recipient: string;
  question: string;
  questionId: string;
  entityRef: string;
  createdAt: string;
  expiresAt: string;
  answer?: { value: number; answeredAt: string };
}

export interface GeneratePulsesOptions {
  seed?: number;
  now: string;
  /** Start of the history; default a year before `now`. */
  from?: string;
  source?: string;
}

const iso = (t: number) => new Date(t).toISOString();

/** When a component's first production deployment finished, as events.ts generates it; undefined when never. */
export function firstProductionDeployOf(c: ComponentDef): number | undefined {
  if (c.type === 'library' || !c.createdAt || c.firstDeployAfterDays === null) return undefined;
  return Math.floor((Date.parse(c.createdAt) + (c.firstDeployAfterDays ?? 1) * DAY) / 1000) * 1000;
}

/**
 * An answer on the 1..5 scale: a mean rising from about 2.2 at the start of
 * the history to about 4.4 at its end, with some spread between people.
 */
function valueAt(progress: number, rng: Random): number {
  const mean = 2.2 + 2.2 * progress;
  return Math.min(5, Math.max(1, Math.round(mean + 0.6 * rng.normal())));
}

/** Every pulse of the history, sorted by `createdAt`, and the guest's open one last. */
export function generatePulses(org: Org, opts: GeneratePulsesOptions): GeneratedPulse[] {
  const nowMs = Date.parse(opts.now);
  if (Number.isNaN(nowMs)) throw new TypeError(`invalid now ${opts.now}`);
  const fromMs = opts.from ? Date.parse(opts.from) : nowMs - 365 * DAY;
  const seed = opts.seed ?? 1;
  const source = opts.source ?? 'demo-experience-sampling';
  const base = { source, question: FIRST_DEPLOY_QUESTION, questionId: FIRST_DEPLOY_QUESTION_ID };
  const out: GeneratedPulse[] = [];
  for (const c of org.components) {
    const deployed = firstProductionDeployOf(c);
    if (deployed === undefined || deployed < fromMs || deployed >= nowMs) continue;
    const expires = deployed + PULSE_LIFETIME_DAYS * DAY;
    const progress = (deployed - fromMs) / (nowMs - fromMs);
    // the guest answers live, never in the imported history
    const members = org.users.filter(u => u.memberOf.includes(c.owner) && u.name !== 'guest');
    for (const u of members) {
      const rng = new Random(hashString(`${seed}:pulse:${c.name}:${u.name}`));
      const pulse: GeneratedPulse = {
        ...base,
        id: `first-production-deploy:${c.name}:${u.name}`,
        recipient: `user:default/${u.name}`,
        entityRef: `component:default/${c.name}`,
        createdAt: iso(deployed),
        expiresAt: iso(expires),
      };
      // most answer within a day or two, some nearly at the end; never after now
      const answeredAt = deployed + Math.min(rng.between(0.5, 1) ** 4 * (expires - deployed), nowMs - HOUR - deployed);
      if (rng.chance(PULSE_ANSWER_RATE) && answeredAt >= deployed) {
        pulse.answer = { value: valueAt(progress, rng), answeredAt: iso(Math.floor(answeredAt / 1000) * 1000) };
      }
      out.push(pulse);
    }
  }
  const key = (p: GeneratedPulse) => `${p.createdAt} ${p.id}`;
  out.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const guest = guestPulse(org, nowMs, base);
  return guest ? [...out, guest] : out;
}

/**
 * The guest's open pulse: about the platform team's newest deployed
 * component (the guest's team), asked at `now`, so that it is shown for the
 * next 14 days. Re-sent by a later seed, it is replaced while open.
 */
function guestPulse(org: Org, nowMs: number, base: Pick<GeneratedPulse, 'source' | 'question' | 'questionId'>): GeneratedPulse | undefined {
  const guest = org.users.find(u => u.name === 'guest');
  if (!guest) return undefined;
  const candidates = org.components
    .filter(c => c.type !== 'library' && c.inCatalog && guest.memberOf.includes(c.owner))
    .sort((a, b) => (firstProductionDeployOf(b) ?? -Infinity) - (firstProductionDeployOf(a) ?? -Infinity) || (a.name < b.name ? -1 : 1));
  const component = candidates[0] ?? org.components.find(c => c.type !== 'library');
  if (!component) return undefined;
  return {
    ...base,
    id: `first-production-deploy:${component.name}:guest`,
    recipient: GUEST_REF,
    entityRef: `component:default/${component.name}`,
    createdAt: iso(nowMs),
    expiresAt: iso(nowMs + PULSE_LIFETIME_DAYS * DAY),
  };
}

/** The pulses of a plan (its organisation, seed and history). */
export function pulsesOfPlan(plan: Pick<EventPlan, 'org' | 'seed' | 'now' | 'from'>): GeneratedPulse[] {
  return generatePulses(plan.org, { seed: plan.seed, now: plan.now, from: plan.from });
}

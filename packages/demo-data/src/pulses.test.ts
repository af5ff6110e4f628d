import { contractViolation } from './__testUtils__/apiContract';
import { generateOrg } from './org';
import {
  FIRST_DEPLOY_QUESTION,
  FIRST_DEPLOY_QUESTION_ID,
  GUEST_REF,
  firstProductionDeployOf,
  generatePulses,
} from './pulses';

const NOW = '2026-11-22T00:00:00.000Z';
const DAY = 86_400_000;
const nowMs = Date.parse(NOW);
const fromMs = nowMs - 365 * DAY;

describe('generatePulses', () => {
  const org = generateOrg();
  const pulses = generatePulses(org, { seed: 1, now: NOW });
  const history = pulses.filter(p => p.recipient !== GUEST_REF);
  const answered = history.filter(p => p.answer);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it("asks each new component's owner team after its first production deployment of the year", () => {
    const deployed = org.components.filter(c => {
      const t = firstProductionDeployOf(c);
      return t !== undefined && t >= fromMs && t < nowMs;
    });
    expect(deployed.length).toBeGreaterThan(5);
    for (const c of deployed) {
      const asked = history.filter(p => p.entityRef === `component:default/${c.name}`);
      const team = org.users.filter(u => u.memberOf.includes(c.owner) && u.name !== 'guest');
      expect(asked.map(p => p.recipient).sort()).toEqual(team.map(u => `user:default/${u.name}`).sort());
      for (const p of asked) {
        expect(Date.parse(p.createdAt)).toBe(firstProductionDeployOf(c));
        expect(Date.parse(p.expiresAt) - Date.parse(p.createdAt)).toBe(14 * DAY);
      }
    }
    // and no one else: never a library, an old component or one not deployed yet
    expect(new Set(history.map(p => p.entityRef))).toEqual(new Set(deployed.map(c => `component:default/${c.name}`)));
    expect(history.every(p => p.question === FIRST_DEPLOY_QUESTION && p.questionId === FIRST_DEPLOY_QUESTION_ID)).toBe(true);
    expect(new Set(pulses.map(p => `${p.source} ${p.id}`)).size).toBe(pulses.length);
  });

  it('has about 70% answered, 1..5, within the pulse and before now, improving over the year', () => {
    expect(answered.length / history.length).toBeGreaterThan(0.6);
    expect(answered.length / history.length).toBeLessThan(0.8);
    for (const p of answered) {
      expect(Number.isInteger(p.answer!.value)).toBe(true);
      expect(p.answer!.value).toBeGreaterThanOrEqual(1);
      expect(p.answer!.value).toBeLessThanOrEqual(5);
      const at = Date.parse(p.answer!.answeredAt);
      expect(at).toBeGreaterThanOrEqual(Date.parse(p.createdAt));
      expect(at).toBeLessThanOrEqual(Date.parse(p.expiresAt));
      expect(at).toBeLessThan(nowMs);
    }
    // the golden path matured: the second half of the year answers clearly better than the first
    const half = fromMs + 182 * DAY;
    const early = answered.filter(p => Date.parse(p.createdAt) < half).map(p => p.answer!.value);
    const late = answered.filter(p => Date.parse(p.createdAt) >= half).map(p => p.answer!.value);
    expect(early.length).toBeGreaterThanOrEqual(10);
    expect(late.length).toBeGreaterThanOrEqual(10);
    expect(mean(late) - mean(early)).toBeGreaterThan(0.7);
    // and the last quarter's favourable share beats the first's
    const favourable = (xs: number[]) => xs.filter(v => v >= 4).length / xs.length;
    const first = answered.filter(p => Date.parse(p.createdAt) < fromMs + 120 * DAY).map(p => p.answer!.value);
    const last = answered.filter(p => Date.parse(p.createdAt) >= nowMs - 120 * DAY).map(p => p.answer!.value);
    expect(favourable(last)).toBeGreaterThan(favourable(first) + 0.3);
  });

  it('leaves the guest one open pulse, about one of their team’s components, shown from now for 14 days', () => {
    const guest = pulses.filter(p => p.recipient === GUEST_REF);
    expect(guest).toHaveLength(1);
    const [p] = guest;
    expect(p.answer).toBeUndefined();
    expect(Date.parse(p.createdAt)).toBeLessThanOrEqual(nowMs);
    expect(Date.parse(p.expiresAt)).toBeGreaterThan(nowMs + 13 * DAY);
    const component = org.components.find(c => p.entityRef === `component:default/${c.name}`);
    expect(component?.inCatalog).toBe(true);
    expect(org.users.find(u => u.name === 'guest')!.memberOf).toContain(component!.owner);
  });

  it('is deterministic and posts bodies the API spec accepts', () => {
    expect(generatePulses(org, { seed: 1, now: NOW })).toEqual(pulses);
    expect(generatePulses(org, { seed: 2, now: NOW })).not.toEqual(pulses);
    for (let i = 0; i < pulses.length; i += 1000) {
      expect(contractViolation('pulses', { pulses: pulses.slice(i, i + 1000) })).toBeUndefined();
    }
  });
});

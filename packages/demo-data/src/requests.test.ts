import { contractViolation } from './__testUtils__/apiContract';
import { planEvents } from './events';
import { generateOrg } from './org';
import { GeneratedRequest, generateRequests, requestsOfPlan, selfServiceShare } from './requests';

const NOW = '2026-11-22T00:00:00.000Z';
const DAY = 86_400_000;

const ratio = (rs: GeneratedRequest[]) => rs.filter(r => r.fulfilment === 'self-service').length / rs.length;
const closedBetween = (rs: GeneratedRequest[], from: number, to: number) =>
  rs.filter(r => r.closedAt && Date.parse(r.closedAt) >= from && Date.parse(r.closedAt) < to);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const fulfilmentMs = (r: GeneratedRequest) => Date.parse(r.closedAt!) - Date.parse(r.openedAt);

describe('generateRequests', () => {
  const org = generateOrg();
  const requests = generateRequests(org, { seed: 1, now: NOW });
  const launchMs = Date.parse(org.launchDate);
  const nowMs = Date.parse(NOW);

  it('gives a year of requests of five kinds that POST /requests accepts', () => {
    expect(requests.length).toBeGreaterThan(1000);
    expect(new Set(requests.map(r => r.kind))).toEqual(
      new Set(['new-service', 'database', 'environment', 'secret-rotation', 'access']),
    );
    for (let i = 0; i < requests.length; i += 1000) {
      expect(contractViolation('requests', { requests: requests.slice(i, i + 1000) })).toBeUndefined();
    }
    expect(new Set(requests.map(r => `${r.source} ${r.id}`)).size).toBe(requests.length);
    expect(requests.every(r => r.source === 'demo')).toBe(true);
    for (const r of requests) {
      expect(Date.parse(r.openedAt)).toBeGreaterThanOrEqual(nowMs - 365 * DAY);
      expect(Date.parse(r.openedAt)).toBeLessThan(nowMs);
      const closedMs = Date.parse(r.closedAt ?? NOW);
      expect(closedMs).toBeGreaterThanOrEqual(Date.parse(r.openedAt));
      expect(closedMs).toBeLessThanOrEqual(nowMs);
    }
    expect(requests.filter(r => r.closedAt).length).toBeGreaterThan(requests.length * 0.99);
  });

  it('attaches each request to a component of the requesting team, asked for by a member', () => {
    const owner = new Map(org.components.map(c => [`component:default/${c.name}`, c.owner]));
    const teamsOf = new Map(org.users.map(u => [`user:default/${u.name}`, u.memberOf]));
    for (const r of requests) {
      const team = owner.get(r.entityRef);
      expect(team).toBeDefined();
      expect(teamsOf.get(r.requestedBy!)).toContain(team);
    }
    // every team asks
    expect(new Set(requests.map(r => owner.get(r.entityRef)))).toEqual(new Set(org.teams.map(t => t.name)));
  });

  it('moves from tickets before the launch to self-service after it, rising over the year', () => {
    const before = closedBetween(requests, nowMs - 365 * DAY, launchMs);
    const firstQuarterAfter = closedBetween(requests, launchMs, launchMs + 90 * DAY);
    const lastQuarter = closedBetween(requests, nowMs - 90 * DAY, nowMs);
    expect(before.length).toBeGreaterThan(300);
    expect(ratio(before)).toBeLessThan(0.1);
    expect(ratio(firstQuarterAfter)).toBeGreaterThan(ratio(before) + 0.05);
    expect(ratio(lastQuarter)).toBeGreaterThan(ratio(firstQuarterAfter) + 0.15);
    expect(ratio(lastQuarter)).toBeGreaterThan(0.4);
  });

  it('lags behind with access requests, and self-service takes minutes to hours where tickets took days', () => {
    const lastQuarter = closedBetween(requests, nowMs - 90 * DAY, nowMs);
    const ofKind = (kind: string) => lastQuarter.filter(r => r.kind === kind);
    for (const kind of ['environment', 'secret-rotation']) {
      expect(ratio(ofKind(kind))).toBeGreaterThan(0.6);
      expect(ratio(ofKind(kind))).toBeGreaterThan(ratio(ofKind('access')) + 0.2);
    }
    expect(ratio(ofKind('access'))).toBeLessThan(0.4);

    const tickets = closedBetween(requests, nowMs - 365 * DAY, launchMs).filter(r => r.fulfilment === 'ticket');
    const selfService = requests.filter(r => r.closedAt && r.fulfilment === 'self-service' && Date.parse(r.openedAt) >= launchMs);
    expect(median(tickets.map(fulfilmentMs))).toBeGreaterThan(DAY);
    expect(median(selfService.map(fulfilmentMs))).toBeLessThan(3_600_000);
    expect(Math.max(...selfService.map(fulfilmentMs))).toBeLessThan(2 * DAY);
  });

  it('asks for each new service once, closed when the component was created', () => {
    const created = org.components.filter(c => c.createdAt && Date.parse(c.createdAt) >= nowMs - 360 * DAY);
    const newServices = requests.filter(r => r.kind === 'new-service');
    expect(newServices.map(r => r.entityRef).sort()).toEqual(created.map(c => `component:default/${c.name}`).sort());
    for (const c of created) {
      const r = newServices.find(x => x.entityRef === `component:default/${c.name}`)!;
      expect(r.closedAt).toBe(c.createdAt);
      const fromTemplate = !!c.sourceTemplate && Date.parse(c.createdAt!) >= launchMs;
      expect(r.fulfilment).toBe(fromTemplate ? 'self-service' : 'ticket');
    }
  });

  it('is deterministic for a seed and keeps the days two runs share', () => {
    expect(generateRequests(org, { seed: 1, now: NOW })).toEqual(requests);
    const other = generateRequests(org, { seed: 2, now: NOW });
    expect(other.map(r => r.id)).not.toEqual(requests.map(r => r.id));
    // a week later: the same records for the days both cover, those open then may have closed
    const later = generateRequests(org, { seed: 1, now: new Date(nowMs + 7 * DAY).toISOString() });
    const byId = new Map(later.map(r => [r.id, r]));
    const shared = requests.filter(r => Date.parse(r.openedAt) >= nowMs - 350 * DAY);
    const opened = (r: GeneratedRequest) => ({ ...r, closedAt: undefined });
    for (const r of shared) {
      const again = byId.get(r.id)!;
      expect(opened(again)).toEqual(opened(r));
      // what was closed stays closed as it was
      expect(again.closedAt).toBe(r.closedAt ?? again.closedAt);
    }
  });

  it('leaves requests open whose fulfilment ends after now', () => {
    const early = generateRequests(org, { seed: 1, now: '2026-03-04T12:00:00.000Z' });
    const open = early.filter(r => !r.closedAt);
    expect(open.length).toBeGreaterThan(0);
    // ticket times of days: the open ones were opened in the last weeks
    expect(open.every(r => Date.parse(r.openedAt) > Date.parse('2026-02-04T12:00:00Z'))).toBe(true);
    expect(early.every(r => !r.closedAt || r.closedAt <= '2026-03-04T12:00:00.000Z')).toBe(true);
  });
});

describe('selfServiceShare', () => {
  const launch = Date.parse('2026-05-06T00:00:00Z');
  const onPath = { adoptedAt: '2026-05-10T00:00:00Z' };

  it('rises after the action ships, faster for quick teams, lower off the golden path', () => {
    expect(selfServiceShare('database', { profile: 'elite' }, onPath, launch, launch - DAY)).toBeLessThan(0.05);
    const elite = selfServiceShare('database', { profile: 'elite' }, onPath, launch, launch + 90 * DAY);
    const struggling = selfServiceShare('database', { profile: 'struggling' }, onPath, launch, launch + 90 * DAY);
    const offPath = selfServiceShare('database', { profile: 'elite' }, {}, launch, launch + 90 * DAY);
    expect(elite).toBeGreaterThan(0.7);
    expect(struggling).toBeLessThan(elite);
    expect(offPath).toBeCloseTo(elite * 0.6, 5);
    // access: nothing new until its flow ships months after the launch, whatever the path
    expect(selfServiceShare('access', { profile: 'elite' }, onPath, launch, launch + 100 * DAY)).toBe(0.02);
    expect(selfServiceShare('access', { profile: 'elite' }, {}, launch, launch + 200 * DAY)).toBeGreaterThan(0.4);
  });
});

describe('requestsOfPlan', () => {
  it('takes the plan’s history and source', () => {
    const plan = planEvents({ seed: 1, now: NOW, scale: { entities: 70 } });
    const requests = requestsOfPlan(plan);
    expect(plan.source).toBe('demo-synthetic');
    expect(requests.every(r => r.source === 'demo-synthetic')).toBe(true);
    expect(requests.every(r => r.openedAt >= plan.from && r.openedAt < plan.now)).toBe(true);
  });
});

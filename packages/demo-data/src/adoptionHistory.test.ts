import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { contractViolation } from './__testUtils__/apiContract';
import {
  generateAdoptionHistory,
  GeneratedAdoptionSnapshot,
  statusAt,
} from './adoptionHistory';
import { DEMO_EPOCH, generateOrg } from './org';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');
const DAY = 86_400_000;
const org = generateOrg();
const history = generateAdoptionHistory(org, { now: DEMO_EPOCH });
const rate = (s: GeneratedAdoptionSnapshot) =>
  s.eligible - s.exceptions > 0
    ? s.adopted / (s.eligible - s.exceptions)
    : null;
const orgTrend = history.filter(s => s.scope === 'org');

type Counts = Pick<
  GeneratedAdoptionSnapshot,
  'adopted' | 'eligible' | 'exceptions'
>;

/**
 * What the catalog sync measures for the demo catalog (examples/*.yaml),
 * by the documented default rules (docs/metrics.md §6): a Component of type
 * service or website is eligible; adopted with `backstage.io/source-template`
 * (or `platform-metrics.io/golden-path: "true"`), else an exception with
 * `platform-metrics.io/golden-path-exception`; counted in the org, its owner,
 * its System and that System's Domain.
 */
function measuredFromCatalog(): Map<string, Counts> {
  const read = (name: string) =>
    parseAllDocuments(fs.readFileSync(path.join(EXAMPLES, name), 'utf8')).map(
      d => d.toJSON() as any,
    );
  const domainOf = new Map(
    read('systems.yaml')
      .filter(e => e.kind === 'System')
      .map(e => [
        `system:default/${e.metadata.name}`,
        `domain:default/${e.spec.domain}`,
      ]),
  );
  const counts = new Map<string, Counts>();
  for (const e of read('components.yaml').filter(x => x.kind === 'Component')) {
    const annotations = e.metadata.annotations ?? {};
    const system = `system:default/${e.spec.system}`;
    const scopes = [
      'org',
      e.spec.owner,
      system,
      ...(domainOf.has(system) ? [domainOf.get(system)!] : []),
    ];
    for (const scope of scopes) {
      const n = counts.get(scope) ?? { adopted: 0, eligible: 0, exceptions: 0 };
      counts.set(scope, n);
      if (!['service', 'website'].includes(e.spec.type)) continue;
      n.eligible++;
      if (
        annotations['backstage.io/source-template'] !== undefined ||
        annotations['platform-metrics.io/golden-path'] === 'true'
      )
        n.adopted++;
      else if (
        annotations['platform-metrics.io/golden-path-exception'] !== undefined
      )
        n.exceptions++;
    }
  }
  return counts;
}

describe('generateAdoptionHistory', () => {
  it('gives a snapshot per day of the twelve months before now, of the org and each team, system and domain', () => {
    const days = [...new Set(history.map(s => s.day))];
    expect(days).toHaveLength(365);
    expect(days[0]).toBe('2025-11-22');
    // the day of `now` is the catalog sync's to measure
    expect(days[days.length - 1]).toBe('2026-11-21');
    const scopes = new Set(
      history.filter(s => s.day === '2026-11-21').map(s => s.scope),
    );
    const owners = new Set(
      org.components
        .filter(c => c.inCatalog)
        .map(c => `group:default/${c.owner}`),
    );
    expect(owners.size).toBe(8);
    expect(scopes).toEqual(
      new Set([
        'org',
        ...owners,
        ...org.systems.map(s => `system:default/${s.name}`),
        ...org.domains.map(d => `domain:default/${d.name}`),
      ]),
    );
    for (const s of history) {
      expect(s.adopted + s.exceptions).toBeLessThanOrEqual(s.eligible);
    }
  });

  it('is what POST /adoption-snapshots accepts, in batches of 1000', () => {
    for (let i = 0; i < history.length; i += 1000) {
      expect(
        contractViolation('adoption-snapshots', {
          snapshots: history.slice(i, i + 1000),
        }),
      ).toBeUndefined();
    }
  });

  it('ends at what the catalog sync measures today for the demo catalog: the trend joins it without a jump', () => {
    const last = new Map(
      history.filter(s => s.day === '2026-11-21').map(s => [s.scope, s]),
    );
    const measured = measuredFromCatalog();
    expect([...last.keys()].sort()).toEqual([...measured.keys()].sort());
    for (const [scope, counts] of measured) {
      const { adopted, eligible, exceptions } = last.get(scope)!;
      expect({ scope, adopted, eligible, exceptions }).toEqual({
        scope,
        ...counts,
      });
    }
    expect(rate(last.get('org')!)).toBeGreaterThan(0.5);
  });

  it('has no adoption before the launch (the baseline) and rises after it', () => {
    const launch = org.launchDate.slice(0, 10);
    expect(launch).toBe('2026-05-06');
    const before = orgTrend.filter(s => s.day < launch);
    expect(before.length).toBeGreaterThan(150);
    expect(before.every(s => s.adopted === 0 && s.exceptions === 0)).toBe(true);
    // the platform team's own services go first, on the day of the launch
    const first = history.find(
      s => s.scope === 'group:default/platform' && s.day === launch,
    )!;
    expect(first.adopted).toBe(3);
    // adoption only grows; the rate rises month over month from the launch (new services may dip it for a day)
    orgTrend
      .slice(1)
      .forEach((s, i) =>
        expect(s.adopted).toBeGreaterThanOrEqual(orgTrend[i].adopted),
      );
    const monthly = orgTrend
      .filter(s => s.day >= launch && s.day.endsWith('-06'))
      .map(s => rate(s)!);
    expect(monthly.length).toBe(7);
    expect(monthly[0]).toBeLessThan(0.15);
    expect(monthly[monthly.length - 1]).toBeGreaterThan(0.55);
    expect(monthly.every((r, i) => i === 0 || r >= monthly[i - 1] - 0.02)).toBe(
      true,
    );
  });

  it('counts a component from its creation and as adopted from its adoption', () => {
    const fraud = org.components.find(c => c.name === 'fraud-detection')!;
    const launchMs = Date.parse(org.launchDate);
    const createdMs = Date.parse(fraud.createdAt!);
    expect(statusAt(fraud, launchMs, createdMs - 1)).toBe('absent');
    expect(statusAt(fraud, launchMs, createdMs)).toBe('adopted');
    const bridge = org.components.find(
      c => c.name === 'mainframe-order-bridge',
    )!;
    expect(statusAt(bridge, launchMs, launchMs - 1)).toBe('not-adopted');
    expect(statusAt(bridge, launchMs, launchMs)).toBe('exception');
    const sdk = org.components.find(c => c.type === 'library')!;
    expect(statusAt(sdk, launchMs, launchMs)).toBe('not-eligible');
  });

  it('is deterministic and keeps the days two runs share', () => {
    const later = generateAdoptionHistory(org, {
      now: new Date(Date.parse(DEMO_EPOCH) + 10 * DAY).toISOString(),
    });
    const shared = (list: GeneratedAdoptionSnapshot[]) =>
      list.filter(s => s.day >= '2025-12-02' && s.day <= '2026-11-21');
    expect(shared(later)).toEqual(shared(history));
    expect(generateAdoptionHistory(org, { now: DEMO_EPOCH })).toEqual(history);
    expect(() => generateAdoptionHistory(org, { now: 'never' })).toThrow(
      /invalid now/,
    );
  });
});

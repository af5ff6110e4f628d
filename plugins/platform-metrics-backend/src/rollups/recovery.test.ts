import { DeploymentRow, IncidentRow } from '../database/EventStore';
import { BENCHMARK_PROFILES } from '../benchmarks';
import { failedDeploymentRecoveryTime } from '../metrics/recovery';
import { rollupEntity } from './rollupEntity';

const E = 'component:default/payments';
const H = 3600 * 1000;
const T0 = Date.parse('2026-03-02T00:00:00Z');

const dep = (id: string, hours: number, over: Partial<DeploymentRow> = {}): DeploymentRow => ({
  source: 'api',
  id,
  entityRef: E,
  environment: 'production',
  status: 'succeeded',
  finishedAt: T0 + hours * H,
  type: 'standard',
  remediates: null,
  version: null,
  commitSha: null,
  changeCount: 0,
  ...over,
});
const inc = (id: string, opened: number, resolved: number | null, causedBy: string | null = null): IncidentRow => ({
  source: 'api',
  id,
  entityRef: E,
  openedAt: T0 + opened * H,
  resolvedAt: resolved === null ? null : T0 + resolved * H,
  severity: null,
  causedBy,
});

describe('failed deployment recovery time (metrics.md §4b)', () => {
  const settings = { incidentAttribution: 'nearest-deployment' as const };

  it('takes the earliest of an attributed incident resolution and a remediating deployment', () => {
    const rollup = rollupEntity(
      E,
      {
        deployments: [
          dep('d1', 1), // incident opened at 2, resolved at 5; remediated at 3 -> 2 h
          dep('fix1', 3, { type: 'rollback', remediates: 'd1' }),
          dep('d2', 10), // named by an incident resolved at 14 -> 4 h
          dep('d3', 30), // nearest-deployment incident still open -> open
          dep('d4', 50), // never failed
        ],
        firstChanges: [],
        incidents: [inc('i1', 2, 5), inc('i2', 12, 14, 'd2'), inc('i3', 31, null)],
      },
      settings,
    );
    const day1 = rollup.days.find(d => d.day === T0)!;
    expect(day1.failed).toBe(2);
    expect(day1.recoveries).toEqual([2 * 3600, 4 * 3600]);
    expect(day1.unrecovered).toBe(0);
    const day2 = rollup.days.find(d => d.day === T0 + 24 * H)!;
    expect(day2).toMatchObject({ failed: 1, recoveries: [], unrecovered: 1 });

    const metric = failedDeploymentRecoveryTime([{ entityRef: E, days: rollup.days, open: 0 }], {
      profile: BENCHMARK_PROFILES['dora-2021'],
      minSamples: 2,
    });
    expect(metric).toEqual({ median: 3 * 3600, p90: 4 * 3600, n: 2, tier: 'high', open: 1 });
  });

  it('is insufficient data below minSamples, and null without recoveries', () => {
    const metric = failedDeploymentRecoveryTime([], { profile: BENCHMARK_PROFILES['dora-2021'], minSamples: 3 });
    expect(metric).toEqual({ median: null, p90: null, n: 0, tier: 'insufficient-data', open: 0 });
  });
});

import { npsBand } from '@platform-metrics/plugin-platform-metrics-common';
import { computeNps } from './nps';
import { median, medianAndPercentile, percentileNearestRank } from './stats';
import { BENCHMARK_PROFILES } from '../benchmarks';
import { overallTier, tierFor } from './tiers';

const H = 3600;
const D = 24 * H;
const p2021 = BENCHMARK_PROFILES['dora-2021'];
const p2023 = BENCHMARK_PROFILES['dora-2023'];

describe('median and nearest-rank p90', () => {
  it('takes the mean of the two middle values for an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });

  it('returns the smallest value that at least 90% do not exceed', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileNearestRank(ten, 90)).toBe(9);
    expect(percentileNearestRank([...ten, 11], 90)).toBe(10);
    expect(percentileNearestRank([7], 90)).toBe(7);
    expect(percentileNearestRank([], 90)).toBeNull();
  });

  it('orders numerically, not as text', () => {
    expect(median([100, 9, 10])).toBe(10);
    expect(percentileNearestRank([100, 9, 10, 20, 3000], 90)).toBe(3000);
  });

  it('agrees with sorting on random inputs, with and without repeated values', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 60);
      const spread = round % 3 === 0 ? 4 : 1e6; // every third input has many ties
      const values = Array.from({ length: n }, () => Math.floor(random() * spread) / 7);
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(n / 2);
      const expectedMedian = n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
      const expectedP90 = sorted[Math.max(1, Math.ceil(0.9 * n)) - 1];
      expect(medianAndPercentile(Float64Array.from(values), 90)).toEqual({
        median: expectedMedian,
        percentile: expectedP90,
      });
    }
    expect(medianAndPercentile(new Float64Array(0), 90)).toEqual({ median: null, percentile: null });
  });
});

describe('tierFor', () => {
  it.each([
    ['deploymentFrequency', 1, 'elite'],
    ['deploymentFrequency', 0.999, 'high'],
    ['deploymentFrequency', 1 / 7, 'high'],
    ['deploymentFrequency', 1 / 30, 'medium'],
    ['deploymentFrequency', 1 / 31, 'low'],
    ['leadTime', H - 1, 'elite'],
    ['leadTime', H, 'high'],
    ['leadTime', 7 * D, 'medium'],
    ['leadTime', 182 * D - 1, 'medium'],
    ['leadTime', 182 * D, 'low'],
    ['changeFailureRate', 0.15, 'elite'],
    ['changeFailureRate', 0.2, 'high'],
    ['changeFailureRate', 0.3, 'medium'],
    ['changeFailureRate', 0.31, 'low'],
    ['timeToRestore', H, 'high'],
    ['timeToRestore', D, 'medium'],
    ['timeToRestore', 7 * D, 'low'],
  ] as const)('dora-2021 %s %p is %s', (metric, value, tier) => {
    expect(tierFor(metric, value, 10, p2021, 3)).toBe(tier);
  });

  it.each([
    ['leadTime', D - 1, 'elite'],
    ['leadTime', 29 * D, 'medium'],
    ['leadTime', 30 * D, 'low'],
    ['changeFailureRate', 0.05, 'elite'],
    ['changeFailureRate', 0.1, 'high'],
    ['changeFailureRate', 0.15, 'medium'],
    ['changeFailureRate', 0.16, 'low'],
  ] as const)('dora-2023 %s %p is %s', (metric, value, tier) => {
    expect(tierFor(metric, value, 10, p2023, 3)).toBe(tier);
  });

  it('is insufficient-data below minSamples or without a value', () => {
    expect(tierFor('leadTime', 10, 2, p2021, 3)).toBe('insufficient-data');
    expect(tierFor('leadTime', null, 10, p2021, 3)).toBe('insufficient-data');
    expect(tierFor('leadTime', 10, 3, p2021, 3)).toBe('elite');
  });

  it('takes the worst tier that has data as the overall tier', () => {
    expect(overallTier(['elite', 'insufficient-data', 'medium', 'high'])).toBe('medium');
    expect(overallTier(['insufficient-data', 'insufficient-data'])).toBe('insufficient-data');
    expect(overallTier(['low', 'elite'])).toBe('low');
  });
});

describe('NPS', () => {
  it('counts promoters 9-10, passives 7-8 and detractors 0-6', () => {
    expect(computeNps([10, 9, 8, 7, 6, 0])).toEqual({ score: 0, n: 6, promoters: 2, passives: 2, detractors: 2 });
    expect(computeNps([])).toEqual({ score: null, n: 0, promoters: 0, passives: 0, detractors: 0 });
    expect(computeNps([10, 10]).score).toBe(100);
    expect(computeNps([0]).score).toBe(-100);
  });

  it('rounds halves up like Math.round', () => {
    // 1 promoter, 7 others passive: 12.5 -> 13
    expect(computeNps([9, 7, 7, 7, 7, 7, 7, 7]).score).toBe(13);
    // 1 detractor, 7 passive: -12.5 -> -12
    expect(computeNps([6, 7, 7, 7, 7, 7, 7, 7]).score).toBe(-12);
    // 1 of 2 detractor, 1 passive: -50; no negative zero
    expect(Object.is(computeNps([9, 0, 8, 8]).score, 0)).toBe(true);
  });

  it.each([
    [-100, 'critical'],
    [-21, 'critical'],
    [-20, 'poor'],
    [-1, 'poor'],
    [0, 'acceptable'],
    [19, 'acceptable'],
    [20, 'good'],
    [49, 'good'],
    [50, 'amazing'],
    [79, 'amazing'],
    [80, 'top-percentile'],
    [100, 'top-percentile'],
  ] as const)('band of %p is %s', (score, band) => {
    expect(npsBand(score)).toBe(band);
  });

  it('has no band without responses', () => {
    expect(npsBand(null)).toBeNull();
  });
});

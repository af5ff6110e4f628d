import {
  binomialTestTwoSided,
  erfc,
  mannWhitneyU,
  poissonRateTest,
  twoProportionZ,
  twoSidedNormalP,
} from './significance';

/*
 * Reference values: R (`wilcox.test(exact = FALSE)`, `prop.test(correct =
 * FALSE)`, `binom.test`, `poisson.test`) and SciPy 1.17 (`mannwhitneyu(method
 * = "asymptotic")`, `binomtest`), which agree on all of them.
 */

describe('the normal distribution', () => {
  it.each([
    [0, 1],
    [1.959964, 0.05],
    [2.575829, 0.01],
    [1, 0.3173105],
    [-1, 0.3173105],
    [4, 6.334248e-5],
  ])('two-sided p of z = %p is %p', (z, p) => {
    expect(twoSidedNormalP(z)).toBeCloseTo(p, 6);
    expect(Math.abs(twoSidedNormalP(z) - p) / p).toBeLessThan(1e-5);
  });

  it('erfc is 2 - erfc of the negative', () => {
    expect(erfc(0.5) + erfc(-0.5)).toBeCloseTo(2, 12);
  });
});

describe('mannWhitneyU', () => {
  it('matches the textbook example without ties', () => {
    // U of the first sample = 17, z with continuity correction = 1.5922
    const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]);
    expect(r.u).toBe(17);
    expect(r.pValue).toBeCloseTo(0.1113469, 6);
  });

  it('corrects the variance for ties', () => {
    const r = mannWhitneyU([1, 2, 2, 3, 3, 3, 4, 5], [3, 4, 4, 5, 5, 6, 7, 7, 8]);
    expect(r.u).toBe(7.5);
    expect(r.pValue).toBeCloseTo(0.00637313, 7);
  });

  it('compares lead times in seconds, symmetric in its samples', () => {
    const before = [3600, 7200, 5400, 9000, 10800, 14400];
    const after = [1800, 2400, 3000, 3600, 4200, 1200, 600];
    const r = mannWhitneyU(before, after);
    expect(r.u).toBe(40.5);
    expect(r.pValue).toBeCloseTo(0.00656735, 7);
    expect(mannWhitneyU(after, before).pValue).toBeCloseTo(r.pValue!, 12);
    expect(r.statistic).toBeGreaterThan(0);
  });

  it('answers 1 when every value is tied, and null for an empty sample', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5]).pValue).toBe(1);
    expect(mannWhitneyU([], [1, 2]).pValue).toBeNull();
  });

  it('ranks runs of equal values shared between the samples by their midrank (U from the definition)', () => {
    // U of x = the pairs (xi, yj) with xi > yj, plus half of the tied pairs
    const pair = (xi: number, yj: number) => {
      if (xi === yj) return 0.5;
      return xi > yj ? 1 : 0;
    };
    const uByDefinition = (x: number[], y: number[]) =>
      x.reduce((u, xi) => u + y.reduce((s, yj) => s + pair(xi, yj), 0), 0);
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) % 12; // few distinct values: many ties
    for (let round = 0; round < 20; round++) {
      const x = Array.from({ length: 5 + round * 3 }, next);
      const y = Array.from({ length: 40 - round }, next);
      expect(mannWhitneyU(x, y).u).toBeCloseTo(uByDefinition(x, y), 9);
    }
  });

  it('refuses a sample holding NaN rather than ranking it', () => {
    expect(() => mannWhitneyU([1, NaN], [2, 3])).toThrow(RangeError);
  });
});

describe('twoProportionZ', () => {
  it.each([
    [45, 100, 56, 100, 1.5557127, 0.11977642],
    [12, 80, 3, 75, -2.3148588, 0.02062066],
  ])('%p/%p against %p/%p: z = %p, p = %p', (x1, n1, x2, n2, z, p) => {
    const r = twoProportionZ(x1, n1, x2, n2);
    expect(r.statistic).toBeCloseTo(z, 6);
    expect(r.pValue).toBeCloseTo(p, 6);
  });

  it('answers 1 without variance and null without trials', () => {
    expect(twoProportionZ(0, 10, 0, 12).pValue).toBe(1);
    expect(twoProportionZ(10, 10, 12, 12).pValue).toBe(1);
    expect(twoProportionZ(0, 0, 1, 3).pValue).toBeNull();
  });
});

describe('the exact binomial and the Poisson rate test', () => {
  it.each([
    [3, 20, 0.5, 0.002576828],
    [10, 40, 0.5, 0.002221434],
    [0, 5, 0.5, 0.0625],
    [5, 10, 0.5, 1],
  ])('binom.test(%p, %p, %p) = %p', (k, n, p, expected) => {
    expect(binomialTestTwoSided(k, n, p)).toBeCloseTo(expected, 8);
  });

  it("matches R's poisson.test(c(11, 6 + 8 + 7), c(800, 1083 + 1050 + 878))", () => {
    expect(poissonRateTest(11, 800, 21, 3011).pValue).toBeCloseTo(0.07966863, 7);
  });

  it('compares deploys in two windows of 30 days (90 against 60)', () => {
    expect(poissonRateTest(90, 30, 60, 30).pValue).toBeCloseTo(0.01759769, 7);
  });

  it('answers 1 without events and null without exposure', () => {
    expect(poissonRateTest(0, 30, 0, 30).pValue).toBe(1);
    expect(poissonRateTest(3, 30, 0, 0).pValue).toBeNull();
  });

  it('stays finite for thousands of events', () => {
    const p = poissonRateTest(5000, 90, 5400, 90).pValue!;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.01);
  });
});

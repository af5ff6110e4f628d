/**
 * Two-sample significance tests of the before/after comparison
 * (docs/metrics.md §11): pure functions over plain numbers. Every test is
 * two-sided and answers `null` for its p-value when it cannot be computed
 * (an empty sample, no exposure).
 */

/**
 * The complementary error function, by the Chebyshev fit of Numerical
 * Recipes (`erfcc`): fractional error below 1.2e-7 everywhere.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal statistic: P(|Z| >= |z|). */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

export interface TestResult {
  /** The test statistic (z, or the count for the exact test). */
  statistic: number | null;
  pValue: number | null;
}

/**
 * Mann-Whitney U test of two independent samples, by the normal
 * approximation with the tie correction of the variance and a continuity
 * correction of 0.5 (as R's `wilcox.test(exact = FALSE)` and SciPy's
 * `mannwhitneyu(method = "asymptotic")`). `statistic` is U of the first
 * sample; the p-value is 1 when every value is tied.
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>): TestResult & { u: number | null } {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) return { statistic: null, u: null, pValue: null };
  const n = n1 + n2;
  // each sample sorted on its own (a typed array sorts numerically, without
  // a comparator), then merged: the ranks of a run of equal values are
  // shared, whichever sample each came from
  const a = Float64Array.from(x).sort();
  const b = Float64Array.from(y).sort();
  let rankSumX = 0;
  let ties = 0; // sum of t^3 - t over groups of tied values
  let ranked = 0; // values ranked so far
  for (let i = 0, j = 0; i < n1 || j < n2; ) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    let inX = 0;
    while (i < n1 && a[i] === v) {
      i++;
      inX++;
    }
    let t = inX;
    while (j < n2 && b[j] === v) {
      j++;
      t++;
    }
    // NaN equals nothing, itself included: it can be neither ranked nor skipped
    if (t === 0) throw new RangeError('mannWhitneyU: a sample holds NaN');
    rankSumX += inX * (ranked + (t + 1) / 2); // ranks start at 1
    ties += t * t * t - t;
    ranked += t;
  }
  const u = rankSumX - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)));
  if (variance <= 0) return { statistic: 0, u, pValue: 1 };
  const z = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
  return { statistic: Math.sign(u - mean) * z, u, pValue: twoSidedNormalP(z) };
}

/**
 * Two-proportion z test of `x1` of `n1` against `x2` of `n2` with the pooled
 * proportion (R's `prop.test(correct = FALSE)`, whose chi-square is z²).
 * `statistic` is z of the second proportion minus the first; the p-value is
 * 1 when both proportions are 0 or both 1 (no variance).
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): TestResult {
  if (n1 === 0 || n2 === 0) return { statistic: null, pValue: null };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { statistic: 0, pValue: 1 };
  const z = (x2 / n2 - x1 / n1) / se;
  return { statistic: z, pValue: twoSidedNormalP(z) };
}

/**
 * Exact two-sided binomial test of `k` successes in `n` trials against
 * probability `p`: the sum of the probabilities of the outcomes no more
 * likely than the observed one (with R's relative tolerance 1e-7), as R's
 * `binom.test` and SciPy's `binomtest`. Probabilities are summed in log
 * space, linear in `n`.
 */
export function binomialTestTwoSided(k: number, n: number, p: number): number {
  if (n === 0) return 1;
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  const logRatio = Math.log(p) - Math.log(1 - p);
  const logPmf = new Float64Array(n + 1);
  logPmf[0] = n * Math.log(1 - p);
  for (let i = 0; i < n; i++) logPmf[i + 1] = logPmf[i] + Math.log((n - i) / (i + 1)) + logRatio;
  const threshold = logPmf[k] + Math.log(1 + 1e-7);
  let sum = 0;
  for (let i = 0; i <= n; i++) if (logPmf[i] <= threshold) sum += Math.exp(logPmf[i]);
  return Math.min(1, sum);
}

/**
 * Poisson rate test of `k1` events in exposure `t1` against `k2` in `t2`
 * (rates `k / t`), conditional on the total: under equal rates `k2` given
 * `k1 + k2` is binomial with probability `t2 / (t1 + t2)` (R's
 * `poisson.test(c(k1, k2), c(t1, t2))`). `statistic` is `k2`.
 */
export function poissonRateTest(k1: number, t1: number, k2: number, t2: number): TestResult {
  if (t1 <= 0 || t2 <= 0) return { statistic: null, pValue: null };
  return { statistic: k2, pValue: binomialTestTwoSided(k2, k1 + k2, t2 / (t1 + t2)) };
}

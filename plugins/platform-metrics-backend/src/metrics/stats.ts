function medianOfThree(x: number, y: number, z: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}

/**
 * Rearranges `a` so that `a[k]` holds the value it would hold if `a` were
 * sorted ascending, with no larger value before it and no smaller one after
 * it; returns that value. Quickselect with a three-way partition (so runs of
 * equal values cost nothing): linear time on average, where a sort would
 * take n log n.
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else {
        i++;
      }
    }
    // now a[lo..lt) < pivot, a[lt..gt] = pivot, a(gt..hi] > pivot
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return a[k];
  }
  return a[k];
}

/**
 * The exact median and the nearest-rank `p`th percentile of `values`
 * (both `null` for none), in linear time. Reorders `values`.
 */
export function medianAndPercentile(
  values: Float64Array,
  p: number,
): { median: number | null; percentile: number | null } {
  const n = values.length;
  if (n === 0) return { median: null, percentile: null };
  const percentile = select(values, Math.max(1, Math.ceil((p / 100) * n)) - 1);
  const mid = n >>> 1;
  if (n % 2 === 1) return { median: select(values, mid), percentile };
  // even: the mean of the two middle values; after selecting the lower one,
  // the upper one is the smallest value after it
  const lower = select(values, mid - 1);
  let upper = Infinity;
  for (let i = mid; i < n; i++) if (values[i] < upper) upper = values[i];
  return { median: (lower + upper) / 2, percentile };
}

/**
 * Exact median: the middle value, or the mean of the two middle values for
 * an even count. `null` for no values.
 */
export function median(values: ArrayLike<number>): number | null {
  return medianAndPercentile(Float64Array.from(values), 50).median;
}

/**
 * Nearest-rank percentile: the smallest value that at least `p`% of the
 * values do not exceed. `null` for no values.
 */
export function percentileNearestRank(values: ArrayLike<number>, p: number): number | null {
  return medianAndPercentile(Float64Array.from(values), p).percentile;
}

/**
 * Order statistics without a full sort: the split's rank selection over
 * millions of timestamps and the many interval evaluations of a test
 * inversion (`contrast.ts`).
 *
 * @module
 */

/**
 * The `r`-th smallest value (0-based) of `a`, reordering `a` in place:
 * iterative quickselect with a median-of-three pivot, O(n) expected, so that
 * 35M timestamps (the split) or many interval evaluations (the lift
 * interval's inversion) need no full sort.
 *
 * @example
 * ```ts
 * import { nthSmallest } from "./select.ts";
 * if (nthSmallest(new Float64Array([5, 1, 4, 2, 3]), 1) !== 2) throw new Error();
 * ```
 */
export function nthSmallest(a: Float64Array, r: number): number {
  let lo = 0, hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three to a[mid]
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (r <= j) hi = j;
    else if (r >= i) lo = i;
    else return a[r];
  }
  return a[r];
}

/**
 * The quantile `q` of `a` exactly as `quantileSorted` gives it on the sorted
 * values (linear interpolation at `(n − 1)·q`), in O(n); reorders `a`.
 *
 * @example
 * ```ts
 * import { quantileInPlace } from "./select.ts";
 * // numpy.percentile([1, 2, 4, 8], 50) = 3.0
 * if (quantileInPlace(Float64Array.of(8, 1, 4, 2), 0.5) !== 3) throw new Error();
 * ```
 */
export function quantileInPlace(a: Float64Array, q: number): number {
  const n = a.length;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const x = nthSmallest(a, lo);
  if (lo + 1 >= n) return x;
  let y = Infinity;
  for (let i = lo + 1; i < n; i++) if (a[i] < y) y = a[i];
  const t = h - lo;
  const diff = y - x;
  return t >= 0.5 ? y - diff * (1 - t) : x + diff * t;
}

function swap(a: Float64Array, i: number, j: number): void {
  const x = a[i];
  a[i] = a[j];
  a[j] = x;
}

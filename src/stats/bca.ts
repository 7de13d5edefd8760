/**
 * Percentile and BCa (bias-corrected and accelerated) bootstrap confidence
 * intervals from bootstrap replicates, computed exactly as
 * `scipy.stats.bootstrap` does (Efron & Tibshirani 1993, §14.3 and eq. 14.15).
 *
 * @module
 */
import { normalCdf, normalQuantile } from "./distributions.ts";

/**
 * A two-sided confidence interval `[lo, hi]`, the one interval type of
 * abreplay (bootstrap results, the rows of a comparison, the report). A
 * bound may be infinite (a lift interval with no finite limit on that side);
 * JSON writes it as `null`, read back as −∞ in first place and +∞ in second.
 */
export type Interval = [lo: number, hi: number];

/** Percentile and BCa intervals of one statistic, with the BCa ingredients. */
export interface BootstrapIntervals {
  /** Percentile interval: the α/2 and 1−α/2 quantiles of the replicates. */
  percentile: Interval;
  /** BCa interval. */
  bca: Interval;
  /** Bias correction `z0 = Φ⁻¹(share of replicates below the estimate)`, ties counted half. */
  z0: number;
}

/**
 * Quantile `q ∈ [0, 1]` of sorted values with linear interpolation between
 * order statistics at position `(B − 1)·q` (NumPy's default `method="linear"`,
 * including its symmetric interpolation formula).
 *
 * @example
 * ```ts
 * import { quantileSorted } from "./bca.ts";
 * // numpy.percentile([1, 2, 4, 8], 50) = 3.0
 * if (quantileSorted(Float64Array.of(1, 2, 4, 8), 0.5) !== 3) throw new Error();
 * ```
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantileSorted: sorted must not be empty");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileSorted: q must be in [0, 1], got ${q}`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo], b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * BCa acceleration from jackknife influence values `U_ji` of each independent
 * sample j (one sample for a one-sample or paired statistic, one per arm for an
 * unpaired one): `a = Σ_j Σ_i U_ji³ / n_j³ / (6 · (Σ_j Σ_i U_ji² / n_j²)^{3/2})`,
 * with `U_ji = (n_j − 1)(θ̄_j· − θ_(j,i))` from leave-one-out estimates θ_(j,i).
 * For a mean, `U_i = x_i − x̄`. Returns 0 when every influence value is 0.
 *
 * @example
 * ```ts
 * import { jackknifeAcceleration } from "./bca.ts";
 * // mean of [1, 2, 6]: U = [-2, -1, 3]; a = (-8 - 1 + 27) / (6 · 14^1.5)
 * const a = jackknifeAcceleration([Float64Array.of(-2, -1, 3)]);
 * if (Math.abs(a - 18 / (6 * 14 ** 1.5)) > 1e-15) throw new Error();
 * ```
 */
export function jackknifeAcceleration(influence: readonly Float64Array[]): number {
  let num = 0, den = 0;
  for (const u of influence) {
    const n = u.length;
    let s2 = 0, s3 = 0;
    for (let i = 0; i < n; i++) {
      const v = u[i];
      s2 += v * v;
      s3 += v * v * v;
    }
    num += s3 / (n * n * n);
    den += s2 / (n * n);
  }
  return den === 0 ? 0 : num / (6 * den ** 1.5);
}

/**
 * Percentile and BCa intervals from replicates θ*_b of a statistic with value
 * `estimate` on the original data. BCa (as in `scipy.stats.bootstrap`):
 * `z0 = Φ⁻¹(p̂)` with p̂ = (#{θ* < θ̂} + #{θ* ≤ θ̂}) / 2B; for `z = z_{α/2}, z_{1−α/2}`
 * the bounds are the quantiles `Φ(z0 + (z0 + z)/(1 − a(z0 + z)))` of the replicates.
 * One guard where SciPy returns NaN: p̂ is clamped to [1/2B, 1 − 1/2B], so an
 * estimate outside every replicate still gives finite bounds. NaN replicates are not allowed.
 *
 * @param replicates the B replicates (not modified; a sorted copy is made)
 * @param estimate the statistic on the original data
 * @param acceleration BCa acceleration, see {@link jackknifeAcceleration}
 * @param confidence two-sided confidence level @default 0.95
 *
 * @example
 * ```ts
 * import { bootstrapIntervals } from "./bca.ts";
 * const reps = Float64Array.from({ length: 101 }, (_, i) => i / 100); // 0, 0.01, …, 1
 * const r = bootstrapIntervals(reps, 0.5, 0, 0.9);
 * // symmetric case: z0 = 0, a = 0, so BCa = percentile = [q05, q95]
 * if (Math.abs(r.percentile[0] - 0.05) > 1e-12 || Math.abs(r.bca[1] - 0.95) > 1e-12) throw new Error();
 * ```
 */
export function bootstrapIntervals(
  replicates: Float64Array,
  estimate: number,
  acceleration: number,
  confidence = 0.95,
): BootstrapIntervals {
  const sorted = sortedReplicates(replicates);
  const alpha = (1 - confidence) / 2;
  const levels = bcaLevels(sorted, estimate, acceleration, confidence);
  // scipy passes percentages to numpy.percentile, which divides by 100 again
  const at = (q: number) => quantileSorted(sorted, (q * 100) / 100);
  return {
    percentile: [at(alpha), at(1 - alpha)],
    bca: [at(levels.lo), at(levels.hi)],
    z0: levels.z0,
  };
}

/**
 * A sorted copy of bootstrap replicates, checked: not empty, no NaN.
 *
 * @example
 * ```ts
 * import { sortedReplicates } from "./bca.ts";
 * if (sortedReplicates(Float64Array.of(3, 1, 2)).join() !== "1,2,3") throw new Error();
 * ```
 */
export function sortedReplicates(replicates: Float64Array): Float64Array {
  const sorted = replicates.slice().sort();
  if (sorted.length === 0) throw new RangeError("replicates must not be empty");
  if (Number.isNaN(sorted[sorted.length - 1])) {
    throw new RangeError("replicates must not contain NaN");
  }
  return sorted;
}

/** The quantile levels of a BCa interval and its bias correction. */
export interface BcaLevels {
  /** Level of the lower bound, `Φ(z0 + (z0 + z_{α/2})/(1 − a(z0 + z_{α/2})))`. */
  lo: number;
  /** Level of the upper bound (same with `z_{1−α/2}`). */
  hi: number;
  /** Bias correction `z0`. */
  z0: number;
}

/**
 * Quantile levels of the BCa interval (Efron & Tibshirani 1993, eq. 14.10):
 * `z0 = Φ⁻¹(p̂)`, p̂ = (#{θ* < θ̂} + #{θ* ≤ θ̂}) / 2B clamped to [1/2B, 1 − 1/2B];
 * level(z) = `Φ(z0 + (z0 + z)/(1 − a(z0 + z)))` for z = z_{α/2} and z_{1−α/2}.
 *
 * @param sorted the B replicates, sorted ascending
 *
 * @example
 * ```ts
 * import { bcaLevels } from "./bca.ts";
 * // estimate at the median, no acceleration: the percentile levels
 * const l = bcaLevels(Float64Array.of(1, 2, 3, 4, 5), 3, 0, 0.9);
 * if (Math.abs(l.lo - 0.05) > 1e-12 || Math.abs(l.hi - 0.95) > 1e-12 || l.z0 !== 0) throw new Error();
 * ```
 */
export function bcaLevels(
  sorted: Float64Array,
  estimate: number,
  acceleration: number,
  confidence = 0.95,
): BcaLevels {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  const b = sorted.length;
  let below = 0, atOrBelow = 0;
  for (let i = 0; i < b; i++) {
    if (sorted[i] < estimate) below++;
    if (sorted[i] <= estimate) atOrBelow++;
  }
  const z0 = midRankZ(below, atOrBelow, b);
  const zLo = normalQuantile((1 - confidence) / 2);
  return {
    lo: bcaLevel(z0, acceleration, zLo),
    hi: bcaLevel(z0, acceleration, -zLo),
    z0,
  };
}

/**
 * `Φ⁻¹` of the mid-rank share `(below + atOrBelow) / 2B` of B replicates,
 * clamped to [1/2B, 1 − 1/2B]: the BCa bias correction z0 when counted against
 * the estimate.
 *
 * @example
 * ```ts
 * import { midRankZ } from "./bca.ts";
 * if (midRankZ(2, 3, 5) !== 0) throw new Error(); // share 1/2
 * ```
 */
export function midRankZ(below: number, atOrBelow: number, b: number): number {
  return normalQuantile(
    Math.min(Math.max((below + atOrBelow) / (2 * b), 1 / (2 * b)), 1 - 1 / (2 * b)),
  );
}

/**
 * BCa quantile level for a normal quantile z: `Φ(z0 + (z0 + z)/(1 − a(z0 + z)))`.
 *
 * @example
 * ```ts
 * import { bcaLevel } from "./bca.ts";
 * if (Math.abs(bcaLevel(0, 0, -1.6448536269514722) - 0.05) > 1e-12) throw new Error();
 * ```
 */
export function bcaLevel(z0: number, acceleration: number, z: number): number {
  const num = z0 + z;
  return normalCdf(z0 + num / (1 - acceleration * num));
}

/**
 * Monte Carlo standard deviation of the bootstrap quantile at level `q` from B
 * sorted replicates: the order statistic at rank ≈ qB has binomial rank
 * uncertainty `sd = √(B q (1 − q))`, so the quantile's Monte Carlo sd is about
 * half the distance between the quantiles at `q ± √(q(1 − q)/B)` (the
 * distribution-free order-statistic interval; Efron & Tibshirani 1993, §19.3
 * discuss this error and the B it calls for).
 *
 * @example
 * ```ts
 * import { quantileMcSd } from "./bca.ts";
 * // 10,001 evenly spaced replicates on [0, 1]: q = 0.5 → √(0.25/10001) ≈ 0.0049997
 * const sorted = Float64Array.from({ length: 10001 }, (_, i) => i / 10000);
 * if (Math.abs(quantileMcSd(sorted, 0.5) - Math.sqrt(0.25 / 10001)) > 1e-6) throw new Error();
 * ```
 */
export function quantileMcSd(sorted: Float64Array, q: number): number {
  const b = sorted.length;
  const s = Math.sqrt((q * (1 - q)) / b);
  const lo = quantileSorted(sorted, Math.max(0, q - s));
  const hi = quantileSorted(sorted, Math.min(1, q + s));
  return (hi - lo) / 2;
}

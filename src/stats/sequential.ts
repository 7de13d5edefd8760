/**
 * Always-valid confidence intervals for a difference of means: the
 * asymptotic confidence sequence of Waudby-Smith et al. ("Time-uniform
 * central limit theory and asymptotic confidence sequences", 2023, eq. 9),
 * which is the mixture SPRT of Johari et al. (KDD 2017) with a normal mixing
 * distribution — the sequential test GrowthBook uses (gbstats,
 * `packages/stats/gbstats/utils.py`: `sequential_rho`,
 * `sequential_interval_halfwidth`). With `n` users in all, the per-user
 * variance `s² = se² · n` of the estimate and the mixing parameter ρ:
 *
 * `halfwidth(n) = s · √( 2 (n ρ² + 1) · ln( √(n ρ² + 1) / α ) / (n ρ)² )`,
 * `ρ = √( (−2 ln α + ln(−2 ln α + 1)) / N )`,
 *
 * where the tuning parameter N is the sample size at which the sequence is
 * tightest (GrowthBook's default 5,000). Peeking at the interval after every
 * batch keeps the chance that it ever excludes a true Δ at most α; a
 * fixed-horizon interval `Δ ± z se` peeked at daily does not.
 *
 * The bound is the mSPRT's rejection boundary in closed form: with the
 * normal likelihood ratio `Λ_n = √(σ²/(σ² + nτ²)) · exp(n² τ² x̄² / (2σ² (σ² + nτ²)))`
 * and ρ = τ/σ, `Λ_n ≥ 1/α` exactly when `|x̄| ≥ halfwidth(n)` (σ = s).
 *
 * @module
 */
import type { Interval } from "./bca.ts";

/**
 * The mixing parameter ρ for level α and tuning parameter N (gbstats'
 * `sequential_rho`).
 *
 * @example
 * ```ts
 * import { sequentialRho } from "./sequential.ts";
 * // (−2 ln 0.05 + ln(−2 ln 0.05 + 1)) / 5000 = (5.991465 + 1.944691) / 5000
 * if (Math.abs(sequentialRho(0.05, 5000) - Math.sqrt(7.936156 / 5000)) > 1e-8) throw new Error();
 * ```
 */
export function sequentialRho(alpha: number, tuning: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(tuning > 0)) throw new RangeError(`tuning parameter must be > 0, got ${tuning}`);
  const l = -2 * Math.log(alpha);
  return Math.sqrt((l + Math.log(l + 1)) / tuning);
}

/**
 * Half-width of the always-valid interval after `n` users in all, for an
 * estimate with standard error `se` (so per-user variance `se² · n`).
 *
 * @example
 * ```ts
 * import { sequentialHalfwidth, sequentialRho } from "./sequential.ts";
 * const rho = sequentialRho(0.05, 5000);
 * // at n = N the interval is 1.5486× as wide as the fixed-horizon one (1.96 se)
 * const w = sequentialHalfwidth(0.01, 5000, 0.05, rho);
 * if (Math.abs(w / (1.959964 * 0.01) - 1.5486) > 1e-4) throw new Error(String(w / 0.0196));
 * ```
 */
export function sequentialHalfwidth(se: number, n: number, alpha: number, rho: number): number {
  if (!(n >= 1)) throw new RangeError(`n must be ≥ 1, got ${n}`);
  const s = se * Math.sqrt(n);
  const nr2 = n * rho * rho;
  return s * Math.sqrt((2 * (nr2 + 1) * Math.log(Math.sqrt(nr2 + 1) / alpha)) / (n * rho) ** 2);
}

/** The always-valid interval `Δ ± halfwidth(n)`. */
export function sequentialInterval(
  delta: number,
  se: number,
  n: number,
  alpha: number,
  rho: number,
): Interval {
  const w = sequentialHalfwidth(se, n, alpha, rho);
  return [delta - w, delta + w];
}

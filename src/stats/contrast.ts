/**
 * Tests of a relative lift `θ = μ_t / μ_c − 1` against a threshold τ through
 * the linear contrast
 *
 *     D_τ = μ_t − (1 + τ) · μ_c = Δ − τ · μ_c,        θ > τ ⟺ D_τ > 0  (μ_c > 0)
 *
 * (Fieller's device: a ratio hypothesis as a difference hypothesis). The
 * contrast is a difference of means, so its bootstrap replicates
 * `Δ*_b − τ · μ*_c,b` and its BCa interval exist even when the control mean is
 * 0 in the data or in some resamples, where the ratio has no interval. The
 * gate decides each rule with {@linkcode contrastAt} at the rule's threshold;
 * {@linkcode liftInterval} inverts the same test over τ, so "the lift interval
 * lies above τ" and "the test at τ passes" are one statement. At τ = 0 the
 * contrast is Δ itself: the lift interval excludes 0 exactly when the Δ
 * interval does.
 *
 * @module
 */
import { normalCdf, normalQuantile } from "./distributions.ts";
import {
  bcaLevel,
  bcaLevels,
  midRankZ,
  quantileMcSd,
  quantileSorted,
  sortedReplicates,
} from "./bca.ts";
import { quantileInPlace } from "./select.ts";

/**
 * Jackknife sums for the BCa acceleration of `D_τ` at any τ. With
 * `a_i = t_i − t̄` and `b_i = c_i − c̄`: paired (one sample of n users),
 * `U_i = a_i − (1+τ) b_i`; unpaired, `U = a` over the test arm and
 * `U = −(1+τ) b` over the control arm. The sums are `Σa²`, `Σab`, … over users.
 */
export interface JackknifeSums {
  /** `Σa²`. */
  aa: number;
  /** `Σab`. */
  ab: number;
  /** `Σb²`. */
  bb: number;
  /** `Σa³`. */
  aaa: number;
  /** `Σa²b`. */
  aab: number;
  /** `Σab²`. */
  abb: number;
  /** `Σb³`. */
  bbb: number;
}

/** A bootstrap of two arm means, as the contrast tests need it. */
export interface ContrastData {
  /** Paired (one resample of users serves both arms) or two independent arms. */
  paired: boolean;
  /** Users of the control arm. */
  nControl: number;
  /** Users of the test arm. */
  nTest: number;
  /** `Δ = μ_t − μ_c` on the data. */
  diff: number;
  /** `μ_c` on the data. */
  control: number;
  /** `Δ*_b` per resample b. */
  diffReps: Float64Array;
  /** `μ*_c,b` per resample b. */
  controlReps: Float64Array;
  /** Jackknife sums for the acceleration, or null for none (a bias-corrected percentile interval). */
  jackknife: JackknifeSums | null;
  /**
   * Users whose values are not all 0 (paired: either arm; unpaired: summed over
   * both arms), the information the interval rests on; undefined when it does
   * not apply (e.g. coverage).
   */
  nonZero?: number;
}

/** The test of `D_τ` at one threshold. */
export interface ContrastTest {
  /** The threshold τ tested. */
  tau: number;
  /** `D_τ` on the data. */
  estimate: number;
  /** Lower bound of the BCa interval of `D_τ` at the requested two-sided confidence. */
  lo: number;
  /** Upper bound of that interval. */
  hi: number;
  /** Monte Carlo sd of `lo` (from the B resamples, see `quantileMcSd`). */
  loMcSd: number;
  /** Monte Carlo sd of `hi`. */
  hiMcSd: number;
  /** One-sided p-value of H0: θ ≤ τ (small when the lower bound clears 0). */
  pAbove: number;
  /** One-sided p-value of H0: θ ≥ τ (small when the upper bound is below 0). */
  pBelow: number;
  /** Smallest attainable p with B resamples (`1/(2B)` before the BCa adjustment). */
  pResolution: number;
}

/**
 * Users carrying a non-zero value: paired, users with a non-zero value in
 * either arm; unpaired, non-zero values of both arms together.
 *
 * @example
 * ```ts
 * import { nonZeroUsers } from "./contrast.ts";
 * if (nonZeroUsers(Float64Array.of(0, 1, 0), Float64Array.of(0, 0, 2), true) !== 2) throw new Error();
 * if (nonZeroUsers(Float64Array.of(0, 1), Float64Array.of(3, 2, 0), false) !== 3) throw new Error();
 * ```
 */
export function nonZeroUsers(control: Float64Array, test: Float64Array, paired: boolean): number {
  let k = 0;
  if (paired) {
    for (let i = 0; i < control.length; i++) if (control[i] !== 0 || test[i] !== 0) k++;
    return k;
  }
  for (let i = 0; i < control.length; i++) if (control[i] !== 0) k++;
  for (let i = 0; i < test.length; i++) if (test[i] !== 0) k++;
  return k;
}

/**
 * Jackknife sums of `a = test − t̄`, `b = control − c̄` (paired: same users, so
 * the cross sums are used; unpaired: arms of any sizes, cross sums 0).
 *
 * @example
 * ```ts
 * import { jackknifeSums } from "./contrast.ts";
 * const j = jackknifeSums(Float64Array.of(0, 0, 3), Float64Array.of(1, 2, 3), true);
 * // a = test − 2 = [-1, 0, 1], b = control − 1 = [-1, -1, 2]: Σab = 1 + 0 + 2 = 3, Σb³ = -1 - 1 + 8 = 6
 * if (j.ab !== 3 || j.bbb !== 6 || j.aa !== 2) throw new Error(JSON.stringify(j));
 * ```
 */
export function jackknifeSums(
  control: Float64Array,
  test: Float64Array,
  paired: boolean,
): JackknifeSums {
  const ct = mean(control), tt = mean(test);
  const s = { aa: 0, ab: 0, bb: 0, aaa: 0, aab: 0, abb: 0, bbb: 0 };
  for (let i = 0; i < test.length; i++) {
    const a = test[i] - tt;
    s.aa += a * a;
    s.aaa += a * a * a;
  }
  for (let i = 0; i < control.length; i++) {
    const b = control[i] - ct;
    s.bb += b * b;
    s.bbb += b * b * b;
    if (paired) {
      const a = test[i] - tt;
      s.ab += a * b;
      s.aab += a * a * b;
      s.abb += a * b * b;
    }
  }
  return s;
}

/**
 * BCa acceleration of `D_τ` from jackknife sums (same formula as
 * `jackknifeAcceleration`, with r = 1 + τ):
 * paired `ΣU³ / (6 (ΣU²)^{3/2})`, `ΣU² = Σa² − 2rΣab + r²Σb²`,
 * `ΣU³ = Σa³ − 3rΣa²b + 3r²Σab² − r³Σb³`; unpaired
 * `(Σa³/n_t³ − r³Σb³/n_c³) / (6 (Σa²/n_t² + r²Σb²/n_c²)^{3/2})`.
 *
 * @example
 * ```ts
 * import { contrastAcceleration, jackknifeSums } from "./contrast.ts";
 * import { jackknifeAcceleration } from "./bca.ts";
 * const c = Float64Array.of(0, 1, 0, 2, 0), t = Float64Array.of(1, 1, 0, 3, 1);
 * // τ = 0.5: influence (t − t̄) − 1.5 (c − c̄), computed directly
 * const u = t.map((v, i) => (v - 1.2) - 1.5 * (c[i] - 0.6));
 * const a = contrastAcceleration(jackknifeSums(c, t, true), true, 5, 5, 0.5);
 * if (Math.abs(a - jackknifeAcceleration([u])) > 1e-12) throw new Error(`${a}`);
 * ```
 */
export function contrastAcceleration(
  j: JackknifeSums,
  paired: boolean,
  nControl: number,
  nTest: number,
  tau: number,
): number {
  const r = 1 + tau;
  let num: number, den: number;
  if (paired) {
    const n = nTest;
    num = (j.aaa - 3 * r * j.aab + 3 * r * r * j.abb - r * r * r * j.bbb) / (n * n * n);
    den = (j.aa - 2 * r * j.ab + r * r * j.bb) / (n * n);
  } else {
    num = j.aaa / nTest ** 3 - (r * r * r * j.bbb) / nControl ** 3;
    den = j.aa / nTest ** 2 + (r * r * j.bb) / nControl ** 2;
  }
  return den > 0 ? num / (6 * den ** 1.5) : 0;
}

/**
 * Tests `θ > τ` and `θ < τ` by the BCa interval of `D_τ = Δ − τ μ_c` at
 * two-sided `confidence`: the lower bound above 0 rejects θ ≤ τ, the upper
 * bound below 0 rejects θ ≥ τ, each at one-sided level (1 − confidence)/2.
 * The p-values invert the same interval: the one-sided level at which its
 * bound reaches 0.
 *
 * @example
 * ```ts
 * import { contrastAt } from "./contrast.ts";
 * // 9 resamples of a lift around +20% on a control mean of 1
 * const diffReps = Float64Array.of(0.1, 0.12, 0.15, 0.18, 0.2, 0.22, 0.25, 0.28, 0.3);
 * const data = { paired: true, nControl: 100, nTest: 100, diff: 0.2, control: 1, diffReps,
 *   controlReps: new Float64Array(9).fill(1), jackknife: null };
 * const t = contrastAt(data, 0.05, 0.8); // D = Δ − 0.05: every replicate is above 0
 * if (!(t.lo > 0) || !(t.pAbove < 0.1) || Math.abs(t.estimate - 0.15) > 1e-12) throw new Error();
 * ```
 */
export function contrastAt(data: ContrastData, tau: number, confidence = 0.95): ContrastTest {
  const reps = contrastReplicates(data, tau);
  const sorted = sortedReplicates(reps);
  const estimate = data.diff - tau * data.control;
  const acc = data.jackknife
    ? contrastAcceleration(data.jackknife, data.paired, data.nControl, data.nTest, tau)
    : 0;
  const levels = bcaLevels(sorted, estimate, acc, confidence);
  const b = sorted.length;
  // One-sided p: the BCa level at which a bound equals 0 (see module doc).
  let below = 0, atOrBelow = 0;
  for (let i = 0; i < b; i++) {
    if (sorted[i] < 0) below++;
    if (sorted[i] <= 0) atOrBelow++;
  }
  const r = midRankZ(below, atOrBelow, b) - levels.z0;
  const denom = 1 + acc * r;
  const z = denom > 0 ? r / denom - levels.z0 : (r > 0 ? Infinity : -Infinity);
  return {
    tau,
    estimate,
    lo: quantileSorted(sorted, levels.lo),
    hi: quantileSorted(sorted, levels.hi),
    loMcSd: quantileMcSd(sorted, levels.lo),
    hiMcSd: quantileMcSd(sorted, levels.hi),
    pAbove: normalCdf(z),
    pBelow: normalCdf(-z),
    pResolution: 1 / (2 * b),
  };
}

/** A lift interval, bounds possibly infinite, with each bound's Monte Carlo sd (lift units). */
export interface LiftInterval {
  /** Lower bound (−Infinity when no finite lift is excluded below). */
  lo: number;
  /** Upper bound (+Infinity when no finite lift is excluded above). */
  hi: number;
  /** Monte Carlo sd of `lo`. */
  loMcSd: number;
  /** Monte Carlo sd of `hi`. */
  hiMcSd: number;
}

/** Search limit: a bound beyond ±1e6 (a lift of ±10⁸ %) is reported as infinite. */
const FAR = 1e6;

/**
 * The lift interval by test inversion: the thresholds τ that
 * {@linkcode contrastAt} rejects in neither direction, `{τ : lo(τ) ≤ 0 ≤ hi(τ)}`,
 * found by bisection (bounds decrease in τ for non-negative metrics). A bound
 * is ±Infinity where no finite τ is rejected (e.g. the control mean is 0 in
 * many resamples); when both arms' resampled means are non-negative the lower
 * bound is at least −1 (a lift below −100% is impossible). Null when the
 * control mean is 0 in the data (no lift).
 * Each bound's Monte Carlo sd is that of the contrast bound divided by `μ_c`.
 *
 * @example
 * ```ts
 * import { liftInterval } from "./contrast.ts";
 * // control mean fixed at 2 in every resample, Δ* spread evenly around 0.2: lift = Δ / 2
 * const diffReps = Float64Array.from({ length: 1001 }, (_, i) => 0.1 + i / 5000);
 * const data = { paired: true, nControl: 50, nTest: 50, diff: 0.2, control: 2, diffReps,
 *   controlReps: new Float64Array(1001).fill(2), jackknife: null };
 * const iv = liftInterval(data, 0.9)!; // [q05, q95] of Δ* = [0.11, 0.29], halved
 * if (Math.abs(iv.lo - 0.055) > 1e-9 || Math.abs(iv.hi - 0.145) > 1e-9) throw new Error(`${iv.lo} ${iv.hi}`);
 * ```
 */
export function liftInterval(data: ContrastData, confidence = 0.95): LiftInterval | null {
  if (!(data.control !== 0) || !Number.isFinite(data.control)) return null;
  const theta = data.diff / data.control;
  const at = (tau: number) => contrastAt(data, tau, confidence);
  const scale = Math.abs(data.control);
  const scratch = new Float64Array(data.diffReps.length);
  const lo = bound(theta, (tau) => bcaBound(data, tau, confidence, "lo", scratch) > 0, -1);
  const hi = bound(theta, (tau) => bcaBound(data, tau, confidence, "hi", scratch) < 0, +1);
  // Non-negative arms (every metric here): θ = μ_t/μ_c − 1 cannot be below −1, so the
  // interval is cut to the parameter space (coverage is unchanged).
  let nonNegative = true;
  for (let b = 0; b < data.diffReps.length && nonNegative; b++) {
    const c = data.controlReps[b];
    nonNegative = c >= 0 && data.diffReps[b] + c >= 0;
  }
  if (nonNegative && lo < -1) {
    return { lo: -1, hi, loMcSd: 0, hiMcSd: Number.isFinite(hi) ? at(hi).hiMcSd / scale : 0 };
  }
  return {
    lo,
    hi,
    loMcSd: Number.isFinite(lo) ? at(lo).loMcSd / scale : 0,
    hiMcSd: Number.isFinite(hi) ? at(hi).hiMcSd / scale : 0,
  };
}

/**
 * The boundary of the set where `rejected(τ)` holds, searched from `start`
 * in `direction` (−1: rejected for small τ; +1: rejected for large τ).
 */
function bound(start: number, rejected: (tau: number) => boolean, direction: -1 | 1): number {
  let inside = start;
  if (rejected(inside)) {
    // The estimate itself is rejected (a degenerate BCa interval): walk the other way.
    let step = Math.max(Math.abs(start), 0.01);
    while (rejected(inside)) {
      inside -= direction * step;
      step *= 2;
      if (Math.abs(inside) > FAR) return -direction * Infinity;
    }
  }
  let step = Math.max(Math.abs(start), 0.01);
  let outside = inside + direction * step;
  while (!rejected(outside)) {
    step *= 2;
    outside = inside + direction * step;
    if (Math.abs(outside) > FAR) return direction * Infinity;
  }
  for (let it = 0; it < 200; it++) {
    const mid = (inside + outside) / 2;
    if (mid === inside || mid === outside) break;
    if (Math.abs(outside - inside) <= 1e-12 * Math.max(1, Math.abs(mid))) break;
    if (rejected(mid)) outside = mid;
    else inside = mid;
  }
  return (inside + outside) / 2;
}

/**
 * One BCa bound of `D_τ`, as `contrastAt` computes it, in O(B) (selection
 * instead of a sort): the hot path of the inversion's bisection.
 */
function bcaBound(
  data: ContrastData,
  tau: number,
  confidence: number,
  side: "lo" | "hi",
  scratch: Float64Array,
): number {
  const { diffReps, controlReps } = data;
  const b = diffReps.length;
  const estimate = data.diff - tau * data.control;
  let below = 0, atOrBelow = 0;
  for (let i = 0; i < b; i++) {
    const v = diffReps[i] - tau * controlReps[i];
    scratch[i] = v;
    if (v < estimate) below++;
    if (v <= estimate) atOrBelow++;
  }
  const acc = data.jackknife
    ? contrastAcceleration(data.jackknife, data.paired, data.nControl, data.nTest, tau)
    : 0;
  const z = normalQuantile((1 - confidence) / 2) * (side === "lo" ? 1 : -1);
  return quantileInPlace(scratch, bcaLevel(midRankZ(below, atOrBelow, b), acc, z));
}

/** `Δ*_b − τ · μ*_c,b` for every resample. */
function contrastReplicates(data: ContrastData, tau: number): Float64Array {
  const { diffReps, controlReps } = data;
  const out = new Float64Array(diffReps.length);
  for (let b = 0; b < out.length; b++) out[b] = diffReps[b] - tau * controlReps[b];
  return out;
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length ? s / x.length : 0;
}

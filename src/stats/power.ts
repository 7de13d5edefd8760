/**
 * Minimum detectable effect, sample size and power for a two-sided z-test of
 * a difference of means (PROTOCOL §6), with `K = z_{1−α/2} + z_{1−β}`:
 * - MDE, unpaired: `K · √(s_c²/n_c + s_t²/n_t)`; paired: `K · s_d / √n`;
 *   relative: divided by |control mean|.
 * - users for a relative MDE r (δ = r·|μ_c|): total `N = K² (s_c²/w_c + s_t²/w_t) / δ²`
 *   split by the arm shares w (equal allocation: `K² (s_c² + s_t²) / δ²` per arm);
 *   paired: `(K s_d / δ)²` users.
 * - power at a standard error se: `Φ(|δ|/se − z_{1−α/2}) + Φ(−|δ|/se − z_{1−α/2})`.
 *
 * @module
 */
import { normalCdf, normalQuantile } from "./distributions.ts";
import { mean, sampleVariance } from "./_moments.ts";

/** Level and power of the planned test. */
export interface PowerOptions {
  /** Two-sided significance level α. @default 0.05 */
  alpha?: number;
  /** Power 1 − β. @default 0.8 */
  power?: number;
}

/** Mean, standard deviation (n − 1) and size of one arm's per-user values. */
export interface ArmSummary {
  /** Mean of the values. */
  mean: number;
  /** Sample standard deviation. */
  sd: number;
  /** Number of users. */
  n: number;
}

/** A minimum detectable effect. */
export interface Mde {
  /** In the metric's units. */
  absolute: number;
  /** As a fraction of |control mean| (Infinity when the control mean is 0). */
  relative: number;
}

/**
 * Mean, sample sd and size of per-user values (n ≥ 2).
 *
 * @example
 * ```ts
 * import { summarize } from "./power.ts";
 * const s = summarize(Float64Array.of(1, 2, 3, 4));
 * if (s.mean !== 2.5 || Math.abs(s.sd - Math.sqrt(5 / 3)) > 1e-15 || s.n !== 4) throw new Error();
 * ```
 */
export function summarize(values: ArrayLike<number>): ArmSummary {
  if (values.length < 2) {
    throw new RangeError(`values needs at least 2 entries, got ${values.length}`);
  }
  return { mean: mean(values), sd: Math.sqrt(sampleVariance(values)), n: values.length };
}

/** `z_{1−α/2} + z_{1−β}`, validating the options. */
function multiplier(options: PowerOptions): number {
  const { alpha = 0.05, power = 0.8 } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`);
  return normalQuantile(1 - alpha / 2) + normalQuantile(power);
}

/**
 * Unpaired MDE: `(z_{1−α/2} + z_{1−β}) · √(s_c²/n_c + s_t²/n_t)`.
 *
 * @example
 * ```ts
 * import { mde } from "./power.ts";
 * // K = 1.959964 + 0.841621 = 2.801585; se = √(2·0.09/1000) = 0.0134164 (values: scipy.stats.norm.ppf)
 * const r = mde({ mean: 0.2, sd: 0.3, n: 1000 }, { mean: 0.2, sd: 0.3, n: 1000 });
 * if (Math.abs(r.absolute - 0.0375872100) > 1e-10 || Math.abs(r.relative - 0.1879360498) > 1e-10) throw new Error(`${r.absolute}`);
 * ```
 */
export function mde(control: ArmSummary, test: ArmSummary, options: PowerOptions = {}): Mde {
  const absolute = multiplier(options) *
    Math.sqrt(control.sd ** 2 / control.n + test.sd ** 2 / test.n);
  return { absolute, relative: absolute / Math.abs(control.mean) };
}

/**
 * Paired MDE from the per-user deltas' sd and count: `K · s_d / √n`, relative to `controlMean`.
 *
 * @example
 * ```ts
 * import { pairedMde } from "./power.ts";
 * const r = pairedMde({ mean: 0, sd: 0.1, n: 400 }, 0.25);
 * if (Math.abs(r.absolute - 2.8015852 * 0.005) > 1e-8 || Math.abs(r.relative - r.absolute / 0.25) > 1e-15) throw new Error();
 * ```
 */
export function pairedMde(
  deltas: ArmSummary,
  controlMean: number,
  options: PowerOptions = {},
): Mde {
  const absolute = (multiplier(options) * deltas.sd) / Math.sqrt(deltas.n);
  return { absolute, relative: absolute / Math.abs(controlMean) };
}

/** Options of {@link usersPerArm}. */
export interface SampleSizeOptions extends PowerOptions {
  /** Test arm's sd, if it differs from control's. @default control.sd */
  sdTest?: number;
  /** Arm shares [control, test] (normalised by their sum). @default [0.5, 0.5] */
  weights?: readonly [number, number];
}

/**
 * Users needed per arm to detect a relative lift `relativeMde` of the control
 * mean, each rounded up: `n_arm = ⌈w_arm · K² (s_c²/w_c + s_t²/w_t) / δ²⌉`, δ = r·|μ_c|.
 *
 * @example
 * ```ts
 * import { usersPerArm } from "./power.ts";
 * // 10% of a mean of 0.2 with sd 0.3: n = 2.801585² · 0.18 / 0.02² = 3531.996 → 3532
 * const n = usersPerArm(0.1, { mean: 0.2, sd: 0.3 });
 * if (n.control !== 3532 || n.test !== 3532) throw new Error(`${n.control}`);
 * ```
 */
export function usersPerArm(
  relativeMde: number,
  control: { mean: number; sd: number },
  options: SampleSizeOptions = {},
): { control: number; test: number } {
  const k = multiplier(options);
  const [wc, wt] = options.weights ?? [0.5, 0.5];
  if (!(wc > 0 && wt > 0)) throw new RangeError(`weights must both be > 0, got [${wc}, ${wt}]`);
  const delta = checkEffect(relativeMde, control.mean);
  const sdTest = options.sdTest ?? control.sd;
  const shareC = wc / (wc + wt), shareT = wt / (wc + wt);
  const total = (k * k * (control.sd ** 2 / shareC + sdTest ** 2 / shareT)) / (delta * delta);
  return { control: Math.ceil(shareC * total), test: Math.ceil(shareT * total) };
}

/**
 * Users needed in a paired comparison: `⌈(K · s_d / δ)²⌉`, δ = r·|μ_c|.
 *
 * @example
 * ```ts
 * import { pairedUsers } from "./power.ts";
 * // (2.801585 · 0.1 / 0.025)² = 125.58… → 126
 * if (pairedUsers(0.1, 0.25, 0.1) !== 126) throw new Error();
 * ```
 */
export function pairedUsers(
  relativeMde: number,
  controlMean: number,
  sdDelta: number,
  options: PowerOptions = {},
): number {
  const delta = checkEffect(relativeMde, controlMean);
  return Math.ceil(((multiplier(options) * sdDelta) / delta) ** 2);
}

function checkEffect(relativeMde: number, controlMean: number): number {
  if (!(relativeMde > 0)) throw new RangeError(`relativeMde must be > 0, got ${relativeMde}`);
  const delta = relativeMde * Math.abs(controlMean);
  if (!(delta > 0)) throw new RangeError(`controlMean must be non-zero, got ${controlMean}`);
  return delta;
}

/**
 * Power of the two-sided level-α z-test to detect an effect δ when the
 * difference is estimated with standard error `se`:
 * `Φ(|δ|/se − z_{1−α/2}) + Φ(−|δ|/se − z_{1−α/2})`.
 *
 * @example
 * ```ts
 * import { powerAt } from "./power.ts";
 * // an effect of (1.959964 + 0.841621)·se has power 0.8 (plus 1e-7 from the other tail)
 * const p = powerAt(2.8015852 * 0.01, 0.01);
 * if (Math.abs(p - 0.8) > 1e-6) throw new Error(`${p}`);
 * ```
 */
export function powerAt(
  effect: number,
  se: number,
  options: Pick<PowerOptions, "alpha"> = {},
): number {
  const { alpha = 0.05 } = options;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(se > 0)) throw new RangeError(`se must be > 0, got ${se}`);
  const z = normalQuantile(1 - alpha / 2);
  const s = Math.abs(effect) / se;
  return normalCdf(s - z) + normalCdf(-s - z);
}

/** Means, sample variances (n − 1) and, when paired, the covariance of two arms' per-user values. */
export interface ArmMoments {
  /** The same users in both arms (one sample) or two independent arms. */
  paired: boolean;
  /** Users of the control arm. */
  nControl: number;
  /** Users of the test arm. */
  nTest: number;
  /** Mean of the control's values. */
  meanControl: number;
  /** Mean of the test's values. */
  meanTest: number;
  /** Sample variance (n − 1) of the control's values. */
  varControl: number;
  /** Sample variance (n − 1) of the test's values. */
  varTest: number;
  /** Paired: sample covariance of (control, test) over users; unpaired: 0. */
  cov: number;
}

/**
 * Moments of two arms (paired: the same users in the same order).
 *
 * @example
 * ```ts
 * import { armMoments } from "./power.ts";
 * const m = armMoments(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 7), true);
 * // cov = ((−1)(−2.333) + 0 + (1)(2.667)) / 2 = 2.5
 * if (m.meanTest !== 13 / 3 || Math.abs(m.cov - 2.5) > 1e-12 || m.varControl !== 1) throw new Error();
 * ```
 */
export function armMoments(
  control: ArrayLike<number>,
  test: ArrayLike<number>,
  paired: boolean,
): ArmMoments {
  if (paired && control.length !== test.length) {
    throw new RangeError(
      `paired arms need equal lengths, got ${control.length} and ${test.length}`,
    );
  }
  const mc = mean(control), mt = mean(test);
  let cov = 0;
  if (paired && control.length > 1) {
    for (let i = 0; i < control.length; i++) cov += (control[i] - mc) * (test[i] - mt);
    cov /= control.length - 1;
  }
  return {
    paired,
    nControl: control.length,
    nTest: test.length,
    meanControl: mc,
    meanTest: mt,
    varControl: control.length > 1 ? sampleVariance(control) : 0,
    varTest: test.length > 1 ? sampleVariance(test) : 0,
    cov,
  };
}

/** Operating characteristic of a threshold test at one true lift. */
export interface ThresholdOc {
  /** True relative lift δ. */
  lift: number;
  /** P(the interval of `test − (1+τ)·control` lies above 0): the rule passes. */
  pass: number;
  /** P(it lies below 0): the rule fails. */
  fail: number;
  /** Standard error of the contrast under δ. */
  se: number;
}

/**
 * Normal-approximation operating characteristic of the threshold test of
 * `contrast.ts` (pass when the two-sided (1−α) interval of
 * `D_τ = μ_t − (1+τ)μ_c` lies above 0, fail when below), when the true lift is
 * δ. Model of the alternative: the test arm's values rescaled by
 * `s = (1+δ)μ_c/μ_t`, so its shape is the observed one and its mean
 * `(1+δ)μ_c`. With r = 1 + τ, `E[D_τ] = μ_c (δ − τ)` and
 * `se² = s²σ_t²/n_t + r²σ_c²/n_c − 2 s r cov/n` (the covariance term paired only);
 * `pass = Φ(E/se − z_{1−α/2})`, `fail = Φ(−E/se − z_{1−α/2})`. `sizeFactor`
 * scales both arms' n. Null when either arm's mean is 0.
 *
 * @example
 * ```ts
 * import { thresholdOc } from "./power.ts";
 * // unpaired, μ = 0.2, σ = 0.3 per arm, 3532 users each: the 10% lift of `usersPerArm`'s example
 * const m = { paired: false, nControl: 3532, nTest: 3532, meanControl: 0.2, meanTest: 0.2,
 *   varControl: 0.09, varTest: 0.09 / 1.21, cov: 0 }; // test sd scales by 1.1 under δ = 0.1
 * const oc = thresholdOc(m, 0, 0.1, 0.05)!;
 * if (Math.abs(oc.pass - 0.8) > 1e-3 || oc.fail > 1e-6) throw new Error(`${oc.pass}`);
 * ```
 */
export function thresholdOc(
  m: ArmMoments,
  tau: number,
  delta: number,
  alpha: number,
  sizeFactor = 1,
): ThresholdOc | null {
  if (!(m.meanControl !== 0 && m.meanTest !== 0)) return null;
  const s = ((1 + delta) * m.meanControl) / m.meanTest;
  const r = 1 + tau;
  const nc = m.nControl * sizeFactor, nt = m.nTest * sizeFactor;
  let v = (s * s * m.varTest) / nt + (r * r * m.varControl) / nc;
  if (m.paired) v -= (2 * s * r * m.cov) / nt;
  const se = Math.sqrt(Math.max(v, 0));
  const e = m.meanControl * (delta - tau);
  const z = normalQuantile(1 - alpha / 2);
  if (se === 0) {
    return { lift: delta, pass: e > 0 ? 1 : 0, fail: e < 0 ? 1 : 0, se };
  }
  return { lift: delta, pass: normalCdf(e / se - z), fail: normalCdf(-e / se - z), se };
}

/**
 * Users per arm (paired: users) at which the threshold test passes with
 * probability `power` when the true lift is δ > τ:
 * `n_arm · (z_{1−α/2} + z_{power})² · se² / E²` with se, E of {@linkcode thresholdOc}
 * at the observed sizes (both arms scaled together, so the arm shares stay). Null when δ ≤ τ.
 *
 * @example
 * ```ts
 * import { usersForThreshold } from "./power.ts";
 * const m = { paired: false, nControl: 1000, nTest: 1000, meanControl: 0.2, meanTest: 0.2,
 *   varControl: 0.09, varTest: 0.09 / 1.21, cov: 0 };
 * const n = usersForThreshold(m, 0, 0.1, 0.05, 0.8)!; // 3532 per arm, as usersPerArm gives
 * if (n.control !== 3532 || n.test !== 3532) throw new Error(`${n.control}`);
 * ```
 */
export function usersForThreshold(
  m: ArmMoments,
  tau: number,
  delta: number,
  alpha: number,
  power: number,
): { control: number; test: number } | null {
  const oc = thresholdOc(m, tau, delta, alpha);
  if (!oc || !(delta > tau)) return null;
  const e = m.meanControl * (delta - tau);
  const k = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const f = (k * oc.se) ** 2 / (e * e);
  return { control: Math.ceil(m.nControl * f - 1e-9), test: Math.ceil(m.nTest * f - 1e-9) };
}

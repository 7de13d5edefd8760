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

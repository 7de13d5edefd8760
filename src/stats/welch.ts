/**
 * Two-sided z-tests of a difference of means by the normal approximation
 * (PROTOCOL §6): Welch's standard error for two independent arms, the
 * standard error of the mean delta for paired users.
 *
 * @module
 */
import { normalCdf } from "./distributions.ts";
import { mean, sampleVariance } from "./_moments.ts";

/** Result of a z-test of a difference of means. */
export interface ZTest {
  /** Difference of means, `mean(test) − mean(control)` (paired: mean delta). */
  diff: number;
  /** Standard error of `diff`. */
  se: number;
  /** `diff / se` (±Infinity when se = 0 and diff ≠ 0, 0 when both are 0). */
  z: number;
  /** Two-sided p-value `2 · Φ(−|z|)`. */
  p: number;
}

function zTest(diff: number, se: number): ZTest {
  const z = se > 0 ? diff / se : diff === 0 ? 0 : diff * Infinity;
  return { diff, se, z, p: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}

function checkSample(name: string, x: ArrayLike<number>): void {
  if (x.length < 2) throw new RangeError(`${name} needs at least 2 values, got ${x.length}`);
}

/**
 * Welch z-test for two independent samples: `z = (t̄ − c̄) / √(s_c²/n_c + s_t²/n_t)`,
 * sample variances with n − 1, p from the normal distribution (not Student's t;
 * with the thousands of users of a replay the two agree to many digits).
 *
 * @example
 * ```ts
 * import { welchTest } from "./welch.ts";
 * const r = welchTest(Float64Array.of(1, 2, 3, 4), Float64Array.of(2, 3, 4, 5, 6));
 * // diff 1.5; se = √(1.6667/4 + 2.5/5) = 0.957427…; p = 2·Φ(−1.5667) = 0.1171850872 (scipy.stats.norm.sf)
 * if (Math.abs(r.se - Math.sqrt(5 / 12 + 0.5)) > 1e-15 || Math.abs(r.p - 0.1171850872) > 1e-10) throw new Error(`${r.p}`);
 * ```
 */
export function welchTest(control: ArrayLike<number>, test: ArrayLike<number>): ZTest {
  checkSample("control", control);
  checkSample("test", test);
  const se = Math.sqrt(
    sampleVariance(control) / control.length + sampleVariance(test) / test.length,
  );
  return zTest(mean(test) - mean(control), se);
}

/**
 * Paired z-test of per-user deltas `d = m_test − m_control`: `z = d̄ / (s_d / √n)`.
 *
 * @example
 * ```ts
 * import { pairedTest } from "./welch.ts";
 * const r = pairedTest(Float64Array.of(0.1, 0.3, -0.1, 0.2, 0.0));
 * // d̄ = 0.1, s_d = 0.158114, se = 0.070711, z = √2, p = 0.1572992071 (scipy.stats.norm.sf)
 * if (Math.abs(r.z - Math.SQRT2) > 1e-12 || Math.abs(r.p - 0.1572992071) > 1e-10) throw new Error(`${r.p}`);
 * ```
 */
export function pairedTest(deltas: ArrayLike<number>): ZTest {
  checkSample("deltas", deltas);
  return zTest(mean(deltas), Math.sqrt(sampleVariance(deltas) / deltas.length));
}

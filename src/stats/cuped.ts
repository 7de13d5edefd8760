/**
 * CUPED (Deng, Xu, Kohavi & Walker, WSDM 2013): a pre-period covariate X that
 * the treatment cannot move explains part of each user's metric Y, so the
 * comparison is made on `Y' = Y − θ (X − X̄)` instead of Y. With
 * `θ = cov(Y, X) / var(X)` the variance falls by the share `ρ²(Y, X)`, and
 * since X is unaffected by the arms the difference of means is still
 * unbiased.
 *
 * - A/B (two independent arms): θ is fitted on the pooled users of both arms
 *   and X̄ is the pooled mean (as GrowthBook and Deng et al. do); then
 *   `Δ' = Ȳ'_t − Ȳ'_c`, `se' = √(s'_t²/n_t + s'_c²/n_c)` (Welch).
 * - Paired (the same users in both arms, one X each): the per-user deltas
 *   `d = Y_t − Y_c` play the role of Y: `θ = cov(d, X) / var(X)`,
 *   `d' = d − θ (X − X̄)`, `se' = s_{d'} / √n`.
 *
 * The interval is `Δ' ± z_{1−α/2} · se'`, the p-value `2 Φ(−|Δ'/se'|)`, and the
 * variance reduction `1 − se'² / se²` against the plain test's se (θ is
 * estimated on the same data: a slight optimism of order 1/n).
 *
 * @module
 */
import { normalCdf, normalQuantile } from "./distributions.ts";
import { mean, sampleVariance } from "./_moments.ts";
import type { Interval } from "./bca.ts";

/** The CUPED-adjusted comparison of one metric. */
export interface CupedResult {
  /** The fitted coefficient θ. */
  theta: number;
  /** `1 − se'²/se²`: the share of the difference's variance removed (0 when X explains nothing). */
  varianceReduction: number;
  /** The adjusted difference of means Δ'. */
  delta: number;
  /** Its standard error se'. */
  se: number;
  /** `Δ' ± z · se'`. */
  ci: Interval;
  /** Two-sided p-value of Δ' = 0. */
  p: number;
}

/** One arm's metric values and covariates, aligned. */
export interface CupedArm {
  /** Per-user metric values Y. */
  y: ArrayLike<number>;
  /** Per-user covariate X (pre-period). */
  x: ArrayLike<number>;
}

/** Sample covariance of aligned `a`, `b` (n − 1). */
function covariance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = mean(a), mb = mean(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}

/** θ = cov/var, 0 when X does not vary. */
function thetaOf(y: ArrayLike<number>, x: ArrayLike<number>): number {
  const vx = sampleVariance(x);
  return vx > 0 ? covariance(y, x) / vx : 0;
}

function adjusted(y: ArrayLike<number>, x: ArrayLike<number>, theta: number, xBar: number) {
  return Float64Array.from(y, (v, i) => v - theta * (x[i] - xBar));
}

function result(
  theta: number,
  delta: number,
  se: number,
  sePlain: number,
  confidence: number,
): CupedResult {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const stat = se > 0 ? delta / se : delta === 0 ? 0 : delta * Infinity;
  return {
    theta,
    varianceReduction: sePlain > 0 ? 1 - (se * se) / (sePlain * sePlain) : 0,
    delta,
    se,
    ci: [delta - z * se, delta + z * se],
    p: Math.min(1, 2 * normalCdf(-Math.abs(stat))),
  };
}

function check(name: string, a: CupedArm): void {
  if (a.y.length !== a.x.length) {
    throw new RangeError(`${name}: ${a.y.length} values but ${a.x.length} covariates`);
  }
  if (a.y.length < 2) throw new RangeError(`${name} needs at least 2 users, got ${a.y.length}`);
}

/**
 * CUPED for two independent arms, θ on the pooled users.
 *
 * @example
 * ```ts
 * import { cupedUnpaired } from "./cuped.ts";
 * // Y = X in control and X + 1 in test (same X in both): the adjustment removes all noise
 * const c = { y: [1, 2, 3, 4], x: [1, 2, 3, 4] }, t = { y: [2, 3, 4, 5], x: [1, 2, 3, 4] };
 * const r = cupedUnpaired(c, t, 0.95);
 * if (Math.abs(r.theta - 1) > 1e-12 || Math.abs(r.delta - 1) > 1e-12 || r.se > 1e-12) throw new Error(JSON.stringify(r));
 * ```
 */
export function cupedUnpaired(control: CupedArm, test: CupedArm, confidence: number): CupedResult {
  check("control", control);
  check("test", test);
  const n = control.y.length + test.y.length;
  const sum = (v: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i];
    return s;
  };
  const xBar = (sum(control.x) + sum(test.x)) / n, yBar = (sum(control.y) + sum(test.y)) / n;
  let sxy = 0, sxx = 0;
  for (const a of [control, test]) {
    for (let i = 0; i < a.y.length; i++) {
      sxy += (a.x[i] - xBar) * (a.y[i] - yBar);
      sxx += (a.x[i] - xBar) * (a.x[i] - xBar);
    }
  }
  const theta = sxx > 0 ? sxy / sxx : 0;
  const yc = adjusted(control.y, control.x, theta, xBar);
  const yt = adjusted(test.y, test.x, theta, xBar);
  const se = Math.sqrt(sampleVariance(yc) / yc.length + sampleVariance(yt) / yt.length);
  const sePlain = Math.sqrt(
    sampleVariance(control.y) / control.y.length + sampleVariance(test.y) / test.y.length,
  );
  return result(theta, mean(yt) - mean(yc), se, sePlain, confidence);
}

/**
 * CUPED for paired users: the deltas regressed on the users' covariate.
 *
 * @example
 * ```ts
 * import { cupedPaired } from "./cuped.ts";
 * // deltas 1, 2, 3, 4 explained by X = 1..4: θ = 1, every adjusted delta is 2.5
 * const r = cupedPaired([0, 0, 0, 0], [1, 2, 3, 4], [1, 2, 3, 4], 0.95);
 * if (r.theta !== 1 || r.delta !== 2.5 || r.se !== 0 || r.varianceReduction !== 1) throw new Error(JSON.stringify(r));
 * ```
 */
export function cupedPaired(
  control: ArrayLike<number>,
  test: ArrayLike<number>,
  x: ArrayLike<number>,
  confidence: number,
): CupedResult {
  check("control", { y: control, x });
  check("test", { y: test, x });
  const d = Float64Array.from(test, (v, i) => v - control[i]);
  const theta = thetaOf(d, x);
  const dAdj = adjusted(d, x, theta, mean(x));
  const se = Math.sqrt(sampleVariance(dAdj) / d.length);
  return result(theta, mean(dAdj), se, Math.sqrt(sampleVariance(d) / d.length), confidence);
}

/**
 * The one statistical rule of the gate: a test of a metric's relative lift θ
 * against a threshold τ, in both directions, at one-sided level α/2 each:
 *
 * - **pass** — H0: θ ≤ τ rejected: the BCa interval of `test − (1+τ)·control`
 *   (two-sided, level 1 − α) lies above 0, i.e. the lift interval lies above τ;
 * - **fail** — H0: θ ≥ τ rejected: that interval lies below 0;
 * - **inconclusive** — otherwise, or when the deciding bound is within its
 *   Monte Carlo error of 0 (the bound's 95% Monte Carlo interval contains 0:
 *   with another seed the decision could flip), or when there is no interval,
 *   or when fewer than {@linkcode MIN_NONZERO} users carry a non-zero value:
 *   with so little information the bootstrap distribution is lumpy and BCa
 *   under-covers (3 hits among 1,856 users read as significant while 5% of
 *   resamples hold no hit at all).
 *
 * Superiority is this rule at τ = minLift, non-inferiority at τ = −margin, a
 * guardrail at τ = −maxDegradation. Each direction errs with probability at
 * most α/2 (2.5% at α = 0.05): the convention that reads a one-sided 2.5% test
 * off a two-sided 95% interval (ICH E9), which also matches the MDE formula of
 * PROTOCOL §6 (`z_{1−α/2} + z_{1−β}`).
 *
 * @module
 */
import { contrastAt, type ContrastData, type ContrastTest } from "../stats/mod.ts";

/** Outcome of one rule. */
export type Outcome = "pass" | "fail" | "inconclusive";

/** Fewest users with a non-zero value an interval needs before a rule decides on it. */
export const MIN_NONZERO = 10;

/** What a threshold rule found. */
export interface ThresholdDecision {
  /** Pass (the lift interval lies above τ), fail (below τ) or inconclusive. */
  outcome: Outcome;
  /** The test at τ (null without an interval). */
  test: ContrastTest | null;
  /** True when too few users carry a non-zero value to decide (see {@linkcode MIN_NONZERO}). */
  tooSparse?: boolean;
  /** True when a bound cleared 0 but not its Monte Carlo error. */
  withinMonteCarlo: boolean;
  /** Resamples that would make the deciding bound clear its Monte Carlo error (when `withinMonteCarlo`). */
  resamplesNeeded: number | null;
}

/** z of the 95% Monte Carlo interval of a bound. */
const MC_Z = 1.959963984540054;

/**
 * Decides the threshold test of `data` at τ.
 *
 * @example
 * ```ts
 * import { decideThreshold } from "./threshold_rule.ts";
 * // Δ* around +0.02 on a control mean of 0.1 (a +20% lift), B = 2000
 * const diffReps = Float64Array.from({ length: 2000 }, (_, b) => 0.02 + 0.004 * Math.sin(b));
 * const data = { paired: true, nControl: 900, nTest: 900, diff: 0.02, control: 0.1, diffReps,
 *   controlReps: new Float64Array(2000).fill(0.1), jackknife: null };
 * if (decideThreshold(data, 0.1, 0.95).outcome !== "pass") throw new Error(); // +20% > +10%
 * if (decideThreshold(data, 0.3, 0.95).outcome !== "fail") throw new Error(); // +20% < +30%
 * if (decideThreshold(null, 0, 0.95).outcome !== "inconclusive") throw new Error();
 * ```
 */
export function decideThreshold(
  data: ContrastData | null,
  tau: number,
  confidence: number,
): ThresholdDecision {
  if (!data) {
    return { outcome: "inconclusive", test: null, withinMonteCarlo: false, resamplesNeeded: null };
  }
  const test = contrastAt(data, tau, confidence);
  if (data.nonZero !== undefined && data.nonZero < MIN_NONZERO) {
    return {
      outcome: "inconclusive",
      test,
      withinMonteCarlo: false,
      resamplesNeeded: null,
      tooSparse: true,
    };
  }
  const b = data.diffReps.length;
  const clear = (bound: number, sd: number) => Math.abs(bound) > MC_Z * sd;
  const needed = (bound: number, sd: number) =>
    Math.ceil((b * (MC_Z * sd / bound) ** 2) / 1000) * 1000;
  if (test.lo > 0) {
    return clear(test.lo, test.loMcSd)
      ? { outcome: "pass", test, withinMonteCarlo: false, resamplesNeeded: null }
      : {
        outcome: "inconclusive",
        test,
        withinMonteCarlo: true,
        resamplesNeeded: needed(test.lo, test.loMcSd),
      };
  }
  if (test.hi < 0) {
    return clear(test.hi, test.hiMcSd)
      ? { outcome: "fail", test, withinMonteCarlo: false, resamplesNeeded: null }
      : {
        outcome: "inconclusive",
        test,
        withinMonteCarlo: true,
        resamplesNeeded: needed(test.hi, test.hiMcSd),
      };
  }
  return { outcome: "inconclusive", test, withinMonteCarlo: false, resamplesNeeded: null };
}

/**
 * Bootstrap sizes to retry a rule whose bound is within its Monte Carlo error:
 * 4B, then 16B, each kept while `n · size` stays within `maxWork`
 * user-resamples (about 2 s on one core at the default). Monte Carlo sd falls
 * as 1/√B, so each step halves it.
 *
 * @example
 * ```ts
 * import { refinementSizes } from "./threshold_rule.ts";
 * if (refinementSizes(2000, 5000).join() !== "8000,32000") throw new Error();
 * if (refinementSizes(2000, 200000).join() !== "8000") throw new Error();
 * if (refinementSizes(2000, 2e6).length !== 0) throw new Error();
 * ```
 */
export function refinementSizes(b: number, n: number, maxWork = 2e9): number[] {
  return [4 * b, 16 * b].filter((size) => n * size <= maxWork);
}

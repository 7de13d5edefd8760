/**
 * Intervals of the relative lift θ = test / control − 1. The BCa interval is
 * the test inversion of `stats/contrast.ts`: the lifts τ at which the BCa
 * interval of `test − (1+τ)·control` contains 0, so it exists when the
 * control mean is 0 in some resamples and agrees with the gate by
 * construction; each bound comes with its Monte Carlo sd from the B
 * resamples. The percentile interval is that of the resampled ratios (null
 * when a resample's control is 0).
 *
 * @module
 */
import { type Interval, liftInterval, quantileSorted } from "../../stats/mod.ts";
import type { MetricTest } from "../types.ts";

/** The fields this test fills. */
export interface LiftIntervalFields {
  /** Percentile interval of the resampled ratios (null when a resample's control mean is 0). */
  liftCiPercentile: Interval | null;
  /**
   * BCa interval of the lift by test inversion; a bound may be ±Infinity
   * (null in JSON) when no finite lift is excluded on that side.
   */
  liftCiBca: Interval | null;
  /** Monte Carlo sd of each `liftCiBca` bound from the B resamples (lift units). */
  liftCiMcSd: Interval | null;
}

/**
 * The test, as registered.
 *
 * @example
 * ```ts
 * import { liftIntervalTest } from "./lift_interval.ts";
 * // coverage contrast: control 0.5 in every replicate, Δ* from 0.01 to 1.00
 * const diffReps = Float64Array.from({ length: 100 }, (_, b) => (b + 1) / 100);
 * const contrast = { paired: true, nControl: 10, nTest: 10, diff: 0.505, control: 0.5, test: 1.005,
 *   diffReps, controlReps: new Float64Array(100).fill(0.5), jackknife: null };
 * const f = liftIntervalTest.apply({ kind: "coverage", contrast }, { confidence: 0.9, paired: true });
 * // ratios Δ* / 0.5: their percentile interval is twice that of Δ
 * if (Math.abs(f.liftCiPercentile![0] - 0.119) > 1e-12 || Math.abs(f.liftCiPercentile![1] - 1.901) > 1e-12) throw new Error();
 * if (!(f.liftCiBca![0] > 0 && f.liftCiBca![1] < 2.1)) throw new Error(String(f.liftCiBca));
 * ```
 */
export const liftIntervalTest: MetricTest<LiftIntervalFields> = {
  name: "intervals of the lift (BCa by test inversion)",
  empty: { liftCiPercentile: null, liftCiBca: null, liftCiMcSd: null },
  apply(e, { confidence }) {
    const contrast = e.kind === "mean" ? e.boot.contrast : e.contrast;
    const lift = liftInterval(contrast, confidence);
    return {
      liftCiPercentile: e.kind === "mean"
        ? (e.boot.lift ? [e.boot.lift.percentile[0], e.boot.lift.percentile[1]] : null)
        : ratioPercentile(e.contrast.diffReps, e.contrast.controlReps, confidence),
      liftCiBca: lift ? [lift.lo, lift.hi] : null,
      liftCiMcSd: lift ? [lift.loMcSd, lift.hiMcSd] : null,
    };
  },
};

/** Quantiles α/2 and 1−α/2 of `Δ*_b / control*_b`, or null when a control replicate is not positive. */
function ratioPercentile(
  diffReps: Float64Array,
  controlReps: Float64Array,
  confidence: number,
): Interval | null {
  if (!controlReps.every((x) => x > 0)) return null;
  const ratios = Float64Array.from(diffReps, (d, b) => d / controlReps[b]).sort();
  const alpha = (1 - confidence) / 2;
  return [quantileSorted(ratios, alpha), quantileSorted(ratios, 1 - alpha)];
}

/**
 * Bootstrap intervals of the difference Δ = test − control: percentile and
 * BCa. Means: from the bootstrap of both arms (`stats/bootstrap.ts`).
 * Coverage: the α/2 and 1−α/2 quantiles of the half-sample replicates of Δ,
 * and the contrast's interval at τ = 0 (`stats/contrast.ts`: Δ itself,
 * centred on the replicates' mean, no acceleration).
 *
 * @module
 */
import { contrastAt, type Interval, quantileSorted } from "../../stats/mod.ts";
import type { MetricTest } from "../types.ts";

/** The fields this test fills. */
export interface DeltaIntervalFields {
  /** Bootstrap percentile interval of `delta` (null with fewer than 2 users an arm). */
  ciPercentile: Interval | null;
  /** Bootstrap BCa interval of `delta` (null with fewer than 2 users an arm). */
  ciBca: Interval | null;
}

/**
 * The test, as registered.
 *
 * @example
 * ```ts
 * import { deltaInterval } from "./delta_interval.ts";
 * // coverage replicates of Δ: 0.01, 0.02, …, 1.00 (control 0.5 in each)
 * const diffReps = Float64Array.from({ length: 100 }, (_, b) => (b + 1) / 100);
 * const contrast = { paired: true, nControl: 10, nTest: 10, diff: 0.505, control: 0.5, test: 1.005,
 *   diffReps, controlReps: new Float64Array(100).fill(0.5), jackknife: null };
 * const f = deltaInterval.apply({ kind: "coverage", contrast }, { confidence: 0.9, paired: true });
 * // percentile: quantiles 0.05 and 0.95 of the replicates (linear interpolation)
 * if (Math.abs(f.ciPercentile![0] - 0.0595) > 1e-12 || Math.abs(f.ciPercentile![1] - 0.9505) > 1e-12) throw new Error();
 * ```
 */
export const deltaInterval: MetricTest<DeltaIntervalFields> = {
  name: "bootstrap intervals of Δ",
  empty: { ciPercentile: null, ciBca: null },
  apply(e, { confidence }) {
    if (e.kind === "mean") {
      const d = e.boot.diff;
      return { ciPercentile: [d.percentile[0], d.percentile[1]], ciBca: [d.bca[0], d.bca[1]] };
    }
    const data = e.contrast;
    const at0 = contrastAt(data, 0, confidence);
    const sorted = data.diffReps.slice().sort();
    const alpha = (1 - confidence) / 2;
    return {
      ciPercentile: [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)],
      ciBca: [at0.lo, at0.hi],
    };
  },
};

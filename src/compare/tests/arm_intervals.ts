/**
 * Each arm's own interval: the percentile interval of the arm's value over
 * the same resamples that give Δ's interval — the bootstrap of the arm's
 * mean for per-user metrics; for coverage, Gini and entropy, the arm's value
 * over the half-samples (at h users, where the row compares them). Test
 * replicates are `control + Δ` of each resample.
 *
 * @module
 */
import { type Interval, quantileSorted } from "../../stats/mod.ts";
import type { MetricTest } from "../types.ts";

/** The field this test fills. */
export interface ArmIntervalFields {
  /** Percentile interval of each arm's value (null with fewer than 2 users an arm). */
  armIntervals: { control: Interval; test: Interval } | null;
}

/**
 * The test, as registered.
 *
 * @example
 * ```ts
 * import { armIntervalTest } from "./arm_intervals.ts";
 * // 100 replicates: control 0.01 … 1.00, Δ always 1 → test 1.01 … 2.00
 * const controlReps = Float64Array.from({ length: 100 }, (_, b) => (b + 1) / 100);
 * const contrast = { paired: true, nControl: 10, nTest: 10, diff: 1, control: 0.5, test: 1.5,
 *   diffReps: new Float64Array(100).fill(1), controlReps, jackknife: null };
 * const f = armIntervalTest.apply({ kind: "coverage", contrast }, { confidence: 0.9, paired: true });
 * if (Math.abs(f.armIntervals!.control[0] - 0.0595) > 1e-12 || Math.abs(f.armIntervals!.test[1] - 1.9505) > 1e-12) throw new Error();
 * ```
 */
export const armIntervalTest: MetricTest<ArmIntervalFields> = {
  name: "percentile interval of each arm",
  empty: { armIntervals: null },
  apply(e, { confidence }) {
    const data = e.kind === "mean" ? e.boot.contrast : e.contrast;
    const alpha = (1 - confidence) / 2;
    const interval = (reps: Float64Array): Interval => {
      const s = reps.slice().sort();
      return [quantileSorted(s, alpha), quantileSorted(s, 1 - alpha)];
    };
    const test = data.controlReps.map((c, b) => c + data.diffReps[b]);
    return { armIntervals: { control: interval(data.controlReps), test: interval(test) } };
  },
};

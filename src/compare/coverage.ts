/**
 * Coverage compared at equal size, by half-sampling: coverage is not a mean
 * of per-user values, so an arm with more users would cover more items by
 * size alone. B seeded half-samples of `h = ⌊min(n_c, n_t)/2⌋` users per arm
 * are drawn without replacement (paired: the same users in both arms) and
 * each one's coverage computed (`stats/cover_bootstrap.ts`); the arms'
 * values are the mean coverages at h users and Δ's interval is the
 * replicates' spread.
 *
 * @module
 */
import {
  type ArmEvaluation,
  itemUsers,
  type Segment,
  SEGMENTS,
  truncateLists,
} from "../metrics/mod.ts";
import type { CoverJob } from "../stats/mod.ts";
import type { CompareInput, CoverageContrast } from "./types.ts";

/** `Coverage@k` with the segment's prefix. */
export function coverageName(g: Segment, k: number): string {
  return `${g === "overall" ? "" : g === "warm" ? "Warm" : "Cold"}Coverage@${k}`;
}

/** Coverage needs h ≥ 2 users per arm and replicate. */
export function coverageComparable(input: CompareInput, g: Segment): boolean {
  const n = (arm: "control" | "test") => segmentOf(input, arm, g).rows.length;
  return Math.min(n("control"), n("test")) >= 4;
}

/** The segment `g` of an arm of the comparison. */
export function segmentOf(
  input: CompareInput,
  arm: "control" | "test",
  g: Segment,
): ArmEvaluation["segments"][Segment] {
  return input.arms[arm].evaluation.segments[g];
}

/**
 * The seed of segment `g`'s half-samples (the A/B arms' jobs add 1 and 2):
 * from the run's seed and the segment only, so a cut-off's replicates do
 * not depend on the other cut-offs, and coverage, Gini and entropy share
 * the same draws (`concentration.ts`).
 *
 * @example
 * ```ts
 * import { halfSampleSeed } from "./coverage.ts";
 * if (halfSampleSeed(7, "overall") !== 317 || halfSampleSeed(7, "warm") !== 327) throw new Error();
 * ```
 */
export function halfSampleSeed(seed: number, g: Segment): number {
  return seed * 31 + 100 + 10 * SEGMENTS.indexOf(g);
}

/** Coverage's half-sampling plan for one segment. */
export interface CoveragePlan {
  /** Users per arm per replicate: half the smaller arm. */
  h: number;
  /** The jobs for `resamples` replicates (paired: one job of both arms; A/B: one per arm). */
  jobs(resamples: number): CoverJob[];
}

/**
 * The half-sampling plan of segment `g` at cut-off `k` (the arms' lists at
 * their full length when omitted; seeds derived from `seed` and the segment
 * only, so a cut-off's replicates do not depend on the other cut-offs).
 */
export function coveragePlan(
  input: CompareInput,
  g: Segment,
  seed: number,
  k?: number,
): CoveragePlan {
  const stride = input.arms.control.evaluation.k;
  const at = k ?? stride;
  const rc = segmentOf(input, "control", g).rows, rt = segmentOf(input, "test", g).rows;
  const h = Math.floor(Math.min(rc.length, rt.length) / 2);
  const base = halfSampleSeed(seed, g);
  const control = itemUsers(truncateLists(input.arms.control.lists, stride, at), at, rc);
  const test = itemUsers(truncateLists(input.arms.test.lists, stride, at), at, rt);
  return {
    h,
    jobs: (resamples) =>
      input.paired
        ? [{ n: rc.length, size: h, families: [control, test], resamples, seed: base }]
        : [
          { n: rc.length, size: h, families: [control], resamples, seed: base + 1 },
          { n: rt.length, size: h, families: [test], resamples, seed: base + 2 },
        ],
  };
}

/**
 * Coverage at h users per arm from half-sample replicates of the covered
 * item counts `[control, test]`: the estimate is the replicates' mean, so
 * the contrast's interval is centred on it (no acceleration).
 *
 * @example
 * ```ts
 * import { coverageContrast } from "./coverage.ts";
 * // two replicates: control covers 4 then 6 of 10 items, test 5 then 9
 * const c = coverageContrast([Float64Array.of(4, 6), Float64Array.of(5, 9)], 3, 10, true);
 * if (c.control !== 0.5 || c.test !== 0.7 || Math.abs(c.diff - 0.2) > 1e-15 || c.diffReps.join() !== "0.1,0.3") throw new Error();
 * ```
 */
export function coverageContrast(
  reps: Float64Array[],
  h: number,
  catalog: number,
  paired: boolean,
): CoverageContrast {
  const [rc, rt] = reps;
  const diffReps = new Float64Array(rc.length);
  const controlReps = new Float64Array(rc.length);
  let sc = 0, st = 0;
  for (let b = 0; b < rc.length; b++) {
    diffReps[b] = (rt[b] - rc[b]) / catalog;
    controlReps[b] = rc[b] / catalog;
    sc += rc[b];
    st += rt[b];
  }
  const control = sc / rc.length / catalog, test = st / rt.length / catalog;
  return {
    paired,
    nControl: h,
    nTest: h,
    diff: test - control,
    control,
    test,
    diffReps,
    controlReps,
    jackknife: null,
  };
}

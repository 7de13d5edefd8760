/**
 * Gini and entropy of the recommendation counts (PROTOCOL §4.1) compared at
 * equal size, by half-sampling, as coverage is (`coverage.ts`): both change
 * with the number of users, so B seeded half-samples of
 * `h = ⌊min(n_c, n_t)/2⌋` users per arm (paired: the same users) are drawn
 * and each one's statistics computed (`stats/concentration_bootstrap.ts`).
 * The arms' values are the replicates' means at h users, Δ's interval is the
 * replicates' spread. The half-samples are coverage's (same seed, same
 * users): one pass over each draw gives the replicates of Coverage, Gini and
 * Entropy, so the run draws and counts once instead of twice.
 *
 * @module
 */
import { type Segment, segmentPrefix } from "../metrics/mod.ts";
import { CONCENTRATION_REPLICATES, type ConcentrationJob } from "../stats/mod.ts";
import { coverageContrast, halfSampleSeed, segmentOf } from "./coverage.ts";
import type { CompareInput, CoverageContrast } from "./types.ts";

/** The statistics of the plan, in row order. */
export const CONCENTRATION_METRICS = ["Gini", "Entropy"] as const;

/** `Gini@k` / `Entropy@k` with the segment's prefix. */
export function concentrationName(
  m: typeof CONCENTRATION_METRICS[number],
  g: Segment,
  k: number,
): string {
  return `${segmentPrefix(g)}${m}@${k}`;
}

/** One segment's half-sampling plan of Gini and entropy at cut-off k. */
export interface ConcentrationPlan {
  /** Users per arm per replicate: half the smaller arm. */
  h: number;
  /** The jobs for `resamples` replicates (paired: one job of both arms; A/B: one per arm). */
  jobs(resamples: number): ConcentrationJob[];
}

/** The arm's lists of the segment's users, cut to k, one row per user. */
function segmentLists(input: CompareInput, arm: "control" | "test", g: Segment, k: number) {
  const stride = input.arms[arm].evaluation.k;
  const lists = input.arms[arm].lists;
  const rows = segmentOf(input, arm, g).rows;
  const out = new Int32Array(rows.length * k);
  rows.forEach((j, q) => out.set(lists.subarray(j * stride, j * stride + k), q * k));
  return { lists: out, k };
}

/** The plan of segment `g` at cut-off `k` (seeds from `seed` and the segment only). */
export function concentrationPlan(
  input: CompareInput,
  g: Segment,
  seed: number,
  k: number,
): ConcentrationPlan {
  const control = segmentLists(input, "control", g, k);
  const test = segmentLists(input, "test", g, k);
  const nc = control.lists.length / k, nt = test.lists.length / k;
  const h = Math.floor(Math.min(nc, nt) / 2);
  let nItems = 0;
  for (const l of [control.lists, test.lists]) {
    for (const i of l) if (i + 1 > nItems) nItems = i + 1;
  }
  const base = halfSampleSeed(seed, g);
  const common = { size: h, catalogSize: input.catalogSize, nItems };
  return {
    h,
    jobs: (resamples) =>
      input.paired ? [{ ...common, n: nc, families: [control, test], resamples, seed: base }] : [
        { ...common, n: nc, families: [control], resamples, seed: base + 1 },
        { ...common, n: nt, families: [test], resamples, seed: base + 2 },
      ],
  };
}

/**
 * Gini's and entropy's contrasts from the replicates of the plan's jobs
 * (`[gini, entropy, covered]` of control, then of test); null for a statistic some
 * half-sample leaves undefined (no recommendations at all).
 *
 * @example
 * ```ts
 * import { concentrationContrasts } from "./concentration.ts";
 * const c = Float64Array.of(0.5, 0.7), t = Float64Array.of(0.4, 0.4), n = Float64Array.of(3, 3);
 * const [gini] = concentrationContrasts([c, c, n, t, t, n], 5, true);
 * if (!gini || Math.abs(gini.diff + 0.2) > 1e-15 || gini.nControl !== 5) throw new Error(JSON.stringify(gini));
 * const [none] = concentrationContrasts([Float64Array.of(NaN, 1), c, n, t, t, n], 5, true);
 * if (none !== null) throw new Error("an undefined Gini replicate leaves the contrast undefined");
 * ```
 */
export function concentrationContrasts(
  reps: Float64Array[],
  h: number,
  paired: boolean,
): (CoverageContrast | null)[] {
  // A half-sample whose users all have empty lists (e.g. a service that failed them) has no
  // recommendations to spread: Gini and Entropy are undefined there, and so is the comparison.
  const defined = (r: Float64Array | undefined) => !r || !r.some(Number.isNaN);
  const per = CONCENTRATION_REPLICATES;
  // the statistic itself, not a count of items: a scale of 1
  return CONCENTRATION_METRICS.map((_, m) =>
    defined(reps[m]) && defined(reps[per + m])
      ? coverageContrast([reps[m], reps[per + m]], h, 1, paired)
      : null
  );
}

/**
 * Coverage's replicates `[control, test]` (covered items) from the same
 * replicates as {@linkcode concentrationContrasts}.
 *
 * @example
 * ```ts
 * import { coverageReplicates } from "./concentration.ts";
 * const g = Float64Array.of(0.5), c = Float64Array.of(3), t = Float64Array.of(4);
 * const [rc, rt] = coverageReplicates([g, g, c, g, g, t]);
 * if (rc !== c || rt !== t) throw new Error();
 * ```
 */
export function coverageReplicates(reps: Float64Array[]): Float64Array[] {
  const per = CONCENTRATION_REPLICATES;
  return [reps[per - 1], reps[2 * per - 1]];
}

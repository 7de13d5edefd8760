/**
 * Half-sampling of a union size: how many sets (e.g. items) are hit by at
 * least one user of a random half of the users. Catalog coverage is such a
 * statistic — not a mean of per-user values — and the ordinary bootstrap
 * fails on it: a resample with replacement holds only ≈ 63% distinct users,
 * so every replicate's coverage falls far below the sample's. Drawing `size`
 * users without replacement instead (half-sampling, McCarthy 1969; the
 * subsampling of Politis & Romano 1994) gives replicates of the coverage at
 * exactly `size` users, whose mean estimates that coverage and whose spread,
 * at `size = n/2`, is that of the averaged estimate (for a mean: σ²/h · (1 −
 * h/n) = σ²/n). Scanning a set stops at its first drawn user, so a replicate
 * costs about the number of sets, not the number of (user, set) pairs.
 *
 * @module
 */
import { drawArray, Rng } from "../rng/mod.ts";

/** Sets of users in CSR form: set s holds users `members[offsets[s] .. offsets[s+1])`. */
export interface UserSets {
  offsets: Int32Array;
  members: Int32Array;
}

/**
 * Number of sets with at least one member of positive count.
 *
 * @example
 * ```ts
 * import { coveredSets } from "./cover_bootstrap.ts";
 * // sets {0, 1}, {2}, {1, 2}; user 2 not drawn: sets 0 and 2 are still hit
 * const sets = { offsets: Int32Array.of(0, 2, 3, 5), members: Int32Array.of(0, 1, 2, 1, 2) };
 * if (coveredSets(sets, Int32Array.of(0, 3, 0)) !== 2) throw new Error();
 * ```
 */
export function coveredSets(sets: UserSets, counts: Int32Array): number {
  const { offsets, members } = sets;
  let hit = 0;
  for (let s = 0; s + 1 < offsets.length; s++) {
    for (let p = offsets[s]; p < offsets[s + 1]; p++) {
      if (counts[members[p]] > 0) {
        hit++;
        break;
      }
    }
  }
  return hit;
}

/** A half-sampling job: families of sets over the same n users, subsampled together. */
export interface CoverJob {
  /** Users (rows) the sets refer to: indices 0..n−1. */
  n: number;
  /** Users drawn without replacement per replicate (1 ≤ size ≤ n). */
  size: number;
  /** One or more set families over those users (paired arms share the draws). */
  families: UserSets[];
  resamples: number;
  seed: number;
}

/**
 * Replicates of each family's covered-set count: `out[f][b]` for replicate b,
 * `size` of the n users drawn without replacement (a partial Fisher–Yates
 * shuffle driven by `Rng(seed).int`).
 *
 * @example
 * ```ts
 * import { coverBootstrap } from "./cover_bootstrap.ts";
 * // one set per user: every replicate hits exactly `size` sets
 * const n = 1000;
 * const sets = { offsets: Int32Array.from({ length: n + 1 }, (_, i) => i), members: Int32Array.from({ length: n }, (_, i) => i) };
 * const [reps] = coverBootstrap({ n, size: 500, families: [sets], resamples: 20, seed: 1 });
 * if (reps.some((x) => x !== 500)) throw new Error();
 * ```
 */
export function coverBootstrap(job: CoverJob): Float64Array[] {
  const { n, families, resamples } = job;
  const out = families.map(() => new Float64Array(resamples));
  const drawn = new Int32Array(n);
  halfSamples(job, (users, b) => {
    for (let i = 0; i < users.length; i++) drawn[users[i]] = 1;
    for (let f = 0; f < families.length; f++) out[f][b] = coveredSets(families[f], drawn);
    for (let i = 0; i < users.length; i++) drawn[users[i]] = 0;
  });
  return out;
}

/**
 * The draws of a half-sampling job: for each replicate b, `visit(users, b)`
 * with the `size` users drawn without replacement from `0..n−1` (a partial
 * Fisher–Yates shuffle, `Rng(seed).shufflePrefix`; `users` is reused between
 * calls).
 *
 * @example
 * ```ts
 * import { halfSamples } from "./cover_bootstrap.ts";
 * const seen: number[] = [];
 * halfSamples({ n: 5, size: 5, resamples: 2, seed: 1 }, (u) => seen.push([...u].sort().join("") === "01234" ? 1 : 0));
 * if (seen.join() !== "1,1") throw new Error(); // size n draws everyone
 * ```
 */
export function halfSamples(
  job: { n: number; size: number; resamples: number; seed: number },
  visit: (users: Int32Array, b: number) => void,
): void {
  const { n, size, resamples } = job;
  if (!(n >= 1)) throw new RangeError(`n must be at least 1, got ${n}`);
  if (!(Number.isInteger(size) && size >= 1 && size <= n)) {
    throw new RangeError(`size must be an integer in [1, ${n}], got ${size}`);
  }
  const rng = new Rng(job.seed);
  const order = drawArray(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const users = order.subarray(0, size);
  for (let b = 0; b < resamples; b++) {
    rng.shufflePrefix(order, size);
    visit(users, b);
  }
}

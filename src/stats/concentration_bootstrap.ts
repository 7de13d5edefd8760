/**
 * Half-sampling of the concentration of recommendations (Gini and entropy of
 * the recommendation counts over the catalog, PROTOCOL §4.1). Like coverage,
 * these statistics of a whole set of lists change with the number of users
 * (fewer users leave more items at 0), so arms are compared at an equal
 * number of users and the ordinary bootstrap's duplicated users would bias
 * them; `size` users are drawn without replacement per replicate, as in
 * `cover_bootstrap.ts`, whose draws this shares.
 *
 * @module
 */
import { concentration } from "../metrics/mod.ts";
import { halfSamples } from "./cover_bootstrap.ts";

/** One arm's lists for a concentration job: row `q` (user q) is `lists[q*k .. q*k+k)`, -1 pads. */
export interface ListFamily {
  lists: Int32Array;
  k: number;
}

/** A half-sampling job of Gini and entropy: families of lists over the same n users. */
export interface ConcentrationJob {
  /** Users (rows) of every family. */
  n: number;
  /** Users drawn without replacement per replicate. */
  size: number;
  /** One or more arms' lists over those users (paired arms share the draws). */
  families: ListFamily[];
  /** Items of the catalog (the Gini's and entropy's denominator). */
  catalogSize: number;
  /** Item ids are below this. */
  nItems: number;
  resamples: number;
  seed: number;
}

/**
 * Replicates `[gini_0, entropy_0, gini_1, entropy_1, …]`, one pair per
 * family: entry b is the statistic over the lists of replicate b's users.
 *
 * @example
 * ```ts
 * import { concentrationBootstrap } from "./concentration_bootstrap.ts";
 * // every user is recommended the same single item: Gini 1 − 1/C, entropy 0 in every replicate
 * const lists = new Int32Array(10).fill(3);
 * const [g, h] = concentrationBootstrap({ n: 10, size: 5, families: [{ lists, k: 1 }], catalogSize: 4, nItems: 4, resamples: 3, seed: 1 });
 * if (g.some((x) => x !== 0.75) || h.some((x) => x !== 0)) throw new Error();
 * ```
 */
export function concentrationBootstrap(job: ConcentrationJob): Float64Array[] {
  const { families, resamples } = job;
  const out = families.flatMap(() => [new Float64Array(resamples), new Float64Array(resamples)]);
  const counts = new Int32Array(job.nItems);
  const scratch = new Int32Array(job.size * Math.max(1, ...families.map((f) => f.k)) + 1);
  const drawn = new Uint8Array(job.n);
  const rows = new Int32Array(job.n);
  halfSamples(job, (users, b) => {
    for (let q = 0; q < users.length; q++) drawn[users[q]] = 1;
    // the drawn users in row order (branch-free compaction): the lists are then read front to
    // back, not at random, and no branch depends on the random draw
    let m = 0;
    for (let u = 0; u < job.n; u++) {
      rows[m] = u;
      m += drawn[u];
    }
    families.forEach(({ lists, k }, f) => {
      for (let q = 0; q < m; q++) {
        const end = rows[q] * k + k;
        for (let p = end - k; p < end; p++) if (lists[p] >= 0) counts[lists[p]]++;
      }
      const c = concentration(counts, job.catalogSize, scratch);
      out[2 * f][b] = c.gini;
      out[2 * f + 1][b] = c.entropy;
      counts.fill(0);
    });
    for (let q = 0; q < users.length; q++) drawn[users[q]] = 0;
  });
  return out;
}

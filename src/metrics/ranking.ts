/**
 * Per-user ranking metrics from a {@linkcode HitTable} (PROTOCOL §4): binary
 * relevance, log base 2, positions `p = 1..k`. Users with an empty relevant
 * set get `NaN` (they are not in the segment).
 *
 * @module
 */
import type { HitTable } from "./hits.ts";

function perUser(t: HitTable, f: (row: number, nRel: number) => number): Float64Array {
  const out = new Float64Array(t.n);
  for (let j = 0; j < t.n; j++) out[j] = t.nRel[j] === 0 ? NaN : f(j * t.k, t.nRel[j]);
  return out;
}

/**
 * `NDCG@k(u) = DCG / IDCG`, `DCG = Σ_p rel_p / log2(p+1)`,
 * `IDCG = Σ_{p=1..min(|R(u)|,k)} 1 / log2(p+1)`.
 *
 * @example
 * ```ts
 * import { ndcg } from "./ranking.ts";
 * // hit at position 2 of 3, |R| = 2: (1/log2 3) / (1 + 1/log2 3)
 * const v = ndcg({ k: 3, n: 1, hits: new Uint8Array([0, 1, 0]), nRel: new Int32Array([2]) })[0];
 * if (Math.abs(v - 0.6309297535714575 / 1.6309297535714575) > 1e-15) throw new Error(String(v));
 * ```
 */
export function ndcg(t: HitTable): Float64Array {
  const disc = new Float64Array(t.k);
  for (let p = 0; p < t.k; p++) disc[p] = 1 / Math.log2(p + 2);
  const ideal = new Float64Array(t.k + 1);
  for (let p = 0; p < t.k; p++) ideal[p + 1] = ideal[p] + disc[p];
  return perUser(t, (row, nRel) => {
    let dcg = 0;
    for (let p = 0; p < t.k; p++) if (t.hits[row + p]) dcg += disc[p];
    return dcg / ideal[Math.min(nRel, t.k)];
  });
}

/** Number of hits in the top k of each row. */
function hitCount(t: HitTable, row: number): number {
  let c = 0;
  for (let p = 0; p < t.k; p++) c += t.hits[row + p];
  return c;
}

/**
 * `Recall@k(u) = |top_k(u) ∩ R(u)| / |R(u)|`.
 *
 * @example
 * ```ts
 * import { recall } from "./ranking.ts";
 * const v = recall({ k: 3, n: 1, hits: new Uint8Array([1, 0, 1]), nRel: new Int32Array([4]) })[0];
 * if (v !== 0.5) throw new Error(String(v));
 * ```
 */
export function recall(t: HitTable): Float64Array {
  return perUser(t, (row, nRel) => hitCount(t, row) / nRel);
}

/**
 * `Precision@k(u) = |top_k(u) ∩ R(u)| / k` (a short list still divides by k).
 *
 * @example
 * ```ts
 * import { precision } from "./ranking.ts";
 * const v = precision({ k: 4, n: 1, hits: new Uint8Array([1, 0, 1, 0]), nRel: new Int32Array([9]) })[0];
 * if (v !== 0.5) throw new Error(String(v));
 * ```
 */
export function precision(t: HitTable): Float64Array {
  return perUser(t, (row) => hitCount(t, row) / t.k);
}

/**
 * `HitRate@k(u) = 1` if any of the top k is relevant, else 0.
 *
 * @example
 * ```ts
 * import { hitRate } from "./ranking.ts";
 * const v = hitRate({ k: 2, n: 2, hits: new Uint8Array([0, 1, 0, 0]), nRel: new Int32Array([1, 1]) });
 * if (v.join() !== "1,0") throw new Error(v.join());
 * ```
 */
export function hitRate(t: HitTable): Float64Array {
  return perUser(t, (row) => (hitCount(t, row) > 0 ? 1 : 0));
}

/**
 * `MRR@k(u) = 1 / rank of the first hit` (0 when no hit in the top k).
 *
 * @example
 * ```ts
 * import { mrr } from "./ranking.ts";
 * const v = mrr({ k: 3, n: 1, hits: new Uint8Array([0, 0, 1]), nRel: new Int32Array([1]) })[0];
 * if (v !== 1 / 3) throw new Error(String(v));
 * ```
 */
export function mrr(t: HitTable): Float64Array {
  return perUser(t, (row) => {
    for (let p = 0; p < t.k; p++) if (t.hits[row + p]) return 1 / (p + 1);
    return 0;
  });
}

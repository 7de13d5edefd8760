/**
 * Debiased accuracy (PROTOCOL §4.1): inverse-propensity weights
 * `w(i) = share(i)^−γ` (`share` floored at `1/N`) on each relevant item, so
 * a hit on a rarely seen item counts more than a hit on a bestseller (Yang et
 * al., RecSys 2018). `NaN` for a user with an empty relevant set.
 *
 * @module
 */
import type { ListTable } from "./hits.ts";
import { flooredShares, type ItemStats } from "./item_stats.ts";

/**
 * `w(i) = max(share(i), 1/N)^−γ`.
 *
 * @example
 * ```ts
 * import { ipsWeights } from "./ips.ts";
 * // N = 4, γ = 0.5: pop 1 → 0.25^−0.5 = 2, pop 4 → 1
 * if (ipsWeights({ pop: Int32Array.of(1, 4), trainUsers: 4, ipsGamma: 0.5 }).join() !== "2,1") throw new Error();
 * ```
 */
export function ipsWeights(s: Pick<ItemStats, "pop" | "trainUsers" | "ipsGamma">): Float64Array {
  const w = flooredShares(s.pop, s.trainUsers);
  for (let i = 0; i < w.length; i++) w[i] = Math.pow(w[i], -s.ipsGamma);
  return w;
}

/**
 * `IPS-NDCG@k(u) = IPS-DCG / IPS-IDCG`, `IPS-DCG = Σ_p w(i_p)·rel_p / log2(p+1)`,
 * IPS-IDCG the same over the `min(|R|, k)` relevant items with the largest
 * weights, in descending order of weight.
 *
 * @example
 * ```ts
 * import { hitTable, ipsNdcg } from "./mod.ts";
 * // N = 4, γ = 0.5 → w = [2, 1, 1] for pop [1, 4, 4]; list [1, 0], R = {0, 2}
 * // DCG = w(0)/log2 3 = 2/log2 3 (item 0 at position 2); IDCG = 2/1 + 1/log2 3
 * const t = hitTable(Int32Array.of(1, 0), 2, Int32Array.of(0, 2), Int32Array.of(0, 2));
 * const s = { pop: Int32Array.of(1, 4, 4), trainUsers: 4, head: new Uint8Array(3), ipsGamma: 0.5, content: null, authors: null };
 * const v = ipsNdcg(t, s)[0];
 * if (Math.abs(v - (2 / Math.log2(3)) / (2 + 1 / Math.log2(3))) > 1e-15) throw new Error(String(v));
 * ```
 */
export function ipsNdcg(t: ListTable, s: ItemStats): Float64Array {
  const w = ipsWeights(s);
  const disc = Float64Array.from({ length: t.k }, (_, p) => 1 / Math.log2(p + 2));
  const out = new Float64Array(t.n);
  const top = new Float64Array(t.k); // the largest relevant weights so far, descending
  for (let j = 0; j < t.n; j++) {
    if (t.nRel[j] === 0) {
      out[j] = NaN;
      continue;
    }
    let dcg = 0;
    for (let p = 0; p < t.k; p++) if (t.hits[j * t.k + p]) dcg += w[t.lists[j * t.k + p]] * disc[p];
    // top min(|R|, k) weights by insertion: the same values in the same order as a full sort
    let m = 0;
    for (let r = t.relOffsets[j]; r < t.relOffsets[j + 1]; r++) {
      const x = w[t.relItems[r]];
      if (m === t.k && !(x > top[m - 1])) continue;
      let q = m < t.k ? m++ : m - 1;
      while (q > 0 && top[q - 1] < x) {
        top[q] = top[q - 1];
        q--;
      }
      top[q] = x;
    }
    let idcg = 0;
    for (let p = 0; p < m; p++) idcg += top[p] * disc[p];
    out[j] = dcg / idcg;
  }
  return out;
}

/**
 * `IPS-Recall@k(u) = Σ_{i ∈ L∩R} w(i) / Σ_{i ∈ R} w(i)`.
 *
 * @example
 * ```ts
 * import { hitTable, ipsRecall } from "./mod.ts";
 * // w = [2, 1, 1]; list [1, 0], R = {0, 2}: hit item 0 → 2 / (2 + 1)
 * const t = hitTable(Int32Array.of(1, 0), 2, Int32Array.of(0, 2), Int32Array.of(0, 2));
 * const s = { pop: Int32Array.of(1, 4, 4), trainUsers: 4, head: new Uint8Array(3), ipsGamma: 0.5, content: null, authors: null };
 * if (ipsRecall(t, s)[0] !== 2 / 3) throw new Error();
 * ```
 */
export function ipsRecall(t: ListTable, s: ItemStats): Float64Array {
  const w = ipsWeights(s);
  const out = new Float64Array(t.n);
  for (let j = 0; j < t.n; j++) {
    if (t.nRel[j] === 0) {
      out[j] = NaN;
      continue;
    }
    let hit = 0, all = 0;
    for (let p = 0; p < t.k; p++) if (t.hits[j * t.k + p]) hit += w[t.lists[j * t.k + p]];
    for (let r = t.relOffsets[j]; r < t.relOffsets[j + 1]; r++) all += w[t.relItems[r]];
    out[j] = hit / all;
  }
  return out;
}

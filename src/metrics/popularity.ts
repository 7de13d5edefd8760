/**
 * Popularity of the recommended items (PROTOCOL §4.1), per user over the
 * list `L = top_k(u)` of `n = |L|` items; `NaN` for an empty list (no value:
 * the user is left out of the mean). Popularity is measured on train:
 * `pop(i)` distinct train users, `share(i) = pop(i) / N`.
 *
 * @module
 */
import type { ListTable } from "./hits.ts";
import { flooredShares, type ItemStats } from "./item_stats.ts";

/** `(1/n) Σ_{i∈L} value[i]` per list, NaN for an empty list. */
export function listMean(t: ListTable, value: ArrayLike<number>): Float64Array {
  const out = new Float64Array(t.n);
  for (let j = 0; j < t.n; j++) {
    let s = 0, n = 0;
    for (let p = 0; p < t.k; p++) {
      const i = t.lists[j * t.k + p];
      if (i < 0) continue;
      s += value[i];
      n++;
    }
    out[j] = n === 0 ? NaN : s / n;
  }
  return out;
}

/**
 * `Novelty@k(u) = (1/n) Σ_{i∈L} −log2 max(share(i), 1/N)` (mean
 * self-information of the recommended items).
 *
 * @example
 * ```ts
 * import { hitTable, novelty } from "./mod.ts";
 * // N = 4 train users; list [0, 1]: pop 4 → −log2 1 = 0, pop 1 → −log2 0.25 = 2; mean 1
 * const t = hitTable(Int32Array.of(0, 1), 2, Int32Array.of(0, 1), Int32Array.of(1));
 * const s = { pop: Int32Array.of(4, 1), trainUsers: 4, head: Uint8Array.of(1, 0), ipsGamma: 0.5, content: null, authors: null };
 * if (novelty(t, s)[0] !== 1) throw new Error();
 * ```
 */
export function novelty(t: ListTable, s: ItemStats): Float64Array {
  const info = flooredShares(s.pop, s.trainUsers);
  for (let i = 0; i < info.length; i++) info[i] = -Math.log2(info[i]);
  return listMean(t, info);
}

/**
 * `ARP@k(u) = (1/n) Σ_{i∈L} pop(i)` (average recommendation popularity).
 *
 * @example
 * ```ts
 * import { arp, hitTable } from "./mod.ts";
 * // list [0, 1, -]: pop 4 and 1 → 2.5 (the empty slot does not count)
 * const t = hitTable(Int32Array.of(0, 1, -1), 3, Int32Array.of(0, 1), Int32Array.of(1));
 * const s = { pop: Int32Array.of(4, 1), trainUsers: 4, head: Uint8Array.of(1, 0), ipsGamma: 0.5, content: null, authors: null };
 * if (arp(t, s)[0] !== 2.5) throw new Error();
 * ```
 */
export function arp(t: ListTable, s: ItemStats): Float64Array {
  return listMean(t, s.pop);
}

/**
 * `LongTailShare@k(u) = |{i ∈ L : i ∉ Head}| / n`.
 *
 * @example
 * ```ts
 * import { hitTable, longTailShare } from "./mod.ts";
 * // list [0, 1], item 0 in Head → 1 of 2 in the long tail
 * const t = hitTable(Int32Array.of(0, 1), 2, Int32Array.of(0, 1), Int32Array.of(1));
 * const s = { pop: Int32Array.of(4, 1), trainUsers: 4, head: Uint8Array.of(1, 0), ipsGamma: 0.5, content: null, authors: null };
 * if (longTailShare(t, s)[0] !== 0.5) throw new Error();
 * ```
 */
export function longTailShare(t: ListTable, s: ItemStats): Float64Array {
  return listMean(t, Uint8Array.from(s.head, (h) => 1 - h));
}

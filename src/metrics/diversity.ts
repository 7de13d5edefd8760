/**
 * Intra-list diversity (PROTOCOL §4.1): `ILD@k(u) = 1 − mean_{i<j ∈ L} sim(i, j)`
 * over the list `L = top_k(u)`; lists with fewer than 2 items get `NaN` (left
 * out of the mean). Both return null when the run has no item metadata to
 * measure similarity on.
 *
 * @module
 */
import type { ListTable } from "./hits.ts";
import type { ItemStats, SparseRows } from "./item_stats.ts";

/**
 * `1 − mean_{i<j} sim` of each row from `sumSim(items)` (the sum of `sim`
 * over the list's unordered pairs); NaN for a list of fewer than 2 items.
 */
function perList(t: ListTable, sumSim: (items: number[]) => number): Float64Array {
  const out = new Float64Array(t.n);
  const items: number[] = [];
  for (let j = 0; j < t.n; j++) {
    items.length = 0;
    for (let p = 0; p < t.k; p++) if (t.lists[j * t.k + p] >= 0) items.push(t.lists[j * t.k + p]);
    const n = items.length;
    out[j] = n < 2 ? NaN : 1 - sumSim(items) / (n * (n - 1) / 2);
  }
  return out;
}

/** Number of columns of `m` (largest index + 1). */
function width(m: SparseRows): number {
  let w = 0;
  for (let r = 0; r < m.index.length; r++) if (m.index[r] + 1 > w) w = m.index[r] + 1;
  return w;
}

/**
 * `ILD-content`: `sim` is the cosine of the items' content vectors; an item
 * with an empty vector has `sim = 0` to every other item. Computed as
 * `Σ_{i≠j} sim(i, j) = ‖Σ_i v̂_i‖² − |{i : v_i ≠ 0}|` with `v̂ = v / ‖v‖`, so
 * a list costs its vectors' length, not its pairs.
 *
 * @example
 * ```ts
 * import { hitTable, ildContent } from "./mod.ts";
 * // vectors: item 0 = (1, 0), item 1 = (1, 1), item 2 = (0, 0) (empty)
 * // list [0, 1, 2]: sims 1/√2, 0, 0 → ILD = 1 − (1/√2)/3
 * const content = { offsets: Int32Array.of(0, 1, 3, 3), index: Int32Array.of(0, 0, 1), value: Float64Array.of(1, 1, 1) };
 * const t = hitTable(Int32Array.of(0, 1, 2), 3, Int32Array.of(0, 1), Int32Array.of(0));
 * const s = { pop: new Int32Array(3), trainUsers: 1, head: new Uint8Array(3), ipsGamma: 0.5, content, authors: null };
 * const v = ildContent(t, s)![0];
 * if (Math.abs(v - (1 - Math.SQRT1_2 / 3)) > 1e-15) throw new Error(String(v));
 * ```
 */
export function ildContent(t: ListTable, s: ItemStats): Float64Array | null {
  const m = s.content;
  if (!m) return null;
  const acc = new Float64Array(width(m));
  return perList(t, (items) => {
    let nonEmpty = 0;
    for (const i of items) {
      let norm = 0;
      for (let r = m.offsets[i]; r < m.offsets[i + 1]; r++) norm += m.value[r] * m.value[r];
      if (norm === 0) continue;
      norm = Math.sqrt(norm);
      nonEmpty++;
      for (let r = m.offsets[i]; r < m.offsets[i + 1]; r++) acc[m.index[r]] += m.value[r] / norm;
    }
    let sq = 0;
    for (const i of items) {
      for (let r = m.offsets[i]; r < m.offsets[i + 1]; r++) {
        const c = m.index[r];
        sq += acc[c] * acc[c];
        acc[c] = 0;
      }
    }
    return (sq - nonEmpty) / 2; // Σ_{i≠j} counts each pair twice
  });
}

/**
 * `ILD-author`: `sim(i, j) = 1` when the items share an author, else 0.
 *
 * @example
 * ```ts
 * import { hitTable, ildAuthor } from "./mod.ts";
 * // authors: item 0 {7}, item 1 {7, 8}, item 2 {} → pairs (0,1) share; 1 of 3 → ILD = 2/3
 * const authors = { offsets: Int32Array.of(0, 1, 3, 3), ids: Int32Array.of(7, 7, 8) };
 * const t = hitTable(Int32Array.of(0, 1, 2), 3, Int32Array.of(0, 1), Int32Array.of(0));
 * const s = { pop: new Int32Array(3), trainUsers: 1, head: new Uint8Array(3), ipsGamma: 0.5, content: null, authors };
 * if (ildAuthor(t, s)![0] !== 1 - 1 / 3) throw new Error();
 * ```
 */
export function ildAuthor(t: ListTable, s: ItemStats): Float64Array | null {
  const a = s.authors;
  if (!a) return null;
  return perList(t, (items) => {
    let shared = 0;
    for (let p = 0; p < items.length; p++) {
      for (let q = p + 1; q < items.length; q++) {
        shared += shareAny(a.ids, a.offsets, items[p], items[q]);
      }
    }
    return shared;
  });
}

/** 1 when the ascending id rows of `x` and `y` intersect. */
function shareAny(ids: Int32Array, offsets: Int32Array, x: number, y: number): number {
  let p = offsets[x], q = offsets[y];
  const pe = offsets[x + 1], qe = offsets[y + 1];
  while (p < pe && q < qe) {
    if (ids[p] === ids[q]) return 1;
    if (ids[p] < ids[q]) p++;
    else q++;
  }
  return 0;
}

/**
 * TF-IDF item vectors from metadata: title words, authors, series, shelves
 * (tags) and description words, each field with its own weight.
 *
 * Terms: `w:<word>` for title and description words (one shared vocabulary),
 * `a:<author>`, `s:<series>`, `g:<tag>`. For item `i` and term `t`,
 * `tf(i, t) = Σ_fields fieldWeight · (occurrences of t in the field)`,
 * `idf(t) = ln((1 + N) / (1 + df(t))) + 1` (N = items with any term), and the
 * vector `v_i = tf·idf / ‖tf·idf‖₂`. Terms with `df < minDf` or
 * `df > maxDfRatio·N` are dropped.
 *
 * @module
 */
import type { ItemMeta } from "../data/mod.ts";
import { type Csr, transpose } from "./_sparse.ts";

/** Weight of each metadata field in the term frequencies. */
export interface FieldWeights {
  title: number;
  authors: number;
  series: number;
  tags: number;
  description: number;
}

/** Options of {@linkcode buildTfidf}. */
export interface TfidfOptions {
  fields: FieldWeights;
  /** Only the first N tags of an item (shelves come most-used first). @default 30 */
  maxTags: number;
  /** Drop terms in fewer items. @default 2 */
  minDf: number;
  /** Drop terms in more than this share of items. @default 0.5 */
  maxDfRatio: number;
}

/** Item vectors (rows = items, L2-normalised) and the inverted index (rows = terms). */
export interface TfidfModel {
  items: Csr;
  terms: Csr;
  nTerms: number;
}

const STOP = new Set(
  ("a an and are as at be but by for from has have he her his i in is it its me my no not of on or our " +
    "she so that the their them they this to was we were what when which who will with you your")
    .split(" "),
);

/**
 * Lower-cased word tokens of `text` (letters/digits, length ≥ 2, no stop
 * words, no pure numbers).
 *
 * @example
 * ```ts
 * import { tokenize } from "./_tfidf.ts";
 * if (tokenize("The Hunger Games (The Hunger Games, #1)").join() !== "hunger,games,hunger,games") throw new Error();
 * ```
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length >= 2 && !STOP.has(w) && !/^\p{N}+$/u.test(w)) out.push(w);
  }
  return out;
}

/** Term frequencies of item `i` (term string → weighted count). */
export function itemTerms(meta: ItemMeta, i: number, opts: TfidfOptions): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (t: string, w: number) => w > 0 && tf.set(t, (tf.get(t) ?? 0) + w);
  const f = opts.fields;
  for (const w of tokenize(meta.title[i])) add(`w:${w}`, f.title);
  for (const a of meta.authors[i]) add(`a:${a}`, f.authors);
  for (const s of meta.series[i]) add(`s:${s}`, f.series);
  for (const g of meta.tags[i].slice(0, opts.maxTags)) add(`g:${g.toLowerCase()}`, f.tags);
  if (f.description > 0 && meta.description[i]) {
    for (const w of tokenize(meta.description[i])) add(`w:${w}`, f.description);
  }
  return tf;
}

/**
 * Builds the TF-IDF model over all `nItems` items (catalog or not, with or
 * without train interactions: that is what lets content models reach cold
 * items). Term ids follow first appearance in item order, so the model is
 * deterministic.
 *
 * @example
 * ```ts
 * import { buildTfidf } from "./_tfidf.ts";
 * import type { ItemMeta } from "../data/types.ts";
 * const meta = { title: ["Dune", "Dune Messiah", "Emma"], authors: [["herbert"], ["herbert"], ["austen"]],
 *   series: [[], [], []], tags: [[], [], []], description: ["", "", ""], language: ["", "", ""],
 *   year: new Float64Array(3), available: new Uint8Array(3), hasMeta: new Uint8Array(3) } as ItemMeta;
 * const m = buildTfidf(meta, 3, { fields: { title: 1, authors: 1, series: 1, tags: 1, description: 0 },
 *   maxTags: 30, minDf: 2, maxDfRatio: 1 });
 * // kept terms: w:dune and a:herbert (df 2); "Emma" has no term left
 * if (m.nTerms !== 2 || m.items.offsets.join() !== "0,2,4,4") throw new Error();
 * ```
 */
export function buildTfidf(meta: ItemMeta, nItems: number, opts: TfidfOptions): TfidfModel {
  const vocab = new Map<string, number>();
  const df: number[] = [];
  // Pass 1: raw (term, tf) pairs per item in growable typed buffers (no per-pair objects).
  const rawOffsets = new Int32Array(nItems + 1);
  let rawTerm = new Int32Array(1024), rawTf = new Float32Array(1024), n = 0, nDocs = 0;
  for (let i = 0; i < nItems; i++) {
    for (const [t, w] of itemTerms(meta, i, opts)) {
      let id = vocab.get(t);
      if (id === undefined) {
        vocab.set(t, id = df.length);
        df.push(0);
      }
      df[id]++;
      if (n === rawTerm.length) {
        rawTerm = grow(rawTerm, new Int32Array(2 * n));
        rawTf = grow(rawTf, new Float32Array(2 * n));
      }
      rawTerm[n] = id;
      rawTf[n++] = w;
    }
    rawOffsets[i + 1] = n;
    if (n > rawOffsets[i]) nDocs++;
  }
  // Keep terms within the df bounds, renumbered densely in first-seen order.
  const keep = new Int32Array(df.length).fill(-1);
  const idf: number[] = [];
  for (let t = 0; t < df.length; t++) {
    if (df[t] >= opts.minDf && df[t] <= opts.maxDfRatio * nDocs) {
      keep[t] = idf.length;
      idf.push(Math.log((1 + nDocs) / (1 + df[t])) + 1);
    }
  }
  const offsets = new Int32Array(nItems + 1);
  for (let i = 0; i < nItems; i++) {
    let c = 0;
    for (let p = rawOffsets[i]; p < rawOffsets[i + 1]; p++) if (keep[rawTerm[p]] >= 0) c++;
    offsets[i + 1] = offsets[i] + c;
  }
  const index = new Int32Array(offsets[nItems]);
  const value = new Float32Array(offsets[nItems]);
  for (let i = 0; i < nItems; i++) {
    const row: number[] = [];
    for (let p = rawOffsets[i]; p < rawOffsets[i + 1]; p++) if (keep[rawTerm[p]] >= 0) row.push(p);
    row.sort((a, b) => keep[rawTerm[a]] - keep[rawTerm[b]]);
    let norm = 0;
    for (const p of row) norm += (rawTf[p] * idf[keep[rawTerm[p]]]) ** 2;
    norm = Math.sqrt(norm);
    row.forEach((p, q) => {
      const t = keep[rawTerm[p]];
      index[offsets[i] + q] = t;
      value[offsets[i] + q] = rawTf[p] * idf[t] / norm;
    });
  }
  const items = { offsets, index, value };
  return { items, terms: transpose(items, idf.length), nTerms: idf.length };
}

function grow<T extends Int32Array | Float32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * `content`: TF-IDF over item metadata (see `_tfidf.ts`), user profile = the
 * weighted mean of the vectors of the last `H` history items,
 *
 * `p_u = Σ_h c_h·v_{i_h} / Σ_h c_h`, `c_h = w_h · 0.5^(h / halfLife)`,
 *
 * pruned to its `profileTerms` largest terms, and `score(u, j) = cos(p_u, v_j)`.
 * Items need no train interaction to be scored, so cold items (zero train
 * users) are recommended: that is what this model is for. Scoring walks the
 * inverted index of the profile's terms into a dense buffer. Short lists are
 * filled from the `fallback` order.
 *
 * @example
 * ```ts
 * import { ContentRecommender } from "./content.ts";
 * import type { TrainData } from "./types.ts";
 * import type { ItemMeta } from "../data/types.ts";
 * const meta = { title: ["Dune", "Emma", "Dune Messiah"], authors: [["herbert"], ["austen"], ["herbert"]],
 *   series: [[], [], []], tags: [[], [], []], description: ["", "", ""], language: ["", "", ""],
 *   year: new Float64Array(3), available: new Uint8Array(3), hasMeta: new Uint8Array(3) } as ItemMeta;
 * const rows = { user: Int32Array.of(0, 1), item: Int32Array.of(0, 1), ts: Float64Array.of(1, 1),
 *   rating: new Uint8Array(2), isRead: new Uint8Array(2) };
 * const data: TrainData = { nUsers: 2, nItems: 3, train: rows, userOffsets: Int32Array.of(0, 1, 2),
 *   weight: new Float32Array(2).fill(1), userIds: ["a", "b"], itemIds: ["x", "y", "z"], items: meta,
 *   catalog: new Uint8Array(3).fill(1), splitTime: 9 };
 * const m = new ContentRecommender({ fallback: null, maxDfRatio: 1 });
 * m.fit(data);
 * // user 0 read Dune: Dune Messiah (item 2) has no train user at all, and still comes first
 * if ((await m.recommend(Int32Array.of(0), 1)).items.join() !== "2") throw new Error();
 * ```
 * @module
 */
import type { ItemMeta } from "../data/mod.ts";
import type { ModelState, RecLists, Recommender, RecommenderFactory, TrainData } from "./types.ts";
import { buildTfidf, type FieldWeights, type TfidfModel, type TfidfOptions } from "./_tfidf.ts";
import { csrArrays, csrFrom, transpose } from "./_sparse.ts";
import { ListBuilder, recencyDecay } from "./_lists.ts";
import { type FallbackKind, fallbackOrder, FALLBACKS, itemLabel } from "./_fallback.ts";
import { defaultParams, type ParamTable } from "./params.ts";
import { topKInto } from "./topk.ts";

/** Params of `content`. */
export interface ContentParams extends TfidfOptions {
  /** Last H train rows that make the profile. @default 50 */
  historyLength: number;
  /** Half-life of the profile's recency decay, in rows; null = none. @default 20 */
  recencyHalfLife: number | null;
  /** Profile terms kept (largest weights). @default 50 */
  profileTerms: number;
  /** Order that fills short lists. @default "popular" */
  fallback: FallbackKind;
}

/** Default field weights of the TF-IDF vectors. */
export const DEFAULT_FIELDS: FieldWeights = {
  title: 1,
  authors: 3,
  series: 3,
  tags: 1,
  description: 0.5,
};

/** The params of `content`: defaults, docs and the values each takes. */
export const CONTENT_PARAMS: ParamTable = {
  fields: {
    kind: "numbers",
    default: DEFAULT_FIELDS,
    doc: "Weight per field: title, authors, series, tags, description.",
  },
  maxTags: {
    kind: "number",
    int: true,
    min: 0,
    default: 30,
    doc: "Use only the first N tags (shelves) of an item.",
  },
  minDf: { kind: "number", int: true, min: 1, default: 2, doc: "Drop terms found in fewer items." },
  maxDfRatio: {
    kind: "number",
    min: 0,
    max: 1,
    default: 0.5,
    doc: "Drop terms found in more than this share of items.",
  },
  historyLength: {
    kind: "number",
    int: true,
    min: 1,
    default: 50,
    doc: "Last H train rows that make the user profile.",
  },
  recencyHalfLife: {
    kind: "number",
    exclusiveMin: 0,
    nullable: true,
    default: 20,
    doc: "Half-life of the profile's recency decay in rows (null = none).",
  },
  profileTerms: {
    kind: "number",
    int: true,
    min: 1,
    default: 50,
    doc: "Largest profile terms kept for scoring.",
  },
  fallback: {
    kind: "choice",
    choices: FALLBACKS,
    default: "popular",
    doc: 'Fills short lists: "popular", "trending", "newest" or null.',
  },
};

/** Default params of `content` (from {@linkcode CONTENT_PARAMS}). */
export const CONTENT_DEFAULTS: ContentParams = defaultParams(
  CONTENT_PARAMS,
) as unknown as ContentParams;

/**
 * The items' content TF-IDF vectors with the `content` model's default
 * fields and limits (L2-normalised rows; an item without terms has an empty
 * row): what `ILD-content` (PROTOCOL §4.1) measures similarity on, the same
 * for every arm whatever their params.
 */
export function contentVectors(
  meta: ItemMeta,
  nItems: number,
): { offsets: Int32Array; index: Int32Array; value: Float32Array } {
  return buildTfidf(meta, nItems, CONTENT_DEFAULTS).items;
}

/** Content-based model over TF-IDF metadata vectors. */
export class ContentRecommender implements Recommender {
  readonly type = "content";
  readonly params: ContentParams;
  /** Item vectors and inverted index. */
  model!: TfidfModel;
  #data!: TrainData;
  #lists!: ListBuilder;
  #fallback: Int32Array | null = null;
  #score!: Float64Array;
  #touched!: Int32Array;
  #profile!: Float64Array;
  #pTouched!: Int32Array;
  #pTop!: Int32Array;

  constructor(params: Partial<ContentParams> = {}) {
    this.params = { ...CONTENT_DEFAULTS, ...params };
  }

  fit(data: TrainData): void {
    const model = data.items
      ? buildTfidf(data.items, data.nItems, this.params)
      : buildTfidf(emptyMeta(data.nItems), data.nItems, this.params);
    this.#init(data, model, fallbackOrder(data, this.params.fallback));
  }

  #init(data: TrainData, model: TfidfModel, fallback: Int32Array | null): void {
    this.#data = data;
    this.model = model;
    this.#fallback = fallback;
    this.#lists = new ListBuilder(data);
    this.#score = new Float64Array(data.nItems);
    this.#touched = new Int32Array(data.nItems);
    this.#profile = new Float64Array(model.nTerms);
    this.#pTouched = new Int32Array(model.nTerms);
    this.#pTop = new Int32Array(this.params.profileTerms);
  }

  /**
   * Writes `cos(p_u, v_j)` into `score` for every item sharing a profile term
   * (`score` must be zero there), lists them in `touched`; returns the count.
   */
  scoreUser(u: number, score: Float64Array, touched: Int32Array): number {
    const { userOffsets, train, weight } = this.#data;
    const { items, terms } = this.model;
    const profile = this.#profile, pTouched = this.#pTouched;
    const end = userOffsets[u + 1];
    let nt = 0, total = 0;
    for (let r = end - 1; r >= Math.max(userOffsets[u], end - this.params.historyLength); r--) {
      const c = weight[r] * recencyDecay(end - 1 - r, this.params.recencyHalfLife);
      const i = train.item[r];
      if (!(c > 0) || items.offsets[i] === items.offsets[i + 1]) continue;
      total += c;
      for (let p = items.offsets[i]; p < items.offsets[i + 1]; p++) {
        const t = items.index[p];
        if (profile[t] === 0) pTouched[nt++] = t;
        profile[t] += c * items.value[p];
      }
    }
    const kept = topKInto(
      profile,
      this.params.profileTerms,
      this.#pTop,
      0,
      () => false,
      pTouched,
      nt,
    );
    let norm = 0;
    for (let q = 0; q < kept; q++) norm += profile[this.#pTop[q]] ** 2;
    norm = Math.sqrt(norm);
    let n = 0;
    for (let q = 0; q < kept; q++) {
      const t = this.#pTop[q];
      const pt = profile[t] / norm;
      for (let p = terms.offsets[t]; p < terms.offsets[t + 1]; p++) {
        const j = terms.index[p];
        const add = pt * terms.value[p];
        if (!(add > 0)) continue;
        if (score[j] === 0) touched[n++] = j;
        score[j] += add;
      }
    }
    for (let q = 0; q < nt; q++) profile[pTouched[q]] = 0;
    return total > 0 ? n : 0;
  }

  recommend(users: Int32Array, k: number): Promise<RecLists> {
    const score = this.#score, touched = this.#touched;
    return Promise.resolve(this.#lists.fromScores(
      users,
      k,
      score,
      touched,
      (u) => this.scoreUser(u, score, touched),
      this.#fallback,
    ));
  }

  /** The history item (last H rows) whose vector is closest to item `j`'s, or -1. */
  bestSource(u: number, j: number): number {
    const { userOffsets, train } = this.#data;
    const end = userOffsets[u + 1];
    let best = -1, bestDot = 0;
    for (let r = end - 1; r >= Math.max(userOffsets[u], end - this.params.historyLength); r--) {
      const d = this.#dot(train.item[r], j);
      if (d > bestDot) [best, bestDot] = [train.item[r], d];
    }
    return best;
  }

  #dot(a: number, b: number): number {
    const { offsets, index, value } = this.model.items;
    let p = offsets[a], q = offsets[b], s = 0;
    while (p < offsets[a + 1] && q < offsets[b + 1]) {
      if (index[p] === index[q]) s += value[p++] * value[q++];
      else if (index[p] < index[q]) p++;
      else q++;
    }
    return s;
  }

  explain(user: number, items: Int32Array): string[] {
    return Array.from(items, (j) => {
      if (j < 0) return "";
      const src = this.bestSource(user, j);
      return src >= 0 ? `similar to ${itemLabel(this.#data, src)}` : "popular now";
    });
  }

  exportState(): ModelState {
    const arrays: ModelState["arrays"] = csrArrays("items", this.model.items);
    if (this.#fallback) arrays.fallback = this.#fallback;
    return { arrays, json: { nTerms: this.model.nTerms } };
  }

  importState(data: TrainData, state: ModelState): void {
    const items = csrFrom("items", state.arrays);
    const nTerms = state.json.nTerms as number;
    const model = { items, terms: transpose(items, nTerms), nTerms };
    this.#init(data, model, (state.arrays.fallback as Int32Array) ?? null);
  }
}

function emptyMeta(n: number) {
  const lists = () => Array.from({ length: n }, () => [] as string[]);
  return {
    title: new Array(n).fill(""),
    authors: lists(),
    series: lists(),
    tags: lists(),
    description: new Array(n).fill(""),
    language: new Array(n).fill(""),
    year: new Float64Array(n).fill(NaN),
    available: new Uint8Array(n).fill(1),
    hasMeta: new Uint8Array(n),
  };
}

/** Registry entry of `content`. */
export const contentFactory: RecommenderFactory = {
  type: "content",
  description:
    "TF-IDF over title/authors/series/shelves/description; cosine to the user's mean profile (reaches cold items).",
  params: CONTENT_PARAMS,
  create: (params) => new ContentRecommender(params as unknown as ContentParams),
};

/**
 * `item2item`: item-based collaborative filtering. Neighbours come from
 * {@linkcode itemNeighbours} (cosine by default, Jaccard, or popularity-damped
 * cosine, top-N per item); a user's score for item `j` sums, over the last `H`
 * train rows `h = 0..H−1` (0 = most recent),
 *
 * `score(u, j) = Σ_h w_h · 0.5^(h / halfLife) · s(i_h, j)`
 *
 * where `w_h` is the PROTOCOL §1 weight of the row. Scoring uses a dense
 * `Float64Array(nItems)` buffer and a touched list per user, so a user costs
 * `O(H·N + t·log k)` (`t` = touched items). Short lists are filled from the
 * `fallback` order.
 *
 * @example
 * ```ts
 * import { Item2ItemRecommender } from "./item2item.ts";
 * import type { TrainData } from "./types.ts";
 * // users 0 and 1 read items 0 then 1; user 2 read item 0 only
 * const rows = { user: Int32Array.of(0, 0, 1, 1, 2), item: Int32Array.of(0, 1, 0, 1, 0),
 *   ts: Float64Array.of(1, 2, 1, 2, 1), rating: new Uint8Array(5), isRead: new Uint8Array(5) };
 * const data: TrainData = { nUsers: 3, nItems: 3, train: rows, userOffsets: Int32Array.of(0, 2, 4, 5),
 *   weight: new Float32Array(5).fill(1), userIds: ["a", "b", "c"], itemIds: ["x", "y", "z"], items: null,
 *   catalog: new Uint8Array(3).fill(1), splitTime: 9 };
 * const m = new Item2ItemRecommender();
 * m.fit(data);
 * // user 2: item 1 from CF, then item 2 from the popular fallback
 * if ((await m.recommend(Int32Array.of(2), 2)).items.join() !== "1,2") throw new Error();
 * ```
 * @module
 */
import type { ModelState, RecLists, Recommender, RecommenderFactory, TrainData } from "./types.ts";
import { itemNeighboursParallel } from "./_item2item_parallel.ts";
import { itemNeighbours, type NeighbourOptions } from "./_item2item_sim.ts";
import { type Csr, csrArrays, csrFrom } from "./_sparse.ts";
import { ListBuilder, recencyDecay } from "./_lists.ts";
import { type FallbackKind, fallbackOrder, FALLBACKS, itemLabel } from "./_fallback.ts";
import { ParamReader } from "./params.ts";

/** Params of `item2item` (see the factory's `params` for defaults). */
export interface Item2ItemParams extends NeighbourOptions {
  /** Last H train rows of a user that vote. @default 50 */
  historyLength: number;
  /** Half-life of the recency decay, in rows; null = no decay. @default 20 */
  recencyHalfLife: number | null;
  /** Order that fills short lists. @default "popular" */
  fallback: FallbackKind;
}

/** Default params of `item2item`. */
export const ITEM2ITEM_DEFAULTS: Item2ItemParams = {
  similarity: "cosine",
  neighbours: 100,
  maxUserHistory: 200,
  shrink: 10,
  damping: 0.5,
  historyLength: 50,
  recencyHalfLife: 20,
  fallback: "popular",
};

/** Item-based CF with a dense per-user score buffer. */
export class Item2ItemRecommender implements Recommender {
  readonly type = "item2item";
  readonly params: Item2ItemParams;
  /** Top-N neighbours per item (row = item). */
  neighbours!: Csr;
  #data!: TrainData;
  #lists!: ListBuilder;
  #fallback: Int32Array | null = null;
  #score!: Float64Array;
  #touched!: Int32Array;

  constructor(params: Partial<Item2ItemParams> = {}) {
    this.params = { ...ITEM2ITEM_DEFAULTS, ...params };
  }

  fit(data: TrainData): void | Promise<void> {
    this.useNeighbours(data, itemNeighbours(data, this.params));
  }

  /** Fits from an already computed neighbour table. */
  protected useNeighbours(data: TrainData, neighbours: Csr): void {
    this.#init(data, neighbours, fallbackOrder(data, this.params.fallback));
  }

  #init(data: TrainData, neighbours: Csr, fallback: Int32Array | null): void {
    this.#data = data;
    this.neighbours = neighbours;
    this.#fallback = fallback;
    this.#lists = new ListBuilder(data);
    this.#score = new Float64Array(data.nItems);
    this.#touched = new Int32Array(data.nItems);
  }

  /**
   * Adds user `u`'s scores into `score` (which must be all zero on the touched
   * items) and lists the touched items in `touched`; returns their count.
   */
  scoreUser(u: number, score: Float64Array, touched: Int32Array): number {
    const { userOffsets, train, weight } = this.#data;
    const { offsets, index, value } = this.neighbours;
    const end = userOffsets[u + 1];
    const from = Math.max(userOffsets[u], end - this.params.historyLength);
    let n = 0;
    for (let r = end - 1; r >= from; r--) {
      const c = weight[r] * recencyDecay(end - 1 - r, this.params.recencyHalfLife);
      const i = train.item[r];
      for (let p = offsets[i]; p < offsets[i + 1]; p++) {
        const j = index[p];
        const add = c * value[p];
        if (!(add > 0)) continue; // keeps "score > 0" ⇔ "touched"
        if (score[j] === 0) touched[n++] = j;
        score[j] += add;
      }
    }
    return n;
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

  /**
   * The history item of `u` contributing most to item `j`'s score, or -1 when
   * `j` is no neighbour of the last `H` rows.
   */
  bestSource(u: number, j: number): number {
    const { userOffsets, train, weight } = this.#data;
    const { offsets, index, value } = this.neighbours;
    const end = userOffsets[u + 1];
    let best = -1, bestScore = 0;
    for (let r = end - 1; r >= Math.max(userOffsets[u], end - this.params.historyLength); r--) {
      const i = train.item[r];
      for (let p = offsets[i]; p < offsets[i + 1]; p++) {
        if (index[p] !== j) continue;
        const c = weight[r] * recencyDecay(end - 1 - r, this.params.recencyHalfLife) * value[p];
        if (c > bestScore) [best, bestScore] = [i, c];
      }
    }
    return best;
  }

  explain(user: number, items: Int32Array): string[] {
    return Array.from(items, (j) => {
      if (j < 0) return "";
      const src = this.bestSource(user, j);
      return src >= 0 ? `readers of ${itemLabel(this.#data, src)} also read` : "popular now";
    });
  }

  exportState(): ModelState {
    const arrays: ModelState["arrays"] = csrArrays("neighbours", this.neighbours);
    if (this.#fallback) arrays.fallback = this.#fallback;
    return { arrays, json: {} };
  }

  importState(data: TrainData, state: ModelState): void {
    this.#init(
      data,
      csrFrom("neighbours", state.arrays),
      (state.arrays.fallback as Int32Array) ?? null,
    );
  }
}

/** Reads and validates `item2item` params (resolved, defaults filled). */
export function readItem2ItemParams(
  params: Record<string, unknown>,
  path: string,
): Item2ItemParams {
  const r = new ParamReader(params, path);
  return {
    similarity: r.oneOf("similarity", ["cosine", "jaccard", "damped"]),
    neighbours: r.num("neighbours", { min: 1, int: true }),
    maxUserHistory: r.num("maxUserHistory", { min: 1, int: true }),
    shrink: r.num("shrink", { min: 0 }),
    damping: r.num("damping", { min: 0 }),
    historyLength: r.num("historyLength", { min: 1, int: true }),
    recencyHalfLife: r.numOrNull("recencyHalfLife", { min: Number.MIN_VALUE }),
    fallback: r.oneOf("fallback", FALLBACKS),
  };
}

/**
 * `item2item` as the registry creates it: the neighbour table is computed on
 * all cores (identical result to {@linkcode Item2ItemRecommender.fit}).
 */
export class ParallelItem2ItemRecommender extends Item2ItemRecommender {
  readonly #threads: number | undefined;

  /** `threads`: workers of the fit (default: the machine's cores). */
  constructor(params: Partial<Item2ItemParams> = {}, threads?: number) {
    super(params);
    this.#threads = threads;
  }

  override async fit(data: TrainData): Promise<void> {
    this.useNeighbours(data, await itemNeighboursParallel(data, this.params, this.#threads));
  }
}

/** Registry entry of `item2item`. */
export const item2itemFactory: RecommenderFactory = {
  type: "item2item",
  description:
    "Item-based CF: top-N neighbours by cosine/Jaccard/damped similarity, recency-decayed history votes.",
  params: {
    similarity: {
      default: "cosine",
      doc: '"cosine", "jaccard" or "damped" (cosine · n_j^-damping).',
    },
    neighbours: { default: 100, doc: "Neighbours kept per item." },
    maxUserHistory: {
      default: 200,
      doc: "Most recent rows per user used to count co-occurrences.",
    },
    shrink: {
      default: 10,
      doc: "Added to the similarity denominator (damps pairs with little support).",
    },
    damping: { default: 0.5, doc: "Popularity damping exponent of the `damped` similarity." },
    historyLength: {
      default: 50,
      doc: "Last H train rows of a user that vote at recommendation time.",
    },
    recencyHalfLife: { default: 20, doc: "Half-life of the vote decay in rows (null = no decay)." },
    fallback: {
      default: "popular",
      doc: 'Fills short lists: "popular", "trending", "newest" or null.',
    },
  },
  create: (params, ctx) =>
    new ParallelItem2ItemRecommender(
      readItem2ItemParams(params, `${ctx.path ?? "recommender"}.params`),
      ctx.threads,
    ),
  // Serving reads the train items, offsets and weights and the catalog (explanations, which
  // name items, are made on the calling thread): no user ids, which would be cloned into every
  // worker (696k strings on the full YA shape: ~1 s and ~200 MiB)
  servingData: (d) => ({
    ...d,
    userIds: [],
    train: { ...d.train, user: NONE, ts: NO_TS, rating: NO_U8, isRead: NO_U8 },
  }),
};

const NONE = new Int32Array(0), NO_TS = new Float64Array(0), NO_U8 = new Uint8Array(0);

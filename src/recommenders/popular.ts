/**
 * `popular` and `trending`: items ranked by the number of distinct train users,
 * all of train (`popular`) or only the last `windowDays` days before the split
 * (`trending`, ties broken by all-time popularity). Ties then go to the lower
 * item index. Seen and non-catalog items are skipped.
 *
 * Score: `pop(i) = |{u : (u, i) ∈ train, ts ≥ T − windowDays·86400}|`
 * (rows are unique per (user, item) after cleaning, so rows = distinct users).
 *
 * @example
 * ```ts
 * import { PopularRecommender } from "./popular.ts";
 * import type { TrainData } from "./types.ts";
 * const rows = { user: Int32Array.of(0, 1, 1), item: Int32Array.of(2, 0, 2), ts: Float64Array.of(1, 1, 2),
 *   rating: new Uint8Array(3), isRead: new Uint8Array(3) };
 * const data: TrainData = { nUsers: 3, nItems: 3, train: rows, userOffsets: Int32Array.of(0, 1, 3, 3),
 *   weight: new Float32Array(3).fill(1), userIds: ["a", "b", "c"], itemIds: ["x", "y", "z"], items: null,
 *   catalog: new Uint8Array(3).fill(1), splitTime: 3 };
 * const m = new PopularRecommender();
 * m.fit(data);
 * // item 2 has two users, item 0 one, item 1 none; user 0 has seen item 2
 * if ((await m.recommend(Int32Array.of(0, 2), 2)).items.join() !== "0,1,2,0") throw new Error();
 * ```
 * @module
 */
import type { ModelState, RecLists, Recommender, RecommenderFactory, TrainData } from "./types.ts";
import { ListBuilder } from "./_lists.ts";

/**
 * Distinct train users per item, counting only rows with
 * `ts ≥ splitTime − windowDays·86400` (all rows when `windowDays` is null).
 */
export function popularityCounts(data: TrainData, windowDays: number | null = null): Float64Array {
  const { train } = data;
  const from = windowDays === null ? -Infinity : data.splitTime - windowDays * 86400;
  const score = new Float64Array(data.nItems);
  for (let r = 0; r < train.item.length; r++) if (train.ts[r] >= from) score[train.item[r]] += 1;
  return score;
}

/**
 * Catalog items by descending `score`, then descending `second`, then lower
 * index.
 *
 * @example
 * ```ts
 * import { rankOrder } from "./popular.ts";
 * const o = rankOrder(Float64Array.of(1, 3, 1, 0), Uint8Array.of(1, 1, 1, 1), Float64Array.of(0, 0, 5, 0));
 * if (o.join() !== "1,2,0,3") throw new Error(o.join());
 * ```
 */
export function rankOrder(
  score: ArrayLike<number>,
  catalog: Uint8Array,
  second?: ArrayLike<number>,
): Int32Array {
  const idx: number[] = [];
  for (let i = 0; i < catalog.length; i++) if (catalog[i]) idx.push(i);
  if (second) idx.sort((a, b) => score[b] - score[a] || second[b] - second[a] || a - b);
  else idx.sort((a, b) => score[b] - score[a] || a - b);
  return Int32Array.from(idx);
}

/** Params of `popular` / `trending`. */
export interface PopularParams {
  /** Only count interactions in the last N days of train. @default null for popular, 30 for trending */
  windowDays: number | null;
}

/** Popularity ranking: scores per item and the catalog order by score. */
export class PopularRecommender implements Recommender {
  readonly type: string;
  readonly params: PopularParams;
  /** Score per item (distinct users in the window). */
  score!: Float64Array;
  /** Catalog items by descending score (ties: all-time popularity, then lower index). */
  order!: Int32Array;
  #lists!: ListBuilder;

  constructor(params: Partial<PopularParams> = {}, type = "popular") {
    this.type = type;
    this.params = { windowDays: params.windowDays ?? null };
  }

  fit(data: TrainData): void {
    const all = popularityCounts(data);
    this.score = this.params.windowDays === null
      ? all
      : popularityCounts(data, this.params.windowDays);
    this.order = rankOrder(
      this.score,
      data.catalog,
      this.params.windowDays === null ? undefined : all,
    );
    this.#lists = new ListBuilder(data);
  }

  recommend(users: Int32Array, k: number): Promise<RecLists> {
    return Promise.resolve(this.#lists.fromOrder(this.order, users, k));
  }

  explain(_user: number, items: Int32Array): string[] {
    const recent = this.params.windowDays !== null;
    return Array.from(
      items,
      (i) =>
        i < 0
          ? ""
          : recent
          ? `popular now (${this.score[i]} recent readers)`
          : `popular (${this.score[i]} readers)`,
    );
  }

  exportState(): ModelState {
    return { arrays: { score: this.score, order: this.order }, json: {} };
  }

  importState(data: TrainData, state: ModelState): void {
    this.score = state.arrays.score as Float64Array;
    this.order = state.arrays.order as Int32Array;
    this.#lists = new ListBuilder(data);
  }
}

/** Registry entry of `popular`. */
export const popularFactory: RecommenderFactory = {
  type: "popular",
  description: "Most popular items by distinct train users (optionally in a recent window).",
  params: {
    windowDays: {
      kind: "number",
      min: 0,
      nullable: true,
      default: null,
      doc: "Count only the last N days of train (null = all of train).",
    },
  },
  create: (params) => new PopularRecommender({ windowDays: params.windowDays as number | null }),
};

/** Registry entry of `trending`. */
export const trendingFactory: RecommenderFactory = {
  type: "trending",
  description:
    "Items with the most distinct users in the last N days of train (ties: all-time popularity).",
  params: {
    windowDays: {
      kind: "number",
      min: 0,
      nullable: true,
      default: 30,
      doc: "Window in days before the split instant.",
    },
  },
  create: (params) =>
    new PopularRecommender({ windowDays: params.windowDays as number | null }, "trending"),
};

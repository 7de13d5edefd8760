/**
 * `newest`: the most recent catalog items first, by publication year
 * (metadata) or by first appearance in train. Ties go to the more popular
 * item (distinct train users), then the lower index. Items whose key is unknown
 * (no year / never in train) come after all dated ones, ordered by the other
 * key. Seen and non-catalog items are skipped. Usable alone and as the
 * fallback / candidate source of other models.
 *
 * @example
 * ```ts
 * import { newestOrder } from "./newest.ts";
 * import type { TrainData } from "./types.ts";
 * const rows = { user: Int32Array.of(0, 0), item: Int32Array.of(0, 1), ts: Float64Array.of(5, 9),
 *   rating: new Uint8Array(2), isRead: new Uint8Array(2) };
 * const data: TrainData = { nUsers: 1, nItems: 3, train: rows, userOffsets: Int32Array.of(0, 2),
 *   weight: new Float32Array(2).fill(1), userIds: ["a"], itemIds: ["x", "y", "z"], items: null,
 *   catalog: new Uint8Array(3).fill(1), splitTime: 10 };
 * // by first appearance: item 1 (ts 9), item 0 (ts 5), then item 2 (never in train)
 * if (newestOrder(data, "firstSeen").join() !== "1,0,2") throw new Error();
 * ```
 * @module
 */
import type { ModelState, RecLists, Recommender, RecommenderFactory, TrainData } from "./types.ts";
import { ListBuilder } from "./_lists.ts";
import { popularityCounts } from "./popular.ts";

/** What "newest" means. `auto` = `year` when any catalog item has a year, else `firstSeen`. */
export type NewestBy = "auto" | "year" | "firstSeen";

/** First train timestamp per item (NaN when the item has no train row). */
export function firstSeen(data: TrainData): Float64Array {
  const first = new Float64Array(data.nItems).fill(NaN);
  const { item, ts } = data.train;
  for (let r = 0; r < item.length; r++) {
    const i = item[r];
    if (!(first[i] <= ts[r])) first[i] = ts[r];
  }
  return first;
}

/** Resolves `auto` against the data. */
export function resolveNewestBy(data: TrainData, by: NewestBy): "year" | "firstSeen" {
  if (by !== "auto") return by;
  const year = data.items?.year;
  if (year) {
    for (let i = 0; i < data.nItems; i++) {
      if (data.catalog[i] && !Number.isNaN(year[i])) return "year";
    }
  }
  return "firstSeen";
}

/** Catalog items, newest first (see the module doc for the exact order). */
export function newestOrder(data: TrainData, by: NewestBy = "auto"): Int32Array {
  const how = resolveNewestBy(data, by);
  const seen = firstSeen(data);
  const year = data.items?.year ?? new Float64Array(data.nItems).fill(NaN);
  const key = how === "year" ? year : seen;
  const other = how === "year" ? seen : year;
  const pop = popularityCounts(data);
  const idx: number[] = [];
  for (let i = 0; i < data.nItems; i++) if (data.catalog[i]) idx.push(i);
  const desc = (x: number, y: number) => {
    const kx = Number.isNaN(x), ky = Number.isNaN(y);
    return kx || ky ? (kx ? 1 : 0) - (ky ? 1 : 0) : y - x;
  };
  idx.sort((a, b) => {
    const ka = Number.isNaN(key[a]), kb = Number.isNaN(key[b]);
    if (ka !== kb) return ka ? 1 : -1;
    if (!ka) return key[b] - key[a] || pop[b] - pop[a] || a - b;
    return desc(other[a], other[b]) || pop[b] - pop[a] || a - b;
  });
  return Int32Array.from(idx);
}

/** Params of `newest`. */
export interface NewestParams {
  /** Ordering key. @default "auto" */
  by: NewestBy;
}

/** Newest-first ranking. */
export class NewestRecommender implements Recommender {
  readonly type = "newest";
  /** Catalog items newest first. */
  order!: Int32Array;
  #lists!: ListBuilder;
  #data!: TrainData;
  constructor(readonly params: NewestParams = { by: "auto" }) {}

  fit(data: TrainData): void {
    this.order = newestOrder(data, this.params.by);
    this.#lists = new ListBuilder(data);
    this.#data = data;
  }

  recommend(users: Int32Array, k: number): Promise<RecLists> {
    return Promise.resolve(this.#lists.fromOrder(this.order, users, k));
  }

  explain(_user: number, items: Int32Array): string[] {
    const year = this.#data.items?.year;
    return Array.from(
      items,
      (i) => i < 0 ? "" : year && !Number.isNaN(year[i]) ? `new (${year[i]})` : "new arrival",
    );
  }

  exportState(): ModelState {
    return { arrays: { order: this.order }, json: {} };
  }

  importState(data: TrainData, state: ModelState): void {
    this.order = state.arrays.order as Int32Array;
    this.#lists = new ListBuilder(data);
    this.#data = data;
  }
}

/** Registry entry of `newest`. */
export const newestFactory: RecommenderFactory = {
  type: "newest",
  description: "Newest catalog items first (publication year, or first appearance in train).",
  params: {
    by: {
      kind: "choice",
      choices: ["auto", "year", "firstSeen"],
      default: "auto",
      doc: '"year", "firstSeen", or "auto" (year when the metadata has years).',
    },
  },
  create: (params) => new NewestRecommender({ by: params.by as NewestParams["by"] }),
};

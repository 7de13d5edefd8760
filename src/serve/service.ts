/**
 * The recommendation service behind the HTTP API, free of HTTP: string ids in,
 * lists of books out, with the popular fallback when the model cannot answer.
 *
 * - A **known** user has train history. While the model is loaded, a known
 *   user's items are exactly the model's `recommend([u], limit)` list (the
 *   `-1` padding of short lists dropped), and a batch of users is one
 *   `recommend(users, limit)` call — the same lists the in-process replay
 *   gets for that `k`, so an HTTP arm can reproduce a replay.
 * - **Fallback** (`fallback: true`): an unknown user (no train history) gets
 *   the top of the popular order; a known user gets the popular list without
 *   their seen books while the model is not loaded yet, or when the model
 *   threw on the request (the error is logged and counted).
 * - **Similar books** of an item come from the model's item–item neighbour
 *   table (`item2item`), best first, catalog only; an item the model has no
 *   neighbours for, or a model without such a table, gets the popular
 *   order without the item itself (`fallback: true`).
 *
 * Each item carries its rank, a `score` and an explanation. The Recommender
 * contract returns ordered lists, not model scores, so `score` is the
 * reciprocal rank `1 / rank` for recommendations; for similar books it is the
 * neighbour similarity `s(i, j)` the model stored.
 *
 * @module
 */
import {
  createRecommender,
  type PopularRecommender,
  type Recommender,
  type TrainData,
} from "../recommenders/mod.ts";

/** One recommended book. */
export interface ServedItem {
  item_id: string;
  /** 1-based position. */
  rank: number;
  /** `1 / rank` for recommendations, the neighbour similarity for similar books. */
  score: number;
  /** Title ("" when the data has none). */
  title: string;
  authors: string[];
  /** Why this book (from the model's `explain`, or the fallback's). */
  explanation: string;
}

/** A list for one user or one item. */
export interface ServedList {
  /** True when the popular fallback answered instead of the model. */
  fallback: boolean;
  items: ServedItem[];
}

/** Fallback orders the service may use. */
export type ServiceFallback = "popular" | "trending";

/** Request counts since start. */
export interface ServiceCounts {
  /** Users answered by the model. */
  model: number;
  /** Users answered by the fallback. */
  fallback: number;
  /** Model calls that threw (their users got the fallback). */
  modelErrors: number;
}

/** An item–item neighbour table as `item2item` exposes it (row = item, best first). */
interface Neighbours {
  offsets: Int32Array;
  index: Int32Array;
  value: Float32Array;
}

/** Lists for string ids from a model (once loaded) and a popular fallback. */
export class RecommendationService {
  readonly data: TrainData;
  readonly counts: ServiceCounts = { model: 0, fallback: 0, modelErrors: 0 };
  readonly #users = new Map<string, number>();
  readonly #items = new Map<string, number>();
  readonly #fallback: PopularRecommender;
  #model: Recommender | null = null;

  /** Builds the id maps and fits the fallback (one pass over the train rows). */
  constructor(data: TrainData, fallback: ServiceFallback = "popular") {
    this.data = data;
    data.userIds.forEach((id, u) => this.#users.set(id, u));
    data.itemIds.forEach((id, i) => this.#items.set(id, i));
    // `popular` and `trending` are PopularRecommenders with the registry's defaults.
    this.#fallback = createRecommender({ type: fallback }, {
      seed: 0,
      baseDir: ".",
    }) as PopularRecommender;
    this.#fallback.fit(data);
  }

  /** The model, once loaded (null before). */
  get model(): Recommender | null {
    return this.#model;
  }

  /** Starts answering known users with `model`. */
  setModel(model: Recommender): void {
    this.#model = model;
  }

  /** True when `id` is an item of the data. */
  hasItem(id: string): boolean {
    return this.#items.has(id);
  }

  /**
   * Lists of `limit` items for `userIds`, in order: the known users' lists in
   * one model call, the others from the fallback.
   */
  async recommend(userIds: string[], limit: number): Promise<ServedList[]> {
    const idx = userIds.map((id) => this.#known(id));
    const out: ServedList[] = new Array(userIds.length);
    const byModel = this.#model ? idx.flatMap((u, j) => (u >= 0 ? [j] : [])) : [];
    if (byModel.length > 0) {
      const users = Int32Array.from(byModel, (j) => idx[j]);
      try {
        const lists = await this.#model!.recommend(users, limit);
        byModel.forEach((j, b) => {
          out[j] = this.#list(
            this.#model!,
            users[b],
            lists.items.subarray(b * lists.k, (b + 1) * lists.k),
            false,
          );
        });
        this.counts.model += byModel.length;
      } catch (e) {
        this.counts.modelErrors++;
        console.error(`abreplay serve: the model failed on ${users.length} user(s):`, e);
      }
    }
    for (let j = 0; j < out.length; j++) {
      if (out[j]) continue;
      this.counts.fallback++;
      out[j] = idx[j] >= 0 ? await this.#fallbackFor(idx[j], limit) : this.#fallbackTop(limit, -1);
    }
    return out;
  }

  /** Books similar to item `itemId` (which must exist: see {@linkcode hasItem}). */
  similar(itemId: string, limit: number): ServedList {
    const i = this.#items.get(itemId)!;
    const nb = neighboursOf(this.#model);
    const picked: number[] = [], score: number[] = [];
    if (nb) {
      for (let p = nb.offsets[i]; p < nb.offsets[i + 1] && picked.length < limit; p++) {
        const j = nb.index[p];
        if (j === i || !this.data.catalog[j] || !(nb.value[p] > 0)) continue;
        picked.push(j);
        score.push(nb.value[p]);
      }
    }
    if (picked.length === 0) return this.#fallbackTop(limit, i);
    const label = this.#label(i);
    return {
      fallback: false,
      items: picked.map((j, p) => ({
        ...this.#item(j, p + 1),
        score: score[p],
        explanation: `readers of ${label} also read`,
      })),
    };
  }

  /** Dense index of a user with train history, else -1. */
  #known(id: string): number {
    const u = this.#users.get(id);
    if (u === undefined) return -1;
    return this.data.userOffsets[u + 1] > this.data.userOffsets[u] ? u : -1;
  }

  /** The fallback's list for known user `u` (nothing they have seen). */
  async #fallbackFor(u: number, limit: number): Promise<ServedList> {
    const items = (await this.#fallback.recommend(Int32Array.of(u), limit)).items;
    return this.#list(this.#fallback, u, items, true);
  }

  /** The fallback's top items for an unknown user, without item `skip`. */
  #fallbackTop(limit: number, skip: number): ServedList {
    const fb = this.#fallback;
    const top: number[] = [];
    for (let p = 0; p < fb.order.length && top.length < limit; p++) {
      if (fb.order[p] !== skip) top.push(fb.order[p]);
    }
    return this.#list(fb, -1, Int32Array.from(top), true); // explanations ignore the user
  }

  #list(rec: Recommender, u: number, items: Int32Array, fallback: boolean): ServedList {
    let n = 0;
    while (n < items.length && items[n] >= 0) n++;
    const valid = items.subarray(0, n);
    const why = rec.explain?.(u, valid) ?? [];
    return {
      fallback,
      items: Array.from(valid, (i, p) => ({ ...this.#item(i, p + 1), explanation: why[p] ?? "" })),
    };
  }

  #item(i: number, rank: number): ServedItem {
    const m = this.data.items;
    return {
      item_id: this.data.itemIds[i],
      rank,
      score: 1 / rank,
      title: m?.title[i] ?? "",
      authors: m?.authors[i] ?? [],
      explanation: "",
    };
  }

  #label(i: number): string {
    return JSON.stringify(this.data.items?.title[i] || this.data.itemIds[i]);
  }
}

/** The model's item–item neighbour table, when it has one. */
function neighboursOf(model: Recommender | null): Neighbours | null {
  const nb = (model as { neighbours?: Partial<Neighbours> } | null)?.neighbours;
  return nb && nb.offsets instanceof Int32Array && nb.index instanceof Int32Array &&
      nb.value instanceof Float32Array
    ? nb as Neighbours
    : null;
}

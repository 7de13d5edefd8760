/**
 * `random`: k distinct catalog items drawn uniformly, never seen ones. Each
 * user's draw is seeded by (seed, user index), so a user's list does not
 * depend on which other users are in the batch.
 *
 * @module
 */
import type { RecLists, Recommender, RecommenderFactory, TrainData } from "./types.ts";
import { SeenMarker } from "./topk.ts";
import { mulberry32 } from "../rng/mod.ts";

class RandomRecommender implements Recommender {
  readonly type = "random";
  #data!: TrainData;
  #pool!: Int32Array;
  #seen!: SeenMarker;
  constructor(readonly seed: number) {}

  fit(data: TrainData): void {
    this.#data = data;
    const pool: number[] = [];
    for (let i = 0; i < data.nItems; i++) if (data.catalog[i]) pool.push(i);
    this.#pool = Int32Array.from(pool);
    this.#seen = new SeenMarker(data);
  }

  recommend(users: Int32Array, k: number): Promise<RecLists> {
    const items = new Int32Array(users.length * k).fill(-1);
    const pool = this.#pool;
    const picked = new Set<number>();
    for (let j = 0; j < users.length; j++) {
      const u = users[j];
      this.#seen.mark(u);
      const rand = mulberry32((this.seed ^ Math.imul(u + 1, 0x9e3779b1)) >>> 0);
      picked.clear();
      let filled = 0;
      // Rejection sampling; fall back to a scan when the pool is nearly exhausted.
      for (let tries = 0; filled < k && tries < 20 * k; tries++) {
        const i = pool[Math.floor(rand() * pool.length)];
        if (i === undefined || picked.has(i) || this.#seen.isSeen(i)) continue;
        picked.add(i);
        items[j * k + filled++] = i;
      }
      for (let p = 0; filled < k && p < pool.length; p++) {
        const i = pool[p];
        if (picked.has(i) || this.#seen.isSeen(i)) continue;
        picked.add(i);
        items[j * k + filled++] = i;
      }
    }
    return Promise.resolve({ k, users, items });
  }
}

/** Registry entry of `random`. */
export const randomFactory: RecommenderFactory = {
  type: "random",
  description: "Uniformly random unseen catalog items (seeded per user).",
  params: {},
  create: (_params, ctx) => new RandomRecommender(ctx.seed),
};

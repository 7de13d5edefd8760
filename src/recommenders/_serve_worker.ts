/**
 * Web Worker of {@linkcode ServePool}: rebuilds the model from shared arrays
 * once (`importState`), then answers `{ id, users, k }` with the lists and the
 * compute time.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { Recommender, TrainData } from "./types.ts";
import { Item2ItemRecommender } from "./item2item.ts";

let rec: Recommender | null = null;
let initError = "";

self.onmessage = (e: MessageEvent) => {
  const { init, id, users, k } = e.data;
  if (init) {
    try {
      if (init.type !== "item2item") throw new Error(`no off-thread serving for ${init.type}`);
      const model = new Item2ItemRecommender(init.params);
      model.importState(init.data as TrainData, init.state);
      rec = model;
    } catch (err) {
      initError = String(err); // answered to every request
    }
    return;
  }
  try {
    if (!rec) throw new Error(initError);
    const t = performance.now();
    const r = rec!.recommend(users, k);
    const ms = performance.now() - t;
    self.postMessage({ id, k: r.k, users: r.users, items: r.items, ms });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};

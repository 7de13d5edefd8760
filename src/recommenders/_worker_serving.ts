/**
 * The tasks a serving worker runs (see `worker_arm.ts`): rebuild the model
 * once, then answer batches with it.
 *
 * @module
 */
import { createRecommender } from "./registry.ts";
import type { RecLists, Recommender } from "./types.ts";
import type { WorkerModel } from "./worker_arm.ts";

let model: Recommender | null = null;

/** Rebuilds the fitted model in this worker: the type's factory, then its state. */
export function loadModel(m: WorkerModel): void {
  const rec = createRecommender(
    { type: m.type, params: m.params as Record<string, unknown> },
    { seed: 0, baseDir: "." },
  );
  if (!rec.importState) throw new Error(`${m.type} cannot import a fitted state`);
  rec.importState(m.data, m.state);
  model = rec;
}

/** The loaded model's lists for `users`. */
export function recommendBatch(users: Int32Array, k: number): Promise<RecLists> {
  if (!model) throw new Error("no model loaded in this worker");
  return model.recommend(users, k);
}

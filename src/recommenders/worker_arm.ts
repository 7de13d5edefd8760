/**
 * A fitted recommender served on worker threads, as an arm like any other
 * (`recommend` is awaited per batch; `concurrency` batches at once). Each
 * worker of a `src/parallel` pool rebuilds the model once through the
 * registry — the type's factory, then `importState` — over the shared train
 * arrays and model state (SharedArrayBuffers: no per-worker copies), then
 * answers batches. The lists are the model's own: the same code runs on the
 * same inputs (tested).
 *
 * Which arms go on workers: types whose factory declares `servingData` (the
 * train data their serving reads), in replays of at least
 * {@linkcode MIN_WORKER_USERS} users, with more than one thread
 * ({@linkcode servingArm}).
 *
 * @module
 */
import { sharedDeep, task, WorkerPool } from "../parallel/mod.ts";
import { findRecommender } from "./registry.ts";
import type { ModelState, RecLists, Recommender, TrainData } from "./types.ts";

/** Below this many users, serving stays in this thread (worker start-up is not worth it). */
export const MIN_WORKER_USERS = 20_000;

const SERVING = new URL("./_worker_serving.ts", import.meta.url);

/** What a worker needs to rebuild a fitted model. */
export interface WorkerModel {
  type: string;
  params: object;
  /** The train data serving reads (typed arrays shared). */
  data: TrainData;
  /** The fitted state (typed arrays shared). */
  state: ModelState;
}

/**
 * `rec` (fitted, with `exportState`, of a registered type) served on
 * `threads` workers. Close it when done.
 *
 * @example
 * ```ts
 * import { createRecommender, onWorkers } from "./mod.ts";
 * import type { TrainData } from "./types.ts";
 * const rows = { user: Int32Array.of(0, 1, 1), item: Int32Array.of(2, 0, 2), ts: Float64Array.of(1, 1, 2),
 *   rating: new Uint8Array(3), isRead: new Uint8Array(3) };
 * const data: TrainData = { nUsers: 3, nItems: 3, train: rows, userOffsets: Int32Array.of(0, 1, 3, 3),
 *   weight: new Float32Array(3).fill(1), userIds: ["a", "b", "c"], itemIds: ["x", "y", "z"], items: null,
 *   catalog: new Uint8Array(3).fill(1), splitTime: 3 };
 * const rec = createRecommender({ type: "popular" }, { seed: 1, baseDir: "." });
 * await rec.fit(data);
 * const arm = await onWorkers(rec, data, 2);
 * try {
 *   const here = await rec.recommend(Int32Array.of(0, 2), 2), there = await arm.recommend(Int32Array.of(0, 2), 2);
 *   if (there.items.join() !== here.items.join() || arm.concurrency !== 2) throw new Error();
 * } finally {
 *   arm.close?.();
 * }
 * ```
 */
export async function onWorkers(
  rec: Recommender,
  data: TrainData,
  threads: number,
): Promise<Recommender> {
  const factory = findRecommender(rec.type);
  if (!factory || !rec.exportState) {
    throw new Error(`${rec.type}: only a registered type with exportState can serve on workers`);
  }
  const model: WorkerModel = sharedDeep({
    type: rec.type,
    params: rec.params ?? {},
    data: factory.servingData?.(data) ?? data,
    state: rec.exportState(),
  });
  const pool = new WorkerPool(threads);
  try {
    await pool.broadcast(task(SERVING, "loadModel", model));
  } catch (e) {
    pool.close();
    throw e;
  }
  return {
    type: rec.type,
    params: rec.params,
    concurrency: pool.size,
    fit: () => {
      throw new Error(`${rec.type} on workers serves a fitted model: fit it before onWorkers`);
    },
    recommend: (users, k) => pool.run<RecLists>(task(SERVING, "recommendBatch", users, k)),
    explain: rec.explain?.bind(rec),
    close: () => pool.close(),
  };
}

/** Options of {@linkcode servingArm}. */
export interface ServingArmOptions {
  /** Users the replay will serve. */
  users: number;
  /** Threads available for serving. */
  threads: number;
}

/**
 * The arm to replay `rec` through: on workers when its type declares
 * `servingData`, there are at least {@linkcode MIN_WORKER_USERS} users and
 * more than one thread; else `rec` itself. The caller closes an arm that is
 * not `rec`.
 */
export async function servingArm(
  rec: Recommender,
  data: TrainData,
  options: ServingArmOptions,
): Promise<Recommender> {
  const worth = options.threads > 1 && options.users >= MIN_WORKER_USERS &&
    findRecommender(rec.type)?.servingData !== undefined && rec.exportState !== undefined;
  return worth ? await onWorkers(rec, data, options.threads) : rec;
}

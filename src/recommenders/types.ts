/**
 * The recommender interface every model implements. Models see only the train
 * part (`TrainData`); they do not know how they are evaluated.
 *
 * @module
 */
import type { Interactions, ItemMeta } from "../data/mod.ts";
import type { ParamTable } from "./params.ts";

/** What a recommender may learn from: the train split, columnar, dense ids. */
export interface TrainData {
  /** Number of users / items in the id space (dense ids `0..n-1`). */
  nUsers: number;
  /** Number of items in the id space. */
  nItems: number;
  /** Train interactions sorted by (user, ts, item). */
  train: Interactions;
  /** CSR over `train` rows by user: rows of `u` are `userOffsets[u] .. userOffsets[u+1]-1`. */
  userOffsets: Int32Array;
  /** Training weight per train row, PROTOCOL §1: `1 + 0.25·rating + 0.5·is_read`. */
  weight: Float32Array;
  /** String ids, for explanations and persistence. */
  userIds: string[];
  /** String ids of the items, by dense id. */
  itemIds: string[];
  /** Item metadata aligned with `itemIds`, or null. */
  items: ItemMeta | null;
  /** 1 when the item may be recommended (in the catalog and available). */
  catalog: Uint8Array;
  /** Split instant `T` (seconds since epoch); everything in `train` is before it. */
  splitTime: number;
}

/**
 * Top-k lists for a batch of users: `items[j*k + p]` is the item at position
 * `p` (0-based) for `users[j]`; `-1` pads a shorter list.
 */
export interface RecLists {
  /** List length. */
  k: number;
  /** The users asked for, in order. */
  users: Int32Array;
  /** Row-major lists: `items[j*k + p]`, -1 pads. */
  items: Int32Array;
}

/** Context a recommender is created with. */
export interface RecommenderContext {
  /** Seed for every random choice of this model. */
  seed: number;
  /** Directory that relative paths in params resolve against (scenario's folder). */
  baseDir: string;
  /** Scenario path of this recommender's spec, for located errors. @default "recommender" */
  path?: string;
  /** Worker threads a fit may use (the run's `threads`). @default the machine's cores */
  threads?: number;
}

/**
 * Fitted state of a model, for save/load (see `persist.ts`): named typed
 * arrays (written as raw little-endian files) plus JSON-serialisable values.
 */
export interface ModelState {
  /** Named typed arrays, written as raw little-endian files. */
  arrays: Record<string, Int32Array | Float32Array | Float64Array | Uint8Array>;
  /** JSON-serialisable values. */
  json: Record<string, unknown>;
}

/**
 * A recommender: fit on train, then recommend top-k for many users at once.
 *
 * Serving is asynchronous, one batch per call (`await recommend(users, k)`),
 * so an in-process model, one served on worker threads
 * (`worker_arm.ts`) and a remote service are the same kind of arm: the
 * replay awaits each batch and times it the same way.
 */
export interface Recommender {
  /** Registered type name, e.g. `popular`. */
  readonly type: string;
  /** Learn from the train split. */
  fit(data: TrainData): void | Promise<void>;
  /**
   * Top-k lists for `users`: at most `k` distinct catalog items per user, none in
   * the user's train history, best first.
   */
  recommend(users: Int32Array, k: number): Promise<RecLists>;
  /** Batches the arm serves at once (a worker-backed or remote arm: several). @default 1 */
  readonly concurrency?: number;
  /**
   * Set by an arm whose `recommend` call is one request to a service (the
   * `http` arm): the replay passes at most this many users per call and times
   * each call as one request. Unset: the replay batches users for throughput.
   */
  readonly requestSize?: number;
  /** Optional: counts of what serving met (requests, retries, timeouts, errors by kind). */
  servingCounts?(): Record<string, number>;
  /** Optional short explanation per recommended item (for reports). */
  explain?(user: number, items: Int32Array): string[];
  /** Resolved params (defaults filled), recorded when the model is saved. */
  readonly params?: object;
  /** Optional: the fitted state, so that a saved model loads without refitting. */
  exportState?(): ModelState;
  /** Optional: restores a state from {@linkcode exportState} instead of `fit(data)`. */
  importState?(data: TrainData, state: ModelState): void;
  /** Optional: releases what the arm holds (worker threads, connections). */
  close?(): void;
}

/** A recommender type in the registry: documented params and a factory. */
export interface RecommenderFactory {
  /** Registered type name, e.g. `item2item`. */
  type: string;
  /** One-line description for `abreplay list`. */
  description: string;
  /** Params: default, one doc line and the values each takes (see `params.ts`). */
  params: ParamTable;
  /** Creates a model from resolved params (defaults filled, names checked). */
  create(params: Record<string, unknown>, ctx: RecommenderContext): Recommender;
  /**
   * Set for types whose serving pays off on worker threads in large replays
   * (per-user work well above the cost of passing lists): the part of the
   * train data that `importState` and `recommend` read, which the workers
   * share (see `worker_arm.ts`).
   */
  servingData?(data: TrainData): TrainData;
}

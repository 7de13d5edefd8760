/**
 * Off-thread serving for recommenders whose fitted state is typed arrays: a
 * pool of Web Workers, each rebuilding the model once from shared arrays
 * (SharedArrayBuffers: no per-worker copies) through the model's own
 * `importState`, then answering batches. Lists are the same as on the main
 * thread — the same code runs on the same inputs (tested).
 *
 * @module
 */
import type { ModelState, OffThreadServer, RecLists, TrainData } from "./types.ts";
import { shared } from "../parallel/mod.ts";

/** What a worker needs to rebuild a model: the train arrays it reads and its state. */
export interface PoolModel {
  /** Recommender type, as registered (the worker imports the registry). */
  type: string;
  params: object;
  data: TrainData;
  state: ModelState;
}

interface Pending {
  resolve: (r: { lists: RecLists; ms: number }) => void;
  reject: (e: Error) => void;
}

/** A pool of serving workers for one fitted model. Call {@linkcode ServePool.close} when done. */
export class ServePool implements OffThreadServer {
  readonly size: number;
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: (() => void)[] = [];
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #broken: string | null = null;

  constructor(model: PoolModel, size: number) {
    this.size = size;
    const d = model.data;
    // Only what serving reads: the train item/offset/weight arrays, the catalog.
    const data = {
      nUsers: d.nUsers,
      nItems: d.nItems,
      train: { item: shared(d.train.item) },
      userOffsets: shared(d.userOffsets),
      weight: shared(d.weight),
      catalog: shared(d.catalog),
      splitTime: d.splitTime,
    };
    const arrays = Object.fromEntries(
      Object.entries(model.state.arrays).map(([k, a]) => [k, shared(a)]),
    );
    for (let w = 0; w < size; w++) {
      const worker = new Worker(new URL("./_serve_worker.ts", import.meta.url).href, {
        type: "module",
      });
      worker.onmessage = (e: MessageEvent) => {
        const { id, error, k, users, items, ms } = e.data;
        const p = this.#pending.get(id)!;
        this.#pending.delete(id);
        if (error) p.reject(new Error(`${model.type} serving worker: ${error}`));
        else p.resolve({ lists: { k, users, items }, ms });
        this.#release(worker);
      };
      worker.onerror = (e) => {
        // A worker that crashed answers nothing more: fail what is pending and all later requests.
        e.preventDefault();
        this.#broken = `${model.type} serving worker: ${e.message}`;
        for (const p of this.#pending.values()) p.reject(new Error(this.#broken));
        this.#pending.clear();
        for (const run of this.#queue.splice(0)) run();
      };
      worker.postMessage({
        init: { type: model.type, params: model.params, data, state: { ...model.state, arrays } },
      });
      this.#workers.push(worker);
      this.#idle.push(worker);
    }
  }

  /** The lists of `users` computed on a free worker, with the worker's compute time in ms. */
  recommend(users: Int32Array, k: number): Promise<{ lists: RecLists; ms: number }> {
    return new Promise((resolve, reject) => {
      const run = () => {
        if (this.#broken) return reject(new Error(this.#broken));
        const worker = this.#idle.pop()!;
        const id = this.#next++;
        this.#pending.set(id, { resolve, reject });
        worker.postMessage({ id, users, k });
      };
      if (this.#idle.length || this.#broken) run();
      else this.#queue.push(run);
    });
  }

  #release(worker: Worker): void {
    this.#idle.push(worker);
    this.#queue.shift()?.();
  }

  /** Terminates the workers. */
  close(): void {
    for (const w of this.#workers) w.terminate();
    this.#workers.length = 0;
    this.#idle.length = 0;
  }
}

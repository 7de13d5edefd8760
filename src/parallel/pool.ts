/**
 * One pool of Web Workers for every parallel step of abreplay (bootstrap
 * resamples, serving an arm on several threads): `size` workers, each
 * running the tasks it is given one after the other. A task names an
 * exported function of a module and its arguments; arguments are cloned
 * (typed arrays in SharedArrayBuffers, see `shared.ts`, are shared instead),
 * results come back with their buffers transferred. The same function runs
 * on the same inputs as it would on the calling thread, so results are
 * identical wherever it runs.
 *
 * @module
 */

/** A task: the exported function `fn` of `module` (a URL), called with `args`. */
export interface Task {
  /** URL of the module that exports the function (e.g. `import.meta.url`). */
  module: string;
  /** Name of the exported function; it may return a promise. */
  fn: string;
  /** Arguments, structured-cloned to the worker. */
  args: unknown[];
}

/**
 * The task of calling `fn` of `module` with `args`.
 *
 * @example
 * ```ts
 * import { task } from "./pool.ts";
 * const t = task(new URL("file:///work/jobs.ts"), "resample", 1, 2);
 * if (t.module !== "file:///work/jobs.ts" || t.fn !== "resample" || t.args.length !== 2) throw new Error();
 * ```
 */
export function task(module: string | URL, fn: string, ...args: unknown[]): Task {
  return { module: String(module), fn, args };
}

interface Pending {
  worker: number;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/**
 * A pool of `size` workers. Call {@linkcode WorkerPool.close} when done
 * (running tasks are abandoned).
 *
 * @example
 * ```ts
 * import { task, WorkerPool } from "./pool.ts";
 * const pool = new WorkerPool(2);
 * try {
 *   const url = new URL("./transfer.ts", import.meta.url);
 *   const found = await pool.run<ArrayBuffer[]>(task(url, "transferables", [new Float64Array(2)]));
 *   if (found.length !== 1) throw new Error();
 * } finally {
 *   pool.close();
 * }
 * ```
 */
export class WorkerPool {
  /** Number of workers. */
  readonly size: number;
  readonly #workers: Worker[] = [];
  readonly #busy: number[] = [];
  readonly #queue: { t: Task; pending: Omit<Pending, "worker"> }[] = [];
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #broken: string | null = null;

  /** Starts `size` workers (at least one). */
  constructor(size: number) {
    this.size = Math.max(1, Math.floor(size));
    for (let w = 0; w < this.size; w++) {
      const worker = new Worker(new URL("./_worker.ts", import.meta.url).href, { type: "module" });
      worker.onmessage = (e: MessageEvent) => this.#answer(w, e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        this.#fail(`worker ${w}: ${e.message}`);
      };
      this.#workers.push(worker);
      this.#busy.push(0);
    }
  }

  /** Runs `t` on the next free worker; resolves with the function's result. */
  run<T>(t: Task): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ t, pending: { resolve: resolve as (v: unknown) => void, reject } });
      this.#dispatch();
    });
  }

  /**
   * Runs `t` once on every worker, after what each already has (e.g. loading
   * the state later tasks use); results in worker order.
   */
  broadcast<T>(t: Task): Promise<T[]> {
    return Promise.all(
      this.#workers.map((_, w) =>
        new Promise<T>((resolve, reject) =>
          this.#send(w, t, { resolve: resolve as (v: unknown) => void, reject })
        )
      ),
    );
  }

  /** Terminates the workers; pending tasks are rejected. */
  close(): void {
    this.#fail("the pool was closed");
    for (const w of this.#workers) w.terminate();
    this.#workers.length = 0;
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      if (this.#broken) {
        for (const q of this.#queue.splice(0)) q.pending.reject(new Error(this.#broken));
        return;
      }
      const w = this.#busy.indexOf(0);
      if (w < 0) return;
      const q = this.#queue.shift()!;
      this.#send(w, q.t, q.pending);
    }
  }

  #send(w: number, t: Task, pending: Omit<Pending, "worker">): void {
    if (this.#broken) return pending.reject(new Error(this.#broken));
    const id = this.#next++;
    this.#pending.set(id, { ...pending, worker: w });
    this.#busy[w]++;
    this.#workers[w].postMessage({ id, ...t });
  }

  #answer(w: number, m: { id: number; out?: unknown; error?: string }): void {
    const p = this.#pending.get(m.id);
    if (!p) return;
    this.#pending.delete(m.id);
    this.#busy[w]--;
    if (m.error !== undefined) p.reject(new Error(`worker task failed: ${m.error}`));
    else p.resolve(m.out);
    this.#dispatch();
  }

  /** A crashed worker answers nothing more: fail what is pending and everything later. */
  #fail(reason: string): void {
    this.#broken ??= reason;
    for (const p of this.#pending.values()) p.reject(new Error(this.#broken));
    this.#pending.clear();
    this.#dispatch();
  }
}

/**
 * Runs `tasks` on a pool of `min(threads, tasks.length)` workers (closed
 * afterwards); results in task order.
 *
 * @example
 * ```ts
 * import { runTasks, task } from "./pool.ts";
 * const url = new URL("./threads.ts", import.meta.url);
 * const [a, b] = await runTasks<number>([task(url, "defaultThreads"), task(url, "defaultThreads")], 2);
 * if (a !== b || a < 1) throw new Error();
 * ```
 */
export async function runTasks<T>(tasks: Task[], threads: number): Promise<T[]> {
  if (tasks.length === 0) return [];
  const pool = new WorkerPool(Math.min(threads, tasks.length));
  try {
    return await Promise.all(tasks.map((t) => pool.run<T>(t)));
  } finally {
    pool.close();
  }
}

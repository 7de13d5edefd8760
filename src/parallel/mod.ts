/**
 * Parallel work: one pool of Web Workers ({@linkcode WorkerPool}) that runs
 * tasks — exported functions of modules — on `threads` workers, typed arrays
 * in SharedArrayBuffers ({@linkcode shared}) read by every worker without a
 * copy, and results handed back without a copy ({@linkcode transferables}).
 *
 * @example
 * ```ts
 * import { runTasks, shared, task } from "./mod.ts";
 * const url = new URL("./transfer.ts", import.meta.url);
 * const data = shared(Float64Array.of(1, 2, 3));
 * // a shared array is no transferable: it is shared already
 * const [found] = await runTasks<ArrayBuffer[]>([task(url, "transferables", data)], 1);
 * if (found.length !== 0) throw new Error();
 * ```
 *
 * @module
 */
export { runTasks, type Task, task, WorkerPool } from "./pool.ts";
export { shared, sharedDeep, type SharedTyped } from "./shared.ts";
export { transferables } from "./transfer.ts";
export { defaultThreads } from "./threads.ts";

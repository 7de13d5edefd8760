/**
 * abreplay: offline, reproducible admission tests for recommenders.
 *
 * The public API re-exports each stage; the `abreplay` CLI (`src/cli/main.ts`)
 * is built on it.
 *
 * @example
 * ```ts
 * import { evaluateArm } from "./mod.ts";
 * // one user, k = 2, list [3, 1], relevant {1}: a hit at position 2
 * const e = evaluateArm({
 *   lists: new Int32Array([3, 1]), k: 2,
 *   relOffsets: new Int32Array([0, 1]), relItems: new Int32Array([1]),
 *   cold: new Uint8Array(4), catalogSize: 4,
 * });
 * if (e.segments.overall.mean["NDCG@2"] !== 1 / Math.log2(3)) throw new Error();
 * ```
 * @module
 */
export * from "./src/errors.ts";
export * from "./src/files/mod.ts";
export * from "./src/engine/mod.ts";
export * from "./src/data/mod.ts";
export * from "./src/split/mod.ts";
export * from "./src/recommenders/mod.ts";
export * from "./src/metrics/mod.ts";
export * from "./src/stats/mod.ts";
export * from "./src/scenario/mod.ts";
export * from "./src/datasets/mod.ts";
export * from "./src/gate/mod.ts";
export * from "./src/replay/mod.ts";
export * from "./src/pipeline/mod.ts";

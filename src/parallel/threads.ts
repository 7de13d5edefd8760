/**
 * How many threads abreplay uses when nobody says: the machine's logical
 * cores (1 where unknown).
 *
 * @module
 */

/**
 * The default thread count: `navigator.hardwareConcurrency`, else 1.
 *
 * @example
 * ```ts
 * import { defaultThreads } from "./threads.ts";
 * if (!(Number.isInteger(defaultThreads()) && defaultThreads() >= 1)) throw new Error();
 * ```
 */
export function defaultThreads(): number {
  return navigator.hardwareConcurrency || 1;
}

/**
 * The built-in data generator: seeded Goodreads-like interactions and book
 * metadata (catalog with authors, series and releases; users with activity,
 * favourite authors and genres, re-reads), written as UCSD JSON(.gz),
 * canonical CSV or books JSON, and the scale presets of `abreplay generate`
 * (`--scale full` is shaped like Goodreads Young Adult). Same options ⇒ same
 * bytes.
 *
 * @example
 * ```ts
 * import { generate } from "./mod.ts";
 * const d = generate({ users: 50, items: 40, interactions: 400, seed: 1 });
 * if (d.user.length === 0 || d.itemIds.length !== 40) throw new Error();
 * ```
 *
 * @module
 */
export * from "./generate.ts";
export * from "./scale.ts";

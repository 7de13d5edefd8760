/**
 * Seeded random numbers for every layer: one xoshiro128** core
 * ({@linkcode Xoshiro128}) with its two seedings, and mulberry32.
 *
 * - {@linkcode Rng}: SplitMix64 seeding, 53-bit doubles, unbiased integers,
 *   multinomial counts. Statistics (bootstrap, simulations) and anything
 *   else that needs a general-purpose stream.
 *   Its bulk draws (`multinomial`, `shufflePrefix`) run in WebAssembly
 *   (`draws.wat`), in place on a {@linkcode drawArray}.
 * - {@linkcode StreamRng}: `(seed, stream)` seeding through the splitmix32
 *   finaliser ({@linkcode mix32}), 32-bit doubles, normal and weighted draws:
 *   the data generator, one stream per phase.
 * - {@linkcode mulberry32}: one-word streams the recommenders use per user
 *   (`random`) and per fit (`hybrid`'s validation sample).
 *
 * Each stream's sequence is part of abreplay's outputs (same seed ⇒ same
 * bytes), so the three are kept exactly as they are; new code takes an
 * injected {@linkcode Rng}.
 *
 * @example
 * ```ts
 * import { mulberry32, Rng, StreamRng } from "./mod.ts";
 * const a = new Rng(7), b = new StreamRng(7, 1), c = mulberry32(7);
 * for (const u of [a.next(), b.next(), c()]) if (!(u >= 0 && u < 1)) throw new Error();
 * ```
 *
 * @module
 */
export { Xoshiro128 } from "./xoshiro128.ts";
export { Rng } from "./rng.ts";
export { drawArray } from "./draw_array.ts";
export { mix32, StreamRng } from "./stream_rng.ts";
export { mulberry32 } from "./mulberry32.ts";

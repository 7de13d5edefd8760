/**
 * mulberry32 (Tommy Ettinger): a tiny 32-bit seeded generator, one state
 * word, returning doubles in [0, 1) with 32 random bits. Recommenders use it
 * where a cheap per-user or per-fit stream is enough (`random`'s draw per
 * user, `hybrid`'s validation sample); kept beside the xoshiro128** streams
 * because their outputs, and so the lists, depend on its exact sequence.
 *
 * @module
 */

/**
 * A mulberry32 stream seeded by `seed` (taken as an unsigned 32-bit integer).
 *
 * @example
 * ```ts
 * import { mulberry32 } from "./mulberry32.ts";
 * const a = mulberry32(1), b = mulberry32(1);
 * if (a() !== b()) throw new Error("not deterministic");
 * ```
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

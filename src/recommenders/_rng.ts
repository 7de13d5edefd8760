/**
 * mulberry32: a tiny 32-bit seeded PRNG (Tommy Ettinger), returns [0, 1).
 *
 * @example
 * ```ts
 * import { mulberry32 } from "./_rng.ts";
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

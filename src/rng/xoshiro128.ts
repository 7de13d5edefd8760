/**
 * The one generator core of abreplay: xoshiro128** (Blackman & Vigna, 2018,
 * https://prng.di.unimi.it/xoshiro128starstar.c), 128-bit state, period
 * 2^128 − 1, 32-bit outputs from 32-bit integer operations only. Each step:
 *
 * `out = rotl(s1·5, 7)·9`, then `t = s1 << 9`, `s2 ^= s0`, `s3 ^= s1`,
 * `s1 ^= s2`, `s0 ^= s3`, `s2 ^= t`, `s3 = rotl(s3, 11)` (all mod 2^32).
 *
 * The seeding and the draws derived from the 32-bit outputs belong to the
 * streams built on it ({@linkcode Rng}, {@linkcode StreamRng}).
 *
 * @module
 */

/**
 * A xoshiro128** state and its 32-bit output. Subclasses choose how a seed
 * fills the state and what they draw from the outputs.
 *
 * @example
 * ```ts
 * import { Xoshiro128 } from "./xoshiro128.ts";
 * // state (1, 2, 3, 4): out = rotl(2·5, 7)·9 = 1280·9 = 11520
 * if (new Xoshiro128(1, 2, 3, 4).nextUint32() !== 11520) throw new Error();
 * ```
 */
export class Xoshiro128 {
  /** State word 0 (int32). */
  protected s0: number;
  /** State word 1 (int32). */
  protected s1: number;
  /** State word 2 (int32). */
  protected s2: number;
  /** State word 3 (int32). */
  protected s3: number;

  /** A generator in state (s0, s1, s2, s3); the all-zero state (a fixed point) becomes (1, 0, 0, 0). */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit output, an integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const b5 = Math.imul(s1, 5);
    const result = Math.imul((b5 << 7) | (b5 >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }
}

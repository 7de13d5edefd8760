/**
 * Seeded PRNG and integer hashing for the data generator.
 *
 * `Rng` is xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c),
 * seeded through splitmix32 from `(seed, stream)`, so each phase of the generator draws from its
 * own independent stream and changing one phase's size does not shift another's numbers.
 *
 * @module
 */

/**
 * 32-bit integer mix (the splitmix32 / murmur3 finalizer): a stateless hash of `x`.
 *
 * @example
 * ```ts
 * import { mix32 } from "./_gen_rng.ts";
 * if (mix32(1) !== mix32(1) || mix32(1) === mix32(2)) throw new Error("mix32");
 * ```
 */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * xoshiro128** generator: `next()` in [0, 1) with 32 random bits, period 2^128 − 1.
 *
 * @example
 * ```ts
 * import { Rng } from "./_gen_rng.ts";
 * const a = new Rng(42, 1), b = new Rng(42, 1);
 * if (a.next() !== b.next()) throw new Error("not deterministic");
 * const x = a.int(10);
 * if (x < 0 || x >= 10) throw new Error("int out of range");
 * ```
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A generator for stream `stream` of seed `seed` (both 32-bit integers). */
  constructor(seed: number, stream = 0) {
    let h = mix32((seed | 0) ^ mix32(stream | 0));
    h = mix32(h);
    this.s0 = h | 0;
    this.s1 = mix32(h + 1) | 0;
    this.s2 = mix32(h + 2) | 0;
    this.s3 = mix32(h + 3) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit unsigned integer. */
  u32(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller, one value per call). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  pick(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** 32 lowercase hex characters (128 random bits). */
  hex128(): string {
    let s = "";
    for (let i = 0; i < 4; i++) s += this.u32().toString(16).padStart(8, "0");
    return s;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

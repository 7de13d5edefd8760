/**
 * The generator's streams: the {@linkcode Xoshiro128} core seeded through
 * the splitmix32 finaliser from `(seed, stream)`, so each phase of the data
 * generator draws from its own independent stream and changing one phase's
 * size does not shift another's numbers; 32-bit doubles and the draws the
 * generator needs (normal, weighted pick, hex ids). Also the integer hash
 * `mix32` those seeds are made with.
 *
 * @module
 */
import { Xoshiro128 } from "./xoshiro128.ts";

/**
 * 32-bit integer mix (the splitmix32 / murmur3 finalizer): a stateless hash of `x`.
 *
 * @example
 * ```ts
 * import { mix32 } from "./stream_rng.ts";
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
 * A generator stream: `next()` in [0, 1) with 32 random bits, period 2^128 − 1.
 *
 * @example
 * ```ts
 * import { StreamRng } from "./stream_rng.ts";
 * const a = new StreamRng(42, 1), b = new StreamRng(42, 1);
 * if (a.next() !== b.next()) throw new Error("not deterministic");
 * const x = a.int(10);
 * if (x < 0 || x >= 10) throw new Error("int out of range");
 * ```
 */
export class StreamRng extends Xoshiro128 {
  /** A generator for stream `stream` of seed `seed` (both 32-bit integers). */
  constructor(seed: number, stream = 0) {
    const h = mix32(mix32((seed | 0) ^ mix32(stream | 0)));
    super(h, mix32(h + 1), mix32(h + 2), mix32(h + 3));
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
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
    for (let i = 0; i < 4; i++) s += this.nextUint32().toString(16).padStart(8, "0");
    return s;
  }
}

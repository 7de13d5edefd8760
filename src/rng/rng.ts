/**
 * The statistics stream: the {@linkcode Xoshiro128} core seeded by SplitMix64,
 * with 53-bit doubles, unbiased integers and multinomial counts (bootstrap,
 * resampling, simulation).
 *
 * The 128-bit state is filled from the seed by SplitMix64 (Steele, Lea &
 * Flood 2014), as the xoshiro authors recommend: the seed, taken as a 64-bit
 * two's-complement integer, is the SplitMix64 state; its first two outputs
 * give state words s0..s3 (low, high, low, high 32 bits). A re-implementation
 * in Python lives in `scripts/stats_reference.py` and pins the output sequence.
 *
 * @module
 */
import { Xoshiro128 } from "./xoshiro128.ts";
import { type DrawKernel, KERNEL_MAX, kernelOf, newKernel } from "./draw_array.ts";

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 2.3283064365386963e-10;
/** Largest `n` for which `x · n` (x < 2^32) is exact in a double: Lemire's fast path (the kernels' bound). */
const FAST_MAX = KERNEL_MAX;

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 step on a 64-bit state; returns [output, next state]. */
function splitMix64(state: bigint): [bigint, bigint] {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [z ^ (z >> 31n), next];
}

/**
 * A seeded, deterministic xoshiro128** generator. Pass one instance to every
 * random step (bootstrap, sampling) so a run is reproducible from its seed.
 *
 * @example
 * ```ts
 * import { Rng } from "./rng.ts";
 * const a = new Rng(42), b = new Rng(42);
 * const x = a.nextUint32();
 * if (x !== b.nextUint32() || x === a.nextUint32()) throw new Error();
 * const u = a.next();
 * if (!(u >= 0 && u < 1)) throw new Error();
 * const k = a.int(6);
 * if (!(Number.isInteger(k) && k >= 0 && k < 6)) throw new Error();
 * ```
 */
export class Rng extends Xoshiro128 {
  /**
   * A generator seeded by `seed`: any safe integer (negative allowed); equal
   * seeds give equal streams.
   *
   * @example
   * ```ts
   * import { Rng } from "./rng.ts";
   * // pinned by scripts/stats_reference.py (Python port of xoshiro128**)
   * if (new Rng(0).nextUint32() !== 3737715805) throw new Error();
   * ```
   */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`Rng: seed must be a safe integer, got ${seed}`);
    }
    const [x, state] = splitMix64(BigInt.asUintN(64, BigInt(seed)));
    const [y] = splitMix64(state);
    super(
      Number(x & 0xffffffffn),
      Number(x >> 32n),
      Number(y & 0xffffffffn),
      Number(y >> 32n),
    );
  }

  /**
   * Uniform double in [0, 1) with 53 random bits (two 32-bit outputs:
   * top 27 bits of the first, top 26 of the second).
   *
   * @example
   * ```ts
   * import { Rng } from "./rng.ts";
   * const r = new Rng(7);
   * let sum = 0;
   * for (let i = 0; i < 10_000; i++) sum += r.next();
   * if (Math.abs(sum / 10_000 - 0.5) > 0.02) throw new Error();
   * ```
   */
  next(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * Unbiased integer in [0, n) for an integer 1 ≤ n ≤ 2^32. Lemire's
   * multiply-and-reject ("Fast random integer generation in an interval",
   * 2019) for n ≤ 2^21, where the 53-bit product is exact; above that,
   * rejection of the lowest `2^32 mod n` outputs followed by `mod n`.
   *
   * @example
   * ```ts
   * import { Rng } from "./rng.ts";
   * const r = new Rng(1);
   * const seen = new Set<number>();
   * for (let i = 0; i < 200; i++) seen.add(r.int(3));
   * if (seen.size !== 3 || !seen.has(0) || !seen.has(2)) throw new Error();
   * ```
   */
  int(n: number): number {
    checkBound(n);
    if (n <= FAST_MAX) {
      let m = this.nextUint32() * n;
      let hi = Math.floor(m * INV_TWO_POW_32);
      if (m - hi * TWO_POW_32 < n) {
        const threshold = (TWO_POW_32 - n) % n;
        while (m - hi * TWO_POW_32 < threshold) {
          m = this.nextUint32() * n;
          hi = Math.floor(m * INV_TWO_POW_32);
        }
      }
      return hi;
    }
    const threshold = TWO_POW_32 % n;
    let x = this.nextUint32();
    while (x < threshold) x = this.nextUint32();
    return x % n;
  }

  /**
   * Adds one equal-probability multinomial sample to `counts`: `draws` times,
   * `counts[int(counts.length)] += 1`, consuming the generator exactly as those
   * `int` calls would. With `draws = counts.length` this is a bootstrap
   * resample (how often each row is drawn), without materialising the indices.
   * Up to 2^21 counts the draws run in WebAssembly (`draws.wat`), in place on
   * a {@linkcode drawArray}, else on a copy.
   *
   * @example
   * ```ts
   * import { Rng } from "./rng.ts";
   * const counts = new Int32Array(4);
   * new Rng(3).multinomial(counts, 1000);
   * if (counts.reduce((a, b) => a + b) !== 1000 || counts.some((c) => c < 200)) throw new Error();
   * ```
   */
  multinomial(counts: Int32Array, draws: number): void {
    const n = counts.length;
    checkBound(n, "Rng.multinomial: counts.length");
    if (!Number.isInteger(draws) || draws < 0) {
      throw new RangeError(`Rng.multinomial: draws must be an integer ≥ 0, got ${draws}`);
    }
    if (n > KERNEL_MAX) {
      for (let i = 0; i < draws; i++) counts[this.int(n)]++;
      return;
    }
    this.inKernel(counts, (k) => {
      // the kernel counts its draws in 32 bits: larger numbers go in parts
      for (let left = draws; left > 0; left -= KERNEL_DRAWS) {
        k.multinomial(n, Math.min(left, KERNEL_DRAWS));
      }
    });
  }

  /**
   * Makes `order[0 .. size)` a uniform random sample without replacement of
   * `order`'s entries, in random order (a partial Fisher–Yates shuffle): for
   * i = 0 .. size−1, `j = i + int(n − i)` and entries i and j swap. Consumes
   * the generator exactly as those `int` calls would; in WebAssembly like
   * {@linkcode Rng.multinomial}.
   *
   * @example
   * ```ts
   * import { Rng } from "./rng.ts";
   * const order = Int32Array.of(0, 1, 2, 3, 4);
   * new Rng(3).shufflePrefix(order, 2);
   * if ([...order].sort().join() !== "0,1,2,3,4" || order[0] === order[1]) throw new Error();
   * ```
   */
  shufflePrefix(order: Int32Array, size: number): void {
    const n = order.length;
    if (!Number.isInteger(size) || size < 0 || size > n) {
      throw new RangeError(`Rng.shufflePrefix: size must be an integer in [0, ${n}], got ${size}`);
    }
    if (n > KERNEL_MAX) {
      for (let i = 0; i < size; i++) {
        const j = i + this.int(n - i);
        const x = order[i];
        order[i] = order[j];
        order[j] = x;
      }
      return;
    }
    this.inKernel(order, (k) => k.shuffle(n, size));
  }

  /** Runs `draw` on `array`'s kernel (a scratch one holding a copy, for other arrays) from this state. */
  private inKernel(array: Int32Array, draw: (k: DrawKernel) => void): void {
    const own = kernelOf(array);
    const k = own ?? scratchKernel(array.length);
    if (!own) k.array.set(array);
    const s = k.state;
    s[0] = this.s0;
    s[1] = this.s1;
    s[2] = this.s2;
    s[3] = this.s3;
    draw(k);
    this.s0 = s[0];
    this.s1 = s[1];
    this.s2 = s[2];
    this.s3 = s[3];
    if (!own) array.set(k.array.subarray(0, array.length));
  }
}

/** Draws per call of the multinomial kernel (its count is a 32-bit integer). */
const KERNEL_DRAWS = 2 ** 30;

/** Up to this many entries, one scratch kernel is kept for arrays not from `drawArray`. */
const SCRATCH_KEPT = 1 << 16;
let scratch: DrawKernel | null = null;

function scratchKernel(length: number): DrawKernel {
  if (length > SCRATCH_KEPT) return newKernel(length);
  if (!scratch) scratch = newKernel(SCRATCH_KEPT);
  return scratch;
}

function checkBound(n: number, what = "Rng.int: n"): void {
  if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
    throw new RangeError(`${what} must be an integer in [1, 2^32], got ${n}`);
  }
}

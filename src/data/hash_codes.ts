/**
 * A lookup table from 64-bit hashes (as the engine's `u64` word pairs) to
 * integer codes: open addressing with linear probing on the low word; each
 * slot is (low word, high word, code + 3, unused) in one flat Uint32Array,
 * so a probe touches one cache line (a 10⁶-key table is 32 MB).
 *
 * @module
 */

/** What {@linkcode HashCodes.get} returns for a key it does not hold. */
export const NO_CODE = -0x80000000;

/** Codes of 64-bit keys. */
export class HashCodes {
  readonly #mask: number;
  /** Slot `s` at `4s`: low word, high word, code + 3 (0 marks an empty slot), unused. */
  readonly #slots: Uint32Array;

  /**
   * A table of `keys` (word pairs, low word first; distinct) with their
   * `codes` (integers ≥ −2).
   *
   * @example
   * ```ts
   * import { HashCodes, NO_CODE } from "./hash_codes.ts";
   * const t = new HashCodes(Uint32Array.of(7, 1, 7, 2, 9, 0), Int32Array.of(-1, 5, 3));
   * if (t.get(7, 2) !== 5 || t.get(7, 1) !== -1 || t.get(9, 0) !== 3 || t.get(8, 0) !== NO_CODE) throw new Error();
   * ```
   */
  constructor(keys: Uint32Array, codes: Int32Array) {
    let cap = 16;
    while (cap < 2 * codes.length) cap *= 2;
    const mask = this.#mask = cap - 1;
    const slots = this.#slots = new Uint32Array(4 * cap);
    for (let k = 0; k < codes.length; k++) {
      const lo = keys[2 * k], hi = keys[2 * k + 1];
      let s = lo & mask;
      while (slots[4 * s + 2] !== 0) {
        if (slots[4 * s] === lo && slots[4 * s + 1] === hi) {
          throw new Error("internal: duplicate hash key");
        }
        s = (s + 1) & mask;
      }
      slots[4 * s] = lo;
      slots[4 * s + 1] = hi;
      slots[4 * s + 2] = codes[k] + 3;
    }
  }

  /** The code of key (`lo`, `hi`), or {@linkcode NO_CODE}. */
  get(lo: number, hi: number): number {
    const slots = this.#slots, mask = this.#mask;
    for (let s = lo & mask;; s = (s + 1) & mask) {
      const v = slots[4 * s + 2];
      if (v === 0) return NO_CODE;
      if (slots[4 * s] === lo && slots[4 * s + 1] === hi) return v - 3;
    }
  }
}

/**
 * A lookup table from 64-bit hashes (as the engine's `u64` word pairs) to
 * integer codes, for keys known to be in it (every row's id hash is one of
 * the dictionary's): open addressing with linear probing.
 *
 * **Narrow layout** (the usual one): a slot is 8 bytes, the key's high word
 * and its code + 3 (0 marks an empty slot); a key's home slot comes from its
 * low word, `(lo >>> shift) & mask`, and a lookup stops at the first slot of
 * its probe path holding its high word. That is exact for every key of the
 * table when the first slot with its high word on its path holds its code
 * (its own slot, or a key with the same high word and code) — checked when
 * the table is built, trying other `shift`s if not (with 10⁵ keys, two high
 * words are equal about once, and on one path about once in 10⁴ tables).
 * A 93k-item table at load ≤ 0.8 is 1 MB, against 4 MB for 16-byte slots at
 * load ≤ 0.5: lookups miss the caches less. On the 35M benchmark's item ids,
 * 30–40 against 43–120 ns a lookup alone, and 0.6–2.2 s less row scan
 * (four alternating pairs), on a VM whose L3 answers a 4 MB random walk in
 * ~130 ns.
 *
 * **Wide layout** (when no shift is exact): 16-byte slots of (low word,
 * high word, code + 3, unused), the whole key compared.
 *
 * A key not in the table gets {@linkcode NO_CODE} (the wide layout always;
 * the narrow one unless a key with its high word lies on its probe path).
 *
 * @module
 */

/** What {@linkcode HashCodes.get} returns for a key it does not hold. */
export const NO_CODE = -0x80000000;

/** Shifts of the low word tried for an exact narrow layout. */
const SHIFTS = 16;

/** Codes of 64-bit keys: see {@linkcode hashCodes}. */
export interface HashCodes {
  /** The code of key (`lo`, `hi`), or {@linkcode NO_CODE} (see the module doc). */
  get(lo: number, hi: number): number;
  /** Bytes of the table (8 per slot narrow, 16 wide). */
  readonly bytes: number;
}

/**
 * A table of `keys` (word pairs, low word first; distinct) with their
 * `codes` (integers ≥ −2): narrow when a shift makes it exact, else wide.
 * Two classes rather than one with a branch per lookup: the row scan's call
 * site stays monomorphic and small enough to inline (~0.6 s of the 35M
 * load).
 *
 * @example
 * ```ts
 * import { hashCodes, NO_CODE } from "./hash_codes.ts";
 * const t = hashCodes(Uint32Array.of(7, 1, 7, 2, 9, 0), Int32Array.of(-1, 5, 3));
 * if (t.get(7, 2) !== 5 || t.get(7, 1) !== -1 || t.get(9, 0) !== 3 || t.get(8, 3) !== NO_CODE) throw new Error();
 * ```
 */
export function hashCodes(keys: Uint32Array, codes: Int32Array): HashCodes {
  let cap = 16;
  while (cap < 1.25 * codes.length) cap *= 2;
  const mask = cap - 1;
  for (let shift = 0; shift < SHIFTS; shift++) {
    const slots = narrowLayout(keys, codes, mask, shift);
    if (slots) return new NarrowCodes(slots, mask, shift);
  }
  return new WideCodes(wideLayout(keys, codes, mask), mask);
}

/** Slot `s` at `2s`: high word, code + 3 (0 = empty); home slot `(lo >>> shift) & mask`. */
class NarrowCodes implements HashCodes {
  readonly #slots: Int32Array;
  readonly #mask: number;
  readonly #shift: number;
  constructor(slots: Int32Array, mask: number, shift: number) {
    this.#slots = slots;
    this.#mask = mask;
    this.#shift = shift;
  }
  get bytes(): number {
    return this.#slots.byteLength;
  }
  get(lo: number, hi: number): number {
    const slots = this.#slots, mask = this.#mask, h = hi | 0;
    for (let s = (lo >>> this.#shift) & mask;; s = (s + 1) & mask) {
      const v = slots[2 * s + 1];
      if (v === 0) return NO_CODE;
      if (slots[2 * s] === h) return v - 3;
    }
  }
}

/** Slot `s` at `4s`: low word, high word, code + 3 (0 = empty), unused; home slot `lo & mask`. */
class WideCodes implements HashCodes {
  readonly #slots: Uint32Array;
  readonly #mask: number;
  constructor(slots: Uint32Array, mask: number) {
    this.#slots = slots;
    this.#mask = mask;
  }
  get bytes(): number {
    return this.#slots.byteLength;
  }
  get(lo: number, hi: number): number {
    const slots = this.#slots, mask = this.#mask;
    for (let s = lo & mask;; s = (s + 1) & mask) {
      const v = slots[4 * s + 2];
      if (v === 0) return NO_CODE;
      if (slots[4 * s] === lo && slots[4 * s + 1] === hi) return v - 3;
    }
  }
}

/**
 * The narrow table of `keys` with home slots `(lo >>> shift) & mask`, or null
 * when a key's probe path passes another key with its high word (and another
 * code) first.
 */
function narrowLayout(
  keys: Uint32Array,
  codes: Int32Array,
  mask: number,
  shift: number,
): Int32Array | null {
  const slots = new Int32Array(2 * (mask + 1));
  for (let k = 0; k < codes.length; k++) {
    let s = (keys[2 * k] >>> shift) & mask;
    while (slots[2 * s + 1] !== 0) s = (s + 1) & mask;
    slots[2 * s] = keys[2 * k + 1] | 0;
    slots[2 * s + 1] = codes[k] + 3;
  }
  // Each key's path from its home slot: the first slot with its high word holds its code (its
  // own slot, or a key sharing its high word and code: the same answer).
  for (let k = 0; k < codes.length; k++) {
    const h = keys[2 * k + 1] | 0;
    let s = (keys[2 * k] >>> shift) & mask;
    while (slots[2 * s] !== h || slots[2 * s + 1] === 0) s = (s + 1) & mask;
    if (slots[2 * s + 1] !== codes[k] + 3) return null;
  }
  return slots;
}

/** The wide table: every slot holds its whole key. */
function wideLayout(keys: Uint32Array, codes: Int32Array, mask: number): Uint32Array {
  const slots = new Uint32Array(4 * (mask + 1));
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
  return slots;
}

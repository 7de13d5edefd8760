/**
 * Dense ids for byte strings, in order of first sight: an open-addressing
 * table over a byte arena, looked up straight from the bytes of a page (no
 * JS string per lookup). The direct Parquet load maps each row group's
 * dictionary through it.
 *
 * @module
 */

/** Byte strings → ids 0, 1, 2, … in order of first {@linkcode ByteKeys.id}. */
export class ByteKeys {
  /** The keys' bytes, key after key; key `k` is `arena[start[k] .. start[k+1])`. */
  arena: Uint8Array;
  start: Int32Array;
  /** Number of distinct keys. */
  size = 0;
  private slots: Int32Array; // id + 1, 0 = empty
  private hashes: Int32Array;
  private used = 0;

  /**
   * A table sized for about `keys` keys of `bytes` bytes in all (it grows
   * past them; sizing it up front saves the rehashes and copies).
   */
  constructor(keys = 2048, bytes = 1 << 16) {
    let slots = 1 << 12;
    while (slots < 2 * keys) slots *= 2;
    this.slots = new Int32Array(slots);
    this.hashes = new Int32Array(slots);
    this.start = new Int32Array(keys + 2);
    this.arena = new Uint8Array(Math.max(bytes, 16));
  }

  /**
   * The id of the bytes `src[from .. to)`, adding them when new.
   *
   * @example
   * ```ts
   * import { ByteKeys } from "./byte_keys.ts";
   * const keys = new ByteKeys();
   * const b = new TextEncoder().encode("abcab");
   * if (keys.id(b, 0, 2) !== 0 || keys.id(b, 1, 3) !== 1 || keys.id(b, 3, 5) !== 0) throw new Error();
   * if (keys.size !== 2 || keys.text(1) !== "bc" || keys.find(b, 0, 1) !== -1) throw new Error();
   * ```
   */
  id(src: Uint8Array, from: number, to: number): number {
    return this.lookup(src, from, to, true);
  }

  /** The id of the bytes `src[from .. to)`, or −1 when they are not a key. */
  find(src: Uint8Array, from: number, to: number): number {
    return this.lookup(src, from, to, false);
  }

  private lookup(src: Uint8Array, from: number, to: number, add: boolean): number {
    // FNV-1a, then a final mix so that the low bits (the home slot) depend on every byte.
    let h = 0x811c9dc5 | 0;
    for (let p = from; p < to; p++) h = Math.imul(h ^ src[p], 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    const mask = this.slots.length - 1;
    const len = to - from;
    for (let s = h & mask;; s = (s + 1) & mask) {
      const v = this.slots[s];
      if (v === 0) return add ? this.add(src, from, to, h, s) : -1;
      if (this.hashes[s] === h) {
        const k = v - 1, a = this.start[k];
        if (this.start[k + 1] - a === len) {
          let same = true;
          for (let q = 0; q < len; q++) {
            if (this.arena[a + q] !== src[from + q]) {
              same = false;
              break;
            }
          }
          if (same) return k;
        }
      }
    }
  }

  /**
   * The keys `k` with `keep(k)`, in byte order (`memcmp`, a prefix first):
   * a typed-array sort on the first six bytes (each byte + 1, 0 past the
   * end: base 257, exact in a Float64), the rest compared only on ties.
   *
   * @example
   * ```ts
   * import { ByteKeys } from "./byte_keys.ts";
   * const keys = new ByteKeys();
   * for (const t of ["b", "abcdefgh", "", "abcdefg", "a"]) {
   *   const b = new TextEncoder().encode(t);
   *   keys.id(b, 0, b.length);
   * }
   * const order = keys.sorted((k) => k !== 0);
   * if ([...order].map((k) => keys.text(k)).join() !== ",a,abcdefg,abcdefgh") throw new Error();
   * ```
   */
  sorted(keep: (k: number) => boolean): Int32Array {
    const prefix = new Float64Array(this.size);
    const { arena, start } = this;
    let n = 0;
    const idx = new Int32Array(this.size);
    for (let k = 0; k < this.size; k++) {
      if (!keep(k)) continue;
      const a = start[k], len = start[k + 1] - a;
      let v = 0;
      for (let q = 0; q < PREFIX; q++) v = v * 257 + (q < len ? arena[a + q] + 1 : 0);
      prefix[k] = v;
      idx[n++] = k;
    }
    const out = idx.subarray(0, n);
    out.sort((x, y) => {
      const d = prefix[x] - prefix[y];
      if (d !== 0) return d;
      const ax = start[x], ay = start[y];
      const lx = start[x + 1] - ax, ly = start[y + 1] - ay;
      for (let q = PREFIX, m = Math.min(lx, ly); q < m; q++) {
        const e = arena[ax + q] - arena[ay + q];
        if (e !== 0) return e;
      }
      return lx - ly;
    });
    return out;
  }

  /** Key `k`'s bytes (a view of the arena). */
  bytes(k: number): Uint8Array {
    return this.arena.subarray(this.start[k], this.start[k + 1]);
  }

  /** Key `k` as text (UTF-8). */
  text(k: number): string {
    return DECODER.decode(this.bytes(k));
  }

  private add(src: Uint8Array, from: number, to: number, h: number, slot: number): number {
    const k = this.size++;
    const len = to - from;
    if (this.used + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.used + len, 2 * this.arena.length));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    this.arena.set(src.subarray(from, to), this.used);
    this.used += len;
    if (k + 2 > this.start.length) {
      const bigger = new Int32Array(2 * this.start.length);
      bigger.set(this.start);
      this.start = bigger;
    }
    this.start[k + 1] = this.used;
    this.slots[slot] = k + 1;
    this.hashes[slot] = h;
    if (2 * this.size > this.slots.length) this.rehash();
    return k;
  }

  private rehash(): void {
    const old = this.slots, oldHashes = this.hashes;
    this.slots = new Int32Array(2 * old.length);
    this.hashes = new Int32Array(2 * old.length);
    const mask = this.slots.length - 1;
    for (let s = 0; s < old.length; s++) {
      if (old[s] === 0) continue;
      let t = oldHashes[s] & mask;
      while (this.slots[t] !== 0) t = (t + 1) & mask;
      this.slots[t] = old[s];
      this.hashes[t] = oldHashes[s];
    }
  }
}

const DECODER = new TextDecoder();

/** Bytes of a key in the sort's numeric prefix (257⁶ < 2⁵³). */
const PREFIX = 6;

/**
 * Snappy decompression (the raw block format Parquet pages use, no framing).
 *
 * Format (google/snappy `format_description.txt`): a varint of the
 * uncompressed length, then elements; an element's tag byte says by its low
 * two bits: `00` a literal of `(tag >> 2) + 1` bytes (60–63: the length − 1
 * follows in 1–4 bytes), `01` a copy of `4 + ((tag >> 2) & 7)` bytes from
 * `((tag >> 5) << 8) | next` back, `10`/`11` a copy of `(tag >> 2) + 1`
 * bytes from a 2/4-byte offset back. A copy may overlap its own output
 * (offset < length repeats a pattern), so it goes byte by byte then.
 *
 * @module
 */
import { ParquetDecodeError } from "./errors.ts";

/** Corrupt Snappy input. */
export class SnappyError extends ParquetDecodeError {
  override name = "SnappyError";
}

/** The uncompressed length that a Snappy block `src` declares. */
export function snappyLength(src: Uint8Array): number {
  let v = 0, mul = 1;
  for (let k = 0; k < 5 && k < src.length; k++) {
    const b = src[k];
    v += (b & 0x7f) * mul;
    if (b < 0x80) return v;
    mul *= 128;
  }
  throw new SnappyError("bad Snappy length header");
}

/**
 * Decompresses `src` into `out` (at least {@linkcode snappyLength} bytes)
 * and returns the length written.
 *
 * @example
 * ```ts
 * import { snappyDecompress } from "./snappy.ts";
 * // length 9; literal "ab"; copy 7 bytes from 2 back (overlapping) → "ababababa"
 * const out = new Uint8Array(9);
 * const n = snappyDecompress(Uint8Array.of(9, 0x04, 0x61, 0x62, (7 - 1) << 2 | 2, 2, 0), out);
 * if (n !== 9 || new TextDecoder().decode(out) !== "ababababa") throw new Error();
 * ```
 */
export function snappyDecompress(src: Uint8Array, out: Uint8Array): number {
  const total = snappyLength(src);
  if (out.length < total) throw new SnappyError("output buffer too small");
  let p = 0;
  while (src[p++] & 0x80);
  let o = 0;
  const end = src.length;
  while (p < end) {
    const tag = src[p++];
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >> 2;
      if (len >= 60) {
        const bytes = len - 59;
        len = 0;
        for (let k = 0; k < bytes; k++) len += src[p + k] * 2 ** (8 * k);
        p += bytes;
      }
      len += 1;
      if (p + len > end || o + len > total) throw new SnappyError("literal past the end");
      if (len < 16) { for (let k = 0; k < len; k++) out[o + k] = src[p + k]; }
      else out.set(src.subarray(p, p + len), o);
      p += len;
      o += len;
      continue;
    }
    let len: number, off: number;
    if (kind === 1) {
      len = 4 + ((tag >> 2) & 7);
      off = ((tag >> 5) << 8) | src[p++];
    } else if (kind === 2) {
      len = (tag >> 2) + 1;
      off = src[p] | (src[p + 1] << 8);
      p += 2;
    } else {
      len = (tag >> 2) + 1;
      off = (src[p] | (src[p + 1] << 8) | (src[p + 2] << 16) | (src[p + 3] << 24)) >>> 0;
      p += 4;
    }
    if (off === 0 || off > o || o + len > total || p > end) {
      throw new SnappyError("copy out of range");
    }
    let from = o - off;
    if (off >= len && len >= 16) {
      out.copyWithin(o, from, from + len);
      o += len;
    } else {
      for (const stop = o + len; o < stop;) out[o++] = out[from++];
    }
  }
  if (o !== total) throw new SnappyError(`decompressed ${o} bytes, header says ${total}`);
  return o;
}

/**
 * Compresses `src` into one Snappy block (the format above): a greedy
 * matcher over 4-byte sequences hashed into a table of their last position,
 * copies of up to 64 bytes from at most 65,535 back, literals in between;
 * far from the reference compressor's ratio on text, but runs of zeros and
 * repeated values — what Parquet pages of metrics hold — shrink a lot.
 * With `reuse`, its buffers hold the output (a view of `reuse.packed`, valid
 * until the next call) and the table.
 *
 * @example
 * ```ts
 * import { snappyCompress, snappyDecompress } from "./snappy.ts";
 * const src = new TextEncoder().encode("abcabcabcabcabcabcabc xyz");
 * const packed = snappyCompress(src);
 * const out = new Uint8Array(src.length);
 * snappyDecompress(packed, out);
 * if (packed.length >= src.length || new TextDecoder().decode(out) !== "abcabcabcabcabcabcabc xyz") throw new Error();
 * ```
 */
export function snappyCompress(
  src: Uint8Array,
  reuse?: { packed: Uint8Array; table: Int32Array },
): Uint8Array {
  const n = src.length;
  const size = 32 + n + Math.ceil(n / 6);
  let out: Uint8Array;
  if (reuse) {
    if (reuse.packed.length < size) reuse.packed = new Uint8Array(size);
    out = reuse.packed;
  } else out = new Uint8Array(size);
  let o = 0;
  for (let v = n;; v = Math.floor(v / 128)) {
    if (v < 128) {
      out[o++] = v;
      break;
    }
    out[o++] = (v % 128) | 128;
  }
  // Position + 1 of the last sequence with each hash.
  const table = reuse ? reuse.table.fill(0) : new Int32Array(1 << HASH_BITS);
  const read32 = (p: number) =>
    src[p] | (src[p + 1] << 8) | (src[p + 2] << 16) | (src[p + 3] << 24);
  const literal = (from: number, to: number) => {
    const len = to - from;
    if (len === 0) return;
    if (len <= 60) out[o++] = (len - 1) << 2;
    else {
      const m = len - 1;
      const bytes = m < 0x100 ? 1 : m < 0x10000 ? 2 : m < 0x1000000 ? 3 : 4;
      out[o++] = (59 + bytes) << 2;
      for (let k = 0; k < bytes; k++) out[o++] = (m >>> (8 * k)) & 0xff;
    }
    out.set(src.subarray(from, to), o);
    o += len;
  };
  let lit = 0, i = 0;
  while (i + 4 <= n) {
    const v = read32(i);
    const h = Math.imul(v, 0x1e35a7bd) >>> (32 - HASH_BITS);
    const cand = table[h] - 1;
    table[h] = i + 1;
    if (cand < 0 || i - cand > 0xffff || read32(cand) !== v) {
      i += 1 + ((i - lit) >> 5); // skip faster through data that does not match
      continue;
    }
    literal(lit, i);
    let len = 4;
    while (i + len < n && src[cand + len] === src[i + len]) len++;
    const offset = i - cand;
    for (let left = len; left > 0;) {
      const c = Math.min(left, 64);
      out[o++] = ((c - 1) << 2) | 2;
      out[o++] = offset & 0xff;
      out[o++] = offset >> 8;
      left -= c;
    }
    i += len;
    lit = i;
  }
  literal(lit, n);
  return out.subarray(0, o);
}

/** Bits of the compressor's hash table (16K positions). */
const HASH_BITS = 14;

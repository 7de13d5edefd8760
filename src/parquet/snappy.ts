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

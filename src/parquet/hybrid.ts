/**
 * Parquet's RLE / bit-packing hybrid, the encoding of dictionary indices,
 * definition levels and RLE booleans: a run header varint `h`; odd `h` is a
 * bit-packed run of `(h >> 1)·8` values of `width` bits each, least
 * significant bit first; even `h` is `h >> 1` repeats of one value stored
 * in `ceil(width / 8)` little-endian bytes.
 *
 * @module
 */
import { ParquetDecodeError } from "./errors.ts";

/** Malformed encoded data. */
export class EncodingError extends ParquetDecodeError {
  override name = "EncodingError";
}

/**
 * Decodes `count` values of bit width `width` (0–32) from `src[pos ..]` into
 * `out[at .. at + count)`; returns the position after the last run read.
 * Trailing values of a bit-packed run beyond `count` are ignored.
 *
 * @example
 * ```ts
 * import { decodeHybrid } from "./hybrid.ts";
 * // RLE run: 3 × value 5 (width 3); then a bit-packed group of 8 values 0..7 (width 3)
 * const src = Uint8Array.of(3 << 1, 5, 1 << 1 | 1, 0b10001000, 0b11000110, 0b11111010);
 * const out = new Int32Array(11);
 * decodeHybrid(src, 0, src.length, 3, out, 0, 11);
 * if (out.join() !== "5,5,5,0,1,2,3,4,5,6,7") throw new Error(out.join());
 * ```
 */
export function decodeHybrid(
  src: Uint8Array,
  pos: number,
  end: number,
  width: number,
  out: Int32Array,
  at: number,
  count: number,
): number {
  if (width < 0 || width > 32) throw new EncodingError(`bit width ${width}`);
  const stop = at + count;
  const byteWidth = (width + 7) >> 3;
  const mask = width === 32 ? -1 : (1 << width) - 1;
  while (at < stop) {
    if (pos >= end) throw new EncodingError("encoded values end early");
    let h = 0, mul = 1;
    for (;;) {
      const b = src[pos++];
      h += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
      if (pos >= end) throw new EncodingError("truncated run header");
    }
    if (h % 2 === 0) {
      const n = Math.min(Math.floor(h / 2), stop - at);
      let v = 0;
      for (let k = 0; k < byteWidth; k++) v |= src[pos + k] << (8 * k);
      pos += byteWidth;
      if (pos > end) throw new EncodingError("truncated RLE run");
      out.fill(v & mask, at, at + n);
      at += n;
    } else {
      const groups = Math.floor(h / 2);
      const bytes = groups * width;
      if (pos + bytes > end) throw new EncodingError("truncated bit-packed run");
      const n = Math.min(groups * 8, stop - at);
      if (width <= 25) {
        // Four bytes from the value's first byte hold all its bits (shift ≤ 7, width ≤ 25).
        for (let k = 0, bit = 0; k < n; k++, bit += width) {
          const b = pos + (bit >> 3);
          const word = src[b] | (src[b + 1] << 8) | (src[b + 2] << 16) | (src[b + 3] << 24);
          out[at + k] = (word >>> (bit & 7)) & mask;
        }
      } else {
        for (let k = 0, bit = 0; k < n; k++, bit += width) {
          let v = 0;
          for (let q = 0; q < width; q++) {
            const b = bit + q;
            v += ((src[pos + (b >> 3)] >> (b & 7)) & 1) * 2 ** q;
          }
          out[at + k] = v | 0;
        }
      }
      at += n;
      pos += bytes;
    }
  }
  return pos;
}

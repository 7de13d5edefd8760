/**
 * Decodes one column chunk of a flat Parquet column: its pages (dictionary,
 * data v1 and v2), uncompressed or Snappy, PLAIN or dictionary encoded,
 * with nulls from one definition level. Byte arrays come as a value list
 * and a per-row index into it (dictionary pages decode each distinct value
 * once); numbers come as one Float64 per row (NaN for null).
 *
 * Anything else (another codec or encoding, INT96, 64-bit integers beyond
 * 2⁵³, a page count that does not add up) throws
 * {@linkcode UnsupportedParquet}: the caller reads such files another way.
 *
 * @module
 */
import { ParquetDecodeError } from "./errors.ts";
import { CompactReader, type ThriftStruct } from "./thrift.ts";
import { snappyDecompress, snappyLength } from "./snappy.ts";
import { decodeHybrid } from "./hybrid.ts";
import { CODEC, ENCODING, type ParquetChunk, type ParquetColumn, PHYSICAL } from "./metadata.ts";

/** A chunk this reader does not decode (the caller falls back to another reader). */
export class UnsupportedParquet extends ParquetDecodeError {
  override name = "UnsupportedParquet";
}

/**
 * Byte-array values of a chunk: value `k` is `bytes[start[k] .. end[k])`;
 * `index[r]` is row r's value, −1 for null. A dictionary page gives each
 * distinct value once; PLAIN pages add one value per non-null row.
 */
export interface TextColumn {
  bytes: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  count: number;
  index: Int32Array;
}

/** Reusable buffers of the decoders (one per reading thread). */
export class Scratch {
  bytes = new Uint8Array(1 << 20);
  ints = new Int32Array(1 << 16);
  levels = new Int32Array(1 << 16);
  /** A byte buffer of at least `n` bytes. */
  byteBuffer(n: number): Uint8Array {
    if (this.bytes.length < n) this.bytes = new Uint8Array(Math.max(n, this.bytes.length * 2));
    return this.bytes;
  }
  /** An Int32 buffer of at least `n` values. */
  intBuffer(n: number): Int32Array {
    if (this.ints.length < n) this.ints = new Int32Array(Math.max(n, this.ints.length * 2));
    return this.ints;
  }
  /** A second Int32 buffer (definition levels). */
  levelBuffer(n: number): Int32Array {
    if (this.levels.length < n) this.levels = new Int32Array(Math.max(n, this.levels.length * 2));
    return this.levels;
  }
}

/** What {@linkcode walkPages} hands on, page by page. */
interface PageSink {
  /** A dictionary page's `count` PLAIN values in `data`. */
  dictionary(data: Uint8Array, count: number): void;
  /** Dictionary indices of the page's non-null rows (rows `at .. at+n`, nulls where `defs` is 0). */
  indices(idx: Int32Array, n: number, at: number, defs: Int32Array | null): void;
  /** PLAIN values of the page's non-null rows. */
  plain(data: Uint8Array, pos: number, n: number, at: number, defs: Int32Array | null): void;
  /** RLE-encoded booleans (0/1) of the page's non-null rows. */
  bools(bits: Int32Array, n: number, at: number, defs: Int32Array | null): void;
}

/** Decodes the pages of `chunk` (`bytes` from its start, `rows` rows) into `sink`. */
function walkPages(
  bytes: Uint8Array,
  chunk: ParquetChunk,
  column: ParquetColumn,
  rows: number,
  scratch: Scratch,
  sink: PageSink,
): void {
  if (chunk.codec !== CODEC.UNCOMPRESSED && chunk.codec !== CODEC.SNAPPY) {
    throw new UnsupportedParquet(`codec ${chunk.codec}`);
  }
  if (chunk.values !== rows) throw new UnsupportedParquet("values and rows differ");
  let pos = 0, at = 0;
  while (at < rows) {
    if (pos >= bytes.length) throw new UnsupportedParquet("pages end before the rows");
    const reader = new CompactReader(bytes, pos);
    const header = reader.struct();
    pos = reader.pos;
    const type = header.get(1) as number;
    const size = header.get(3) as number;
    const rawSize = header.get(2) as number;
    const page = bytes.subarray(pos, pos + size);
    pos += size;
    if (page.length !== size) throw new UnsupportedParquet("truncated page");
    if (type === 2) {
      const h = header.get(7) as ThriftStruct;
      const enc = h.get(2) as number;
      if (enc !== ENCODING.PLAIN && enc !== ENCODING.PLAIN_DICTIONARY) {
        throw new UnsupportedParquet(`dictionary encoding ${enc}`);
      }
      sink.dictionary(inflate(page, chunk.codec, rawSize, scratch), h.get(1) as number);
      continue;
    }
    if (type !== 0 && type !== 3) continue; // index pages
    let n: number, enc: number, data: Uint8Array, dpos = 0;
    let defs: Int32Array | null = null;
    if (type === 0) {
      const h = header.get(5) as ThriftStruct;
      n = h.get(1) as number;
      enc = h.get(2) as number;
      data = inflate(page, chunk.codec, rawSize, scratch);
      if (column.optional) {
        if ((h.get(3) as number) !== ENCODING.RLE) {
          throw new UnsupportedParquet("BIT_PACKED levels");
        }
        const len = data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24);
        defs = scratch.levelBuffer(n);
        decodeHybrid(data, 4, 4 + len, 1, defs, 0, n);
        dpos = 4 + len;
      }
    } else {
      const h = header.get(8) as ThriftStruct;
      n = h.get(1) as number;
      enc = h.get(4) as number;
      const defLen = (h.get(5) as number) ?? 0;
      const repLen = (h.get(6) as number) ?? 0;
      if (repLen !== 0) throw new UnsupportedParquet("repetition levels");
      const compressed = h.get(7) !== false;
      if (column.optional) {
        defs = scratch.levelBuffer(n);
        decodeHybrid(page, 0, defLen, 1, defs, 0, n);
      }
      const body = page.subarray(defLen);
      data = compressed && chunk.codec === CODEC.SNAPPY
        ? inflate(body, chunk.codec, rawSize - defLen, scratch)
        : body;
    }
    if (n > rows - at) throw new UnsupportedParquet("more values than rows");
    let present = n;
    if (defs) {
      present = 0;
      for (let k = 0; k < n; k++) present += defs[k];
      if (present === n) defs = null; // no nulls: the sinks' plain paths
    }
    if (enc === ENCODING.RLE_DICTIONARY || enc === ENCODING.PLAIN_DICTIONARY) {
      const width = data[dpos];
      const idx = scratch.intBuffer(present);
      decodeHybrid(data, dpos + 1, data.length, width, idx, 0, present);
      sink.indices(idx, n, at, defs);
    } else if (enc === ENCODING.PLAIN) {
      sink.plain(data, dpos, n, at, defs);
    } else if (enc === ENCODING.RLE && column.physical === PHYSICAL.BOOLEAN) {
      const len = data[dpos] | (data[dpos + 1] << 8) | (data[dpos + 2] << 16) |
        (data[dpos + 3] << 24);
      const idx = scratch.intBuffer(present);
      decodeHybrid(data, dpos + 4, dpos + 4 + len, 1, idx, 0, present);
      sink.bools(idx, n, at, defs);
    } else {
      throw new UnsupportedParquet(`encoding ${enc}`);
    }
    at += n;
  }
}

/** The page's bytes uncompressed (the page itself, or a view of the scratch buffer). */
function inflate(page: Uint8Array, codec: number, rawSize: number, scratch: Scratch): Uint8Array {
  if (codec === CODEC.UNCOMPRESSED) return page;
  const n = snappyLength(page);
  if (n !== rawSize) throw new UnsupportedParquet("page size and Snappy length differ");
  const out = scratch.byteBuffer(n);
  snappyDecompress(page, out);
  return out.subarray(0, n);
}

/** Growable storage of byte-array values (see {@linkcode TextColumn}). */
class TextValues {
  bytes = new Uint8Array(1 << 16);
  used = 0;
  start = new Int32Array(1 << 10);
  end = new Int32Array(1 << 10);
  count = 0;

  /** Appends `count` PLAIN byte arrays (4-byte length + bytes each) from `data[pos ..]`. */
  addPlain(data: Uint8Array, pos: number, count: number): void {
    let p = pos;
    for (let k = 0; k < count; k++) {
      if (p + 4 > data.length) throw new UnsupportedParquet("byte array past the page");
      p += 4 + (data[p] | (data[p + 1] << 8) | (data[p + 2] << 16) | (data[p + 3] << 24));
    }
    if (p > data.length) throw new UnsupportedParquet("byte array past the page");
    const n = this.count + count;
    if (n > this.start.length) {
      const size = Math.max(n, 2 * this.start.length);
      this.start = grown(this.start, size);
      this.end = grown(this.end, size);
    }
    if (this.used + (p - pos) > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.used + (p - pos), 2 * this.bytes.length));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    // The run is copied as is (length prefixes included); values point past their prefix.
    this.bytes.set(data.subarray(pos, p), this.used);
    const shift = this.used - pos;
    for (let k = this.count, q = pos; k < n; k++) {
      const len = data[q] | (data[q + 1] << 8) | (data[q + 2] << 16) | (data[q + 3] << 24);
      this.start[k] = q + 4 + shift;
      this.end[k] = q + 4 + len + shift;
      q += 4 + len;
    }
    this.used += p - pos;
    this.count = n;
  }
}

function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * The byte-array column chunk `bytes` (`rows` rows) as {@linkcode TextColumn}.
 * `index` is filled from 0; its length must be at least `rows`.
 */
export function decodeText(
  bytes: Uint8Array,
  chunk: ParquetChunk,
  column: ParquetColumn,
  rows: number,
  index: Int32Array,
  scratch: Scratch,
): TextColumn {
  if (column.physical !== PHYSICAL.BYTE_ARRAY) throw new UnsupportedParquet("not a byte array");
  const values = new TextValues();
  let dictSize = -1, dictBase = 0;
  walkPages(bytes, chunk, column, rows, scratch, {
    dictionary(data, count) {
      dictBase = values.count;
      values.addPlain(data, 0, count);
      dictSize = count;
    },
    indices(idx, n, at, defs) {
      if (dictSize < 0) throw new UnsupportedParquet("dictionary indices without a dictionary");
      for (let k = 0, q = 0; k < n; k++) {
        if (defs && !defs[k]) index[at + k] = -1;
        else {
          const v = idx[q++];
          if (v >= dictSize || v < 0) throw new UnsupportedParquet("dictionary index out of range");
          index[at + k] = dictBase + v;
        }
      }
    },
    plain(data, pos, n, at, defs) {
      const base = values.count;
      let present = n;
      if (defs) {
        present = 0;
        for (let k = 0; k < n; k++) present += defs[k];
      }
      values.addPlain(data, pos, present);
      for (let k = 0, q = base; k < n; k++) index[at + k] = defs && !defs[k] ? -1 : q++;
    },
    bools() {
      throw new UnsupportedParquet("booleans in a byte-array column");
    },
  });
  return {
    bytes: values.bytes,
    start: values.start,
    end: values.end,
    count: values.count,
    index,
  };
}

/**
 * The numeric or boolean column chunk `bytes` (`rows` rows) as one Float64
 * per row into `out` (from 0): `nullValue` for null, booleans 0/1, INT64 exact below
 * 2⁵³ (else {@linkcode UnsupportedParquet}); with `nanosToMicros`, INT64
 * nanoseconds as whole microseconds (rounded down).
 */
export function decodeNumbers(
  bytes: Uint8Array,
  chunk: ParquetChunk,
  column: ParquetColumn,
  rows: number,
  out: Float64Array,
  scratch: Scratch,
  nullValue = NaN,
  nanosToMicros = false,
): void {
  const t = column.physical;
  if (t === PHYSICAL.INT96 || t === PHYSICAL.BYTE_ARRAY || t === PHYSICAL.FIXED_LEN_BYTE_ARRAY) {
    throw new UnsupportedParquet(`physical type ${t}`);
  }
  let dict = new Float64Array(0);
  const scatter = (vals: ArrayLike<number>, n: number, at: number, defs: Int32Array | null) => {
    if (!defs) { for (let k = 0; k < n; k++) out[at + k] = vals[k]; }
    else for (let k = 0, q = 0; k < n; k++) out[at + k] = defs[k] ? vals[q++] : nullValue;
  };
  const sink: PageSink = {
    dictionary(data: Uint8Array, count: number) {
      dict = new Float64Array(count);
      plainNumbers(t, data, 0, count, dict, nanosToMicros);
    },
    indices(idx: Int32Array, n: number, at: number, defs: Int32Array | null) {
      const nd = dict.length;
      for (let k = 0, q = 0; k < n; k++) {
        if (defs && !defs[k]) out[at + k] = nullValue;
        else {
          const v = idx[q++];
          if (v >= nd) throw new UnsupportedParquet("dictionary index out of range");
          out[at + k] = dict[v];
        }
      }
    },
    plain(data: Uint8Array, pos: number, n: number, at: number, defs: Int32Array | null) {
      if (!defs) {
        // No nulls: straight into place.
        plainNumbers(t, data, pos, n, out.subarray(at, at + n), nanosToMicros);
        return;
      }
      let present = 0;
      for (let k = 0; k < n; k++) present += defs[k];
      const vals = new Float64Array(present);
      plainNumbers(t, data, pos, present, vals, nanosToMicros);
      scatter(vals, n, at, defs);
    },
    bools(bits: Int32Array, n: number, at: number, defs: Int32Array | null) {
      scatter(bits, n, at, defs);
    },
  };
  walkPages(bytes, chunk, column, rows, scratch, sink);
}

/**
 * `count` PLAIN values of physical type `t` from `data[pos ..]` into `out`;
 * with `nanos`, INT64 values are nanoseconds ≥ 0 and come as whole
 * microseconds, `floor(v / 1000)`, exact for any 64-bit value: with
 * `v = hi·2³² + lo` and `2³² = 4294967·1000 + 296`,
 * `floor(v / 1000) = hi·4294967 + floor((hi·296 + lo) / 1000)`.
 */
function plainNumbers(
  t: number,
  data: Uint8Array,
  pos: number,
  count: number,
  out: Float64Array,
  nanos: boolean,
) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = t === PHYSICAL.BOOLEAN ? 0 : t === PHYSICAL.INT32 || t === PHYSICAL.FLOAT ? 4 : 8;
  if (
    pos + width * count > data.length || (width === 0 && pos + Math.ceil(count / 8) > data.length)
  ) {
    throw new UnsupportedParquet("values past the page");
  }
  switch (t) {
    case PHYSICAL.BOOLEAN:
      for (let k = 0; k < count; k++) out[k] = (data[pos + (k >> 3)] >> (k & 7)) & 1;
      return;
    case PHYSICAL.INT32:
      for (let k = 0; k < count; k++) out[k] = view.getInt32(pos + 4 * k, true);
      return;
    case PHYSICAL.FLOAT:
      for (let k = 0; k < count; k++) out[k] = view.getFloat32(pos + 4 * k, true);
      return;
    case PHYSICAL.DOUBLE:
      for (let k = 0; k < count; k++) out[k] = view.getFloat64(pos + 8 * k, true);
      return;
    case PHYSICAL.INT64:
      if (nanos) {
        for (let k = 0; k < count; k++) {
          const hi = view.getInt32(pos + 8 * k + 4, true);
          if (hi < 0) throw new UnsupportedParquet("negative nanosecond timestamp");
          out[k] = hi * 4294967 + Math.floor((hi * 296 + view.getUint32(pos + 8 * k, true)) / 1000);
        }
        return;
      }
      for (let k = 0; k < count; k++) {
        const hi = view.getInt32(pos + 8 * k + 4, true);
        if (hi >= 0x200000 || hi < -0x200000) throw new UnsupportedParquet("INT64 beyond 2^53");
        out[k] = hi * 4294967296 + view.getUint32(pos + 8 * k, true);
      }
      return;
  }
  throw new UnsupportedParquet(`physical type ${t}`);
}

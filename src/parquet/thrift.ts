/**
 * A reader of Thrift's compact protocol, the encoding of Parquet's footer
 * and page headers: a struct becomes a `Map` from field id to value (ints as
 * numbers, binaries as bytes, lists as arrays, nested structs as maps), so
 * the caller picks the fields it knows and ignores the rest.
 *
 * Wire format (Apache Thrift, `doc/specs/thrift-compact-protocol.md`): a
 * field header byte holds the field-id delta in its high nibble (0: a
 * zigzag varint id follows) and the type in its low nibble; integers are
 * zigzag varints; a list header holds its size (15: a varint follows) and
 * element type. 64-bit integers are returned as numbers, exact below 2⁵³
 * (offsets and counts of any real file).
 *
 * @module
 */
import { ParquetDecodeError } from "./errors.ts";

/** A decoded struct: field id → value. */
export type ThriftStruct = Map<number, ThriftValue>;

/** A decoded value. */
export type ThriftValue = number | boolean | Uint8Array | ThriftValue[] | ThriftStruct;

/** Malformed or truncated Thrift input. */
export class ThriftError extends ParquetDecodeError {
  override name = "ThriftError";
}

/** A cursor over compact-protocol bytes. */
export class CompactReader {
  /** Next byte to read. */
  pos: number;

  constructor(readonly bytes: Uint8Array, pos = 0) {
    this.pos = pos;
  }

  /**
   * The struct starting at the cursor (through its STOP byte).
   *
   * @example
   * ```ts
   * import { CompactReader } from "./thrift.ts";
   * // field 1: i32 zigzag(−3) = 5; field 3 (delta 2): binary "ab"; STOP
   * const s = new CompactReader(Uint8Array.of(0x15, 0x05, 0x28, 0x02, 0x61, 0x62, 0x00)).struct();
   * if (s.get(1) !== -3 || new TextDecoder().decode(s.get(3) as Uint8Array) !== "ab") throw new Error();
   * ```
   */
  struct(): ThriftStruct {
    const out: ThriftStruct = new Map();
    let id = 0;
    for (;;) {
      const head = this.byte();
      const type = head & 0x0f;
      if (type === 0) return out;
      const delta = head >> 4;
      id = delta ? id + delta : this.zigzag();
      out.set(id, this.value(type));
    }
  }

  private value(type: number): ThriftValue {
    switch (type) {
      case 1:
        return true;
      case 2:
        return false;
      case 3: {
        const b = this.byte();
        return b > 127 ? b - 256 : b;
      }
      case 4:
      case 5:
      case 6:
        return this.zigzag();
      case 7: {
        this.need(8);
        const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8)
          .getFloat64(0, true);
        this.pos += 8;
        return v;
      }
      case 8: {
        const n = this.varint();
        this.need(n);
        const v = this.bytes.subarray(this.pos, this.pos + n);
        this.pos += n;
        return v;
      }
      case 9:
      case 10: {
        const head = this.byte();
        let n = head >> 4;
        if (n === 15) n = this.varint();
        const elem = head & 0x0f;
        const out: ThriftValue[] = [];
        for (let k = 0; k < n; k++) {
          // A boolean element is one byte (1 true, 2 false in practice; anything but 1 is false).
          out.push(elem === 1 || elem === 2 ? this.byte() === 1 : this.value(elem));
        }
        return out;
      }
      case 11: {
        const n = this.varint();
        if (n === 0) return [];
        const kinds = this.byte();
        const out: ThriftValue[] = [];
        for (let k = 0; k < n; k++) out.push([this.value(kinds >> 4), this.value(kinds & 0x0f)]);
        return out;
      }
      case 12:
        return this.struct();
      default:
        throw new ThriftError(`unknown compact type ${type} at byte ${this.pos}`);
    }
  }

  private byte(): number {
    if (this.pos >= this.bytes.length) throw new ThriftError("truncated Thrift data");
    return this.bytes[this.pos++];
  }

  private need(n: number) {
    if (this.pos + n > this.bytes.length) throw new ThriftError("truncated Thrift data");
  }

  /** An unsigned varint (up to 2⁵³). */
  varint(): number {
    let v = 0, mul = 1;
    for (let k = 0; k < 10; k++) {
      const b = this.byte();
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
    throw new ThriftError("varint longer than 10 bytes");
  }

  private zigzag(): number {
    const v = this.varint();
    // v even → v/2, odd → −(v+1)/2, exact for v < 2⁵³.
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
}

/** A value to encode: its compact type and content (see {@linkcode encodeStruct}). */
export type ThriftOut =
  | { i32: number }
  | { i64: number }
  | { bool: boolean }
  | { bin: Uint8Array | string }
  | { list: ThriftOut[]; of: "i32" | "i64" | "bin" | "struct" }
  | { struct: [number, ThriftOut][] };

const TYPE_OF = { i32: 5, i64: 6, bin: 8, struct: 12 } as const;

/** Bytes being written, growing as needed. */
class Out {
  bytes = new Uint8Array(256);
  length = 0;
  byte(b: number) {
    if (this.length === this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    this.bytes[this.length++] = b;
  }
  varint(v: number) {
    while (v >= 128) {
      this.byte((v % 128) | 128);
      v = Math.floor(v / 128);
    }
    this.byte(v);
  }
  zigzag(v: number) {
    this.varint(v >= 0 ? 2 * v : -2 * v - 1);
  }
}

/**
 * A struct in the compact protocol, fields in the order given (ids
 * ascending, as the compact protocol's field-id deltas expect; a gap over 15
 * writes the id in full).
 *
 * @example
 * ```ts
 * import { CompactReader, encodeStruct } from "./thrift.ts";
 * const bytes = encodeStruct([[1, { i32: -3 }], [3, { bin: "ab" }], [4, { list: [{ i64: 7 }], of: "i64" }]]);
 * const s = new CompactReader(bytes).struct();
 * if (s.get(1) !== -3 || (s.get(4) as number[])[0] !== 7) throw new Error();
 * ```
 */
export function encodeStruct(fields: [number, ThriftOut][]): Uint8Array {
  const out = new Out();
  writeStruct(out, fields);
  return out.bytes.slice(0, out.length);
}

function writeStruct(out: Out, fields: [number, ThriftOut][]) {
  let last = 0;
  for (const [id, v] of fields) {
    const type = "bool" in v
      ? (v.bool ? 1 : 2)
      : "list" in v
      ? 9
      : TYPE_OF[Object.keys(v)[0] as keyof typeof TYPE_OF];
    const delta = id - last;
    if (delta > 0 && delta <= 15) out.byte((delta << 4) | type);
    else {
      out.byte(type);
      out.zigzag(id);
    }
    last = id;
    if (!("bool" in v)) writeValue(out, v);
  }
  out.byte(0);
}

function writeValue(out: Out, v: ThriftOut) {
  if ("i32" in v) out.zigzag(v.i32);
  else if ("i64" in v) out.zigzag(v.i64);
  else if ("bin" in v) {
    const b = typeof v.bin === "string" ? new TextEncoder().encode(v.bin) : v.bin;
    out.varint(b.length);
    for (const x of b) out.byte(x);
  } else if ("list" in v) {
    const n = v.list.length;
    const t = TYPE_OF[v.of];
    if (n < 15) out.byte((n << 4) | t);
    else {
      out.byte(0xf0 | t);
      out.varint(n);
    }
    for (const x of v.list) writeValue(out, x);
  } else if ("struct" in v) writeStruct(out, v.struct);
}

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

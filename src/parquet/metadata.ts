/**
 * The footer of a Parquet file (`FileMetaData`, Thrift compact), reduced to
 * what a flat-table reader needs: the leaf columns with their physical and
 * logical types, and per row group each column chunk's codec, encodings
 * and byte range. Field ids are those of `parquet-format`'s `parquet.thrift`.
 *
 * @module
 */
import { ParquetDecodeError } from "./errors.ts";
import { CompactReader, type ThriftStruct, type ThriftValue } from "./thrift.ts";

/** Physical types (`Type` in parquet.thrift). */
export const PHYSICAL = {
  BOOLEAN: 0,
  INT32: 1,
  INT64: 2,
  INT96: 3,
  FLOAT: 4,
  DOUBLE: 5,
  BYTE_ARRAY: 6,
  FIXED_LEN_BYTE_ARRAY: 7,
} as const;

/** Compression codecs (`CompressionCodec`). */
export const CODEC = { UNCOMPRESSED: 0, SNAPPY: 1 } as const;

/** Encodings (`Encoding`). */
export const ENCODING = {
  PLAIN: 0,
  PLAIN_DICTIONARY: 2,
  RLE: 3,
  BIT_PACKED: 4,
  RLE_DICTIONARY: 8,
} as const;

/** A leaf column of a flat schema. */
export interface ParquetColumn {
  name: string;
  physical: number;
  /** True when the column may hold nulls (OPTIONAL: one definition level). */
  optional: boolean;
  /** `ConvertedType`, or −1. */
  converted: number;
  /** The `LogicalType` union's member id (1 STRING, 8 TIMESTAMP, 10 INTEGER, …), or 0. */
  logical: number;
  /** Timestamps: 1000 (millis), 1 (micros), 0.001 (nanos) microseconds per unit, or 0. */
  timeUnitMicros: number;
  /** An unsigned integer (logical INTEGER with isSigned false, or converted UINT_*). */
  unsigned: boolean;
}

/** One column chunk of a row group. */
export interface ParquetChunk {
  codec: number;
  encodings: number[];
  /** Byte range of its pages in the file. */
  start: number;
  length: number;
  /** Values (= rows, for a flat column). */
  values: number;
  /**
   * Data pages by encoding, from the writer's `encoding_stats` (PLAIN,
   * dictionary-encoded), or null when the writer did not record them.
   */
  dataPages: { plain: number; dictionary: number } | null;
}

/** A row group: its rows and its chunks by column name. */
export interface ParquetRowGroup {
  rows: number;
  chunks: Map<string, ParquetChunk>;
}

/** What {@linkcode readMetadata} returns. */
export interface ParquetMetadata {
  rows: number;
  /** Leaf columns, or null when the schema is nested (not a flat table). */
  columns: ParquetColumn[] | null;
  rowGroups: ParquetRowGroup[];
}

/** A file that is not Parquet, or whose footer cannot be read. */
export class ParquetFormatError extends ParquetDecodeError {
  override name = "ParquetFormatError";
}

const num = (v: ThriftValue | undefined, dflt = 0) => (typeof v === "number" ? v : dflt);
const text = (v: ThriftValue | undefined) =>
  v instanceof Uint8Array ? new TextDecoder().decode(v) : "";
const struct = (v: ThriftValue | undefined) => (v instanceof Map ? v : new Map() as ThriftStruct);

/** Reads the footer of the Parquet file at `path`. */
export function readMetadata(path: string): ParquetMetadata {
  using file = Deno.openSync(path);
  const size = file.statSync().size;
  if (size < 12) throw new ParquetFormatError(`${path}: too short for Parquet`);
  const tail = readAt(file, size - 8, 8);
  const magic = new TextDecoder().decode(tail.subarray(4));
  if (magic !== "PAR1") throw new ParquetFormatError(`${path}: no Parquet magic at the end`);
  const length = new DataView(tail.buffer, tail.byteOffset).getUint32(0, true);
  if (length + 12 > size) throw new ParquetFormatError(`${path}: footer length out of range`);
  return parseMetadata(readAt(file, size - 8 - length, length));
}

/** Reads `length` bytes of `file` at `offset`. */
export function readAt(file: Deno.FsFile, offset: number, length: number, into?: Uint8Array) {
  const out = into ? into.subarray(0, length) : new Uint8Array(length);
  file.seekSync(offset, Deno.SeekMode.Start);
  let at = 0;
  while (at < length) {
    const got = file.readSync(out.subarray(at));
    if (got === null || got === 0) throw new ParquetFormatError("unexpected end of file");
    at += got;
  }
  return out;
}

/** {@linkcode ParquetMetadata} from the footer's bytes. */
export function parseMetadata(bytes: Uint8Array): ParquetMetadata {
  const meta = new CompactReader(bytes).struct();
  const schema = (meta.get(2) ?? []) as ThriftStruct[];
  let columns: ParquetColumn[] | null = [];
  // A flat table: a root with only leaf children (no nested groups, nothing repeated).
  const root = schema[0];
  if (!root || num(root.get(5)) !== schema.length - 1) columns = null;
  for (const el of schema.slice(1)) {
    if (!columns) break;
    const repetition = num(el.get(3));
    if (el.has(5) || repetition === 2 || !el.has(1)) {
      columns = null;
      break;
    }
    const logical = struct(el.get(10));
    const lid = [...logical.keys()][0] ?? 0;
    let timeUnitMicros = 0;
    const converted = num(el.get(6), -1);
    if (lid === 8) {
      const unit = [...struct(struct(logical.get(8)).get(2)).keys()][0];
      timeUnitMicros = unit === 1 ? 1000 : unit === 2 ? 1 : unit === 3 ? 0.001 : 0;
    } else if (converted === 9) timeUnitMicros = 1000;
    else if (converted === 10) timeUnitMicros = 1;
    const unsigned = (lid === 10 && struct(logical.get(10)).get(2) === false) ||
      (converted >= 11 && converted <= 14);
    columns.push({
      name: text(el.get(4)),
      physical: num(el.get(1)),
      optional: repetition === 1,
      converted,
      logical: lid,
      timeUnitMicros,
      unsigned,
    });
  }
  const rowGroups = ((meta.get(4) ?? []) as ThriftStruct[]).map((rg) => {
    const chunks = new Map<string, ParquetChunk>();
    for (const cc of (rg.get(1) ?? []) as ThriftStruct[]) {
      const md = struct(cc.get(3));
      const path = ((md.get(3) ?? []) as Uint8Array[]).map((p) => new TextDecoder().decode(p));
      const dataOffset = num(md.get(9));
      const dictOffset = md.has(11) ? num(md.get(11)) : -1;
      const start = dictOffset > 0 && dictOffset < dataOffset ? dictOffset : dataOffset;
      // encoding_stats: (page type, encoding, count); data pages are types 0 and 3.
      const stats = md.get(13) as ThriftStruct[] | undefined;
      let dataPages: ParquetChunk["dataPages"] = null;
      if (Array.isArray(stats)) {
        dataPages = { plain: 0, dictionary: 0 };
        for (const st of stats) {
          const type = num(st.get(1)), enc = num(st.get(2)), count = num(st.get(3));
          if (type !== 0 && type !== 3) continue;
          if (enc === ENCODING.PLAIN) dataPages.plain += count;
          else if (enc === ENCODING.RLE_DICTIONARY || enc === ENCODING.PLAIN_DICTIONARY) {
            dataPages.dictionary += count;
          }
        }
      }
      chunks.set(path.join("."), {
        dataPages,
        codec: num(md.get(4)),
        encodings: ((md.get(2) ?? []) as number[]).slice(),
        start,
        length: num(md.get(7)),
        values: num(md.get(5)),
        // A chunk kept in another file (file_path) is not supported: marked by a negative start.
        ...(cc.has(1) ? { start: -1 } : {}),
      });
    }
    return { rows: num(rg.get(3)), chunks };
  });
  return { rows: num(meta.get(3)), columns, rowGroups };
}

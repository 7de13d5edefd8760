/**
 * The load's fast path for Parquet sources: the files' column chunks are
 * decoded here (`src/parquet`) instead of streamed row by row out of the
 * engine. Two passes over the row groups:
 *
 * 1. the user and item chunks only: each row group's dictionary (each
 *    distinct id once, not each row) goes through a byte-keyed table to an
 *    id in order of first sight, and the rows per user are counted;
 * 2. after the ids are sorted into codes, every chunk again, each row
 *    written straight into its user's segment (in file order).
 *
 * The result is what the engine path builds (`id_codes.ts` and the row scan
 * of `dataset.ts`), value for value: the same sorted id lists, codes, row
 * counts, timestamps (the engine's `epoch(ts::TIMESTAMPTZ)`, session time
 * zone UTC), cleaning bytes and file positions. It declines (returns null,
 * and the engine path runs) for what it would not reproduce exactly: ids
 * with leading or trailing spaces (the engine trims them), ids that are not
 * UTF-8, non-string ids,
 * string or decimal ratings and timestamps, unsigned integers, a user
 * sample, files whose columns differ in type, and any page layout the
 * reader does not decode.
 *
 * @module
 */
import {
  DECODE_ERROR_NAMES,
  decodeNumbers,
  decodeText,
  type ParquetChunk,
  type ParquetColumn,
  ParquetDecodeError,
  type ParquetMetadata,
  PHYSICAL,
  readAt,
  readMetadata,
  Scratch,
  type TextColumn,
  UnsupportedParquet,
} from "../parquet/mod.ts";
import { ByteKeys } from "./byte_keys.ts";
import { trace } from "../trace.ts";
import { defaultThreads, task, WorkerPool } from "../parallel/mod.ts";
import { cleanFlags } from "./clean.ts";
import { type DataSourceOptions, sourceColumns } from "./source.ts";
import type { IdCodes } from "./id_codes.ts";
import type { SegmentColumns, Segments } from "./sort_rows.ts";
import type { BookTable } from "./types.ts";

/** The id dictionaries of the direct path (the engine path's {@linkcode IdCodes} fields). */
export type DirectCodes = Pick<IdCodes, "userIds" | "itemIds" | "itemInMeta" | "userRows">;

/** How a numeric column's values become the engine path's values. */
export type NumberKind = "plain" | "micros" | "millis" | "nanos" | "days";

/** The columns to read and how (a task argument: plain data). */
export interface Plan {
  user: string;
  item: string;
  ts: { name: string; kind: NumberKind };
  rating: string | null;
  isRead: string | null;
}

/**
 * The dictionaries and segments of the Parquet `files`, or null when the
 * direct path declines (see the module doc). `cols` must hold every row.
 * From `minParallelRows` rows on, the passes run on `threads` workers, which
 * also fault the columns' fresh pages in (sequentially, the cheap order)
 * while this thread turns the ids into codes.
 */
export async function loadParquetDirect(
  files: string[],
  source: DataSourceOptions,
  books: BookTable | null,
  cols: SegmentColumns,
  threads = defaultThreads(),
  minParallelRows = MIN_PARALLEL_ROWS,
): Promise<{ codes: DirectCodes; segments: Segments } | null> {
  if (source.sampleUsers !== undefined && source.sampleUsers < 1) return null;
  let metas: ParquetMetadata[];
  try {
    metas = files.map(readMetadata);
  } catch {
    return null; // the engine reports what is wrong with the file
  }
  const plan = planOf(metas, source);
  if (!plan) return null;
  try {
    const parallel = threads > 1 && metas.reduce((a, m) => a + m.rows, 0) >= minParallelRows;
    return await run(files, metas, plan, books, cols, parallel ? threads : 1);
  } catch (e) {
    // Anything the reader cannot decode (also a corrupt file: the engine then says what is wrong).
    if (e instanceof ParquetDecodeError || e instanceof RangeError) return null;
    throw e;
  }
}

/** The columns to read and how, or null when some column is outside the direct path. */
function planOf(metas: ParquetMetadata[], source: DataSourceOptions): Plan | null {
  const c = sourceColumns(source);
  const names = {
    user: c.user_id,
    item: c.item_id,
    ts: c.timestamp,
    rating: c.rating,
    isRead: c.is_read,
  };
  let plan: Plan | null = null;
  let signature = "";
  for (const meta of metas) {
    if (!meta.columns) return null;
    const byName = new Map(meta.columns.map((c) => [c.name, c]));
    const user = byName.get(names.user), item = byName.get(names.item);
    const ts = byName.get(names.ts);
    if (!user || !item || !ts || !isString(user) || !isString(item)) return null;
    const kind = timeKind(ts);
    if (!kind) return null;
    const rating = byName.get(names.rating), isRead = byName.get(names.isRead);
    if (rating && !isPlainNumber(rating)) return null;
    if (isRead && !isPlainNumber(isRead) && isRead.physical !== PHYSICAL.BOOLEAN) return null;
    const p: Plan = {
      user: names.user,
      item: names.item,
      ts: { name: names.ts, kind },
      rating: rating ? names.rating : null,
      isRead: isRead ? names.isRead : null,
    };
    if (mostlyPlain(meta, names.user) || mostlyPlain(meta, names.item)) return null;
    // Every file's columns typed alike (the engine would cast to the first file's types).
    const sig = JSON.stringify([user, item, ts, rating ?? null, isRead ?? null]);
    if (plan && sig !== signature) return null;
    plan = p;
    signature = sig;
  }
  return plan;
}

/**
 * True when the writer recorded more PLAIN than dictionary-encoded data pages
 * for the id column `name` (its dictionary overflowed, as pyarrow's 1 MB
 * dictionary pages do with the 2.36M books of the full Goodreads shape).
 * Then every row's id needs a hash lookup, as on the engine path, which
 * does it faster: on that shape the direct load took 123 s (pass 1 62 s)
 * against the engine path's 90 s. Declined; unknown (no stats) is taken.
 */
function mostlyPlain(meta: ParquetMetadata, name: string): boolean {
  let plain = 0, dictionary = 0;
  for (const g of meta.rowGroups) {
    const pages = g.chunks.get(name)?.dataPages;
    if (pages) (plain += pages.plain), (dictionary += pages.dictionary);
  }
  return plain > dictionary;
}

const isString = (c: ParquetColumn) =>
  c.physical === PHYSICAL.BYTE_ARRAY && (c.logical === 1 || c.converted === 0);

/** A signed integer or float without a logical type other than INTEGER. */
const isPlainNumber = (c: ParquetColumn) =>
  (c.physical === PHYSICAL.INT32 || c.physical === PHYSICAL.INT64 ||
    c.physical === PHYSICAL.FLOAT || c.physical === PHYSICAL.DOUBLE) &&
  (c.logical === 0 || c.logical === 10) && !c.unsigned &&
  (c.converted === -1 || (c.converted >= 15 && c.converted <= 18));

function timeKind(c: ParquetColumn): NumberKind | null {
  if (c.physical === PHYSICAL.INT64 && c.timeUnitMicros > 0) {
    return c.timeUnitMicros === 1 ? "micros" : c.timeUnitMicros === 1000 ? "millis" : "nanos";
  }
  if (c.physical === PHYSICAL.INT32 && (c.logical === 6 || c.converted === 6)) return "days";
  return isPlainNumber(c) ? "plain" : null;
}

/** A column chunk's bytes, read into a reused buffer. */
class ChunkReader {
  private buffer = new Uint8Array(1 << 22);
  read(file: Deno.FsFile, chunk: ParquetChunk): Uint8Array {
    if (chunk.start < 0) throw new UnsupportedParquet("a chunk in another file");
    if (this.buffer.length < chunk.length) this.buffer = new Uint8Array(chunk.length * 2);
    return readAt(file, chunk.start, chunk.length, this.buffer);
  }
}

/** One row group: its file, its index in the file, its rows and the file position of its first row. */
export interface GroupRef {
  file: string;
  group: number;
  rows: number;
  rowBase: number;
}

/** A row group's distinct byte-array values (a copy of {@linkcode TextColumn}'s value part). */
export interface Dict {
  bytes: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  count: number;
}

/** Pass 1's result for one row group. */
export interface IdPart {
  users: Dict;
  /** Rows per user value; the last entry counts null user ids. */
  userRows: Int32Array;
  /** Each item value's position in its task's {@linkcode IdRun.items}. */
  itemLocal: Int32Array;
}

/**
 * Pass 1's result for a task's row groups: per group its users, and the
 * task's distinct item values (a row group's dictionary repeats most of the
 * catalog, so each task dedupes its groups' items before the calling
 * thread maps them: 4 tasks' ~93k items instead of 34 groups' 3.2M).
 */
export interface IdRun {
  groups: IdPart[];
  items: Dict;
}

/** Pass 1 tasks per thread (fewer than pass 2's: each returns its distinct items). */
const ID_TASKS_PER_THREAD = 2;

/** Row groups per task: several per thread, so that a thread slowed down does not hold up the rest. */
const TASKS_PER_THREAD = 6;

/** Below this many rows the direct path runs on the calling thread. */
const MIN_PARALLEL_ROWS = 4_000_000;

/** The files' metadata by path (a task argument). */
type Metas = Map<string, ParquetMetadata>;

/** Per-thread decoding state. */
class GroupDecoder {
  readonly scratch = new Scratch();
  readonly reader = new ChunkReader();
  index = new Int32Array(0);
  index2 = new Int32Array(0);
  constructor(readonly metas: Metas) {}

  private part(ref: GroupRef, name: string) {
    const meta = this.metas.get(ref.file)!;
    const chunk = meta.rowGroups[ref.group].chunks.get(name);
    const column = meta.columns?.find((c) => c.name === name);
    if (!chunk || !column) throw new UnsupportedParquet(`no column ${name}`);
    return { chunk, column };
  }

  text(file: Deno.FsFile, ref: GroupRef, name: string, index: Int32Array) {
    const { chunk, column } = this.part(ref, name);
    return decodeText(this.reader.read(file, chunk), chunk, column, ref.rows, index, this.scratch);
  }

  numbers(
    file: Deno.FsFile,
    ref: GroupRef,
    name: string,
    out: Float64Array,
    nul: number,
    ns: boolean,
  ) {
    const { chunk, column } = this.part(ref, name);
    decodeNumbers(
      this.reader.read(file, chunk),
      chunk,
      column,
      ref.rows,
      out,
      this.scratch,
      nul,
      ns,
    );
  }

  indexBuffers(rows: number): [Int32Array, Int32Array] {
    if (this.index.length < rows) {
      (this.index = new Int32Array(rows)), (this.index2 = new Int32Array(rows));
    }
    return [this.index, this.index2];
  }
}

const copyDict = (t: TextColumn): Dict => ({
  bytes: t.bytes.slice(0, t.count ? t.end[t.count - 1] : 0),
  start: t.start.slice(0, t.count),
  end: t.end.slice(0, t.count),
  count: t.count,
});

/** Pass 1 on row groups `refs` (a task): their distinct user and item values, and rows per user value. */
export function idPass(metas: Metas, plan: Plan, refs: GroupRef[]): IdRun {
  const dec = new GroupDecoder(metas);
  const items = new ByteKeys();
  const groups = refs.map((ref) => {
    using file = Deno.openSync(ref.file);
    const [index] = dec.indexBuffers(ref.rows);
    const u = dec.text(file, ref, plan.user, index);
    const userRows = new Int32Array(u.count + 1);
    for (let r = 0; r < ref.rows; r++) {
      const x = index[r];
      userRows[x < 0 ? u.count : x]++;
    }
    const users = copyDict(u);
    const it = dec.text(file, ref, plan.item, index);
    const itemLocal = new Int32Array(it.count);
    for (let k = 0; k < it.count; k++) itemLocal[k] = items.id(it.bytes, it.start[k], it.end[k]);
    return { users, userRows, itemLocal };
  });
  return { groups, items: keysDict(items) };
}

/** The keys of `keys` as a {@linkcode Dict}. */
function keysDict(keys: ByteKeys): Dict {
  return {
    bytes: keys.arena.slice(0, keys.start[keys.size]),
    start: keys.start.slice(0, keys.size),
    end: keys.start.slice(1, keys.size + 1),
    count: keys.size,
  };
}

/**
 * Pass 2 on row groups `refs` (a task): every row into `cols` at its place.
 * `place[g][k]` is where the next row of user value `k` of group `g` goes
 * (the last entry: rows with a null user id); `itemCode[g][k]` is the code
 * of item value `k`.
 */
export function rowPass(
  metas: Metas,
  plan: Plan,
  refs: GroupRef[],
  place: Int32Array[],
  itemCode: Int32Array[],
  cols: SegmentColumns,
): void {
  const dec = new GroupDecoder(metas);
  const { item, ts, flags, rn } = cols;
  let tsBuf = new Float64Array(0), rBuf = tsBuf, readBuf = tsBuf;
  refs.forEach((ref, g) => {
    using file = Deno.openSync(ref.file);
    const n = ref.rows;
    if (tsBuf.length < n) {
      (tsBuf = new Float64Array(n)), (rBuf = new Float64Array(n)), (readBuf = new Float64Array(n));
    }
    const [uIndex, iIndex] = dec.indexBuffers(n);
    const nullUser = dec.text(file, ref, plan.user, uIndex).count;
    dec.text(file, ref, plan.item, iIndex);
    const kind = plan.ts.kind;
    dec.numbers(file, ref, plan.ts.name, tsBuf, NaN, kind === "nanos");
    if (plan.rating) dec.numbers(file, ref, plan.rating, rBuf, NaN, false);
    else rBuf.fill(NaN, 0, n);
    if (plan.isRead) dec.numbers(file, ref, plan.isRead, readBuf, 0, false);
    else readBuf.fill(0, 0, n);
    const at = place[g], codes = itemCode[g];
    for (let r = 0; r < n; r++) {
      const ux = uIndex[r], ix = iIndex[r];
      const p = at[ux < 0 ? nullUser : ux]++;
      item[p] = ix < 0 ? -1 : codes[ix];
      ts[p] = seconds(tsBuf[r], kind);
      flags[p] = cleanFlags(rBuf[r], readBuf[r] !== 0 ? 1 : 0);
      rn[p] = ref.rowBase + r;
    }
  });
}

/**
 * Zeroes part `part` of `parts` of each column (a task): fresh memory
 * faults page by page on first touch (~3–5 s per GiB on our VMs), about
 * half as costly in order as in the scattered order of pass 2.
 */
export function touchColumns(cols: SegmentColumns, part: number, parts: number): void {
  for (const a of [cols.item, cols.ts, cols.flags, cols.rn]) {
    const from = Math.floor((a.length * part) / parts);
    a.fill(0, from, Math.floor((a.length * (part + 1)) / parts));
  }
}

/** Runs `fn` of this module on each of `args` lists: on a pool's workers, or here when `pool` is null. */
async function spread<T>(
  pool: WorkerPool | null,
  fn: "idPass" | "rowPass" | "touchColumns",
  args: unknown[][],
) {
  if (!pool) {
    const f = fn === "idPass" ? idPass : fn === "rowPass" ? rowPass : touchColumns;
    return args.map((a) => (f as (...x: unknown[]) => T)(...a));
  }
  const url = new URL(import.meta.url);
  try {
    return await Promise.all(args.map((a) => pool.run<T>(task(url, fn, ...a))));
  } catch (e) {
    // A worker's error comes back as text: keep a decline a decline.
    const text = String(e);
    if ([...DECODE_ERROR_NAMES, "RangeError"].some((n) => text.includes(`${n}: `))) {
      throw new ParquetDecodeError(text);
    }
    throw e;
  }
}

/** `refs` cut into `parts` runs of consecutive groups with about equal rows. */
function runsOf(refs: GroupRef[], parts: number): GroupRef[][] {
  const total = refs.reduce((a, r) => a + r.rows, 0);
  const out: GroupRef[][] = [];
  let cur: GroupRef[] = [], acc = 0;
  for (const r of refs) {
    cur.push(r);
    acc += r.rows;
    if (acc >= (total * (out.length + 1)) / parts) (out.push(cur), (cur = []));
  }
  if (cur.length) out.push(cur);
  return out;
}

async function run(
  files: string[],
  metas: ParquetMetadata[],
  plan: Plan,
  books: BookTable | null,
  cols: SegmentColumns,
  threads: number,
): Promise<{ codes: DirectCodes; segments: Segments }> {
  const refs: GroupRef[] = [];
  const byFile: Metas = new Map(files.map((f, k) => [f, metas[k]]));
  let rowBase = 0;
  files.forEach((file, f) => {
    metas[f].rowGroups.forEach((g, group) => {
      refs.push({ file, group, rows: g.rows, rowBase });
      rowBase += g.rows;
    });
  });
  const pool = threads > 1 ? new WorkerPool(threads) : null;
  try {
    const runs = runsOf(refs, pool ? threads * TASKS_PER_THREAD : 1);
    const idRuns = runsOf(refs, pool ? threads * ID_TASKS_PER_THREAD : 1);
    const parts = await spread<IdRun>(pool, "idPass", idRuns.map((rs) => [byFile, plan, rs]));
    trace("load: direct pass 1 (ids)");
    // The workers fault the columns in while this thread maps the ids.
    const faulted = pool
      ? spread<void>(
        pool,
        "touchColumns",
        Array.from({ length: threads }, (_, k) => [cols, k, threads]),
      )
      : Promise.resolve([]);
    faulted.catch(() => {}); // when the ids decline, the pool closes under it: not an error
    const ids = parts.flatMap((p) => p.groups);
    // Sized for the values of every group (users) and of every task (items): no rehash.
    const size = (
      ds: Dict[],
    ) => [ds.reduce((a, d) => a + d.count, 0), ds.reduce((a, d) => a + d.bytes.length, 0)];
    const userKeys = new ByteKeys(...size(ids.map((g) => g.users)));
    const itemKeys = new ByteKeys(...size(parts.map((p) => p.items)));
    const userMaps = ids.map(({ users: d }) => keyIds(userKeys, d));
    // Each task's distinct items in the global table; groups map through them once codes exist.
    const itemKeyOf = parts.map((p) => keyIds(itemKeys, p.items));
    // Codes: ranks in byte order (as the engine sorts) of the non-empty ids, the items with the metadata's.
    checkTrimmed(userKeys);
    checkTrimmed(itemKeys);
    const fromData = itemKeys.size;
    const metaKey = new Int32Array((books?.ids ?? []).length);
    books?.ids.forEach((id, r) => {
      const b = ENCODER.encode(id);
      metaKey[r] = itemKeys.id(b, 0, b.length);
    });
    const itemInMetaByKey = new Uint8Array(itemKeys.size);
    for (const k of metaKey) itemInMetaByKey[k] = 1;
    const emptyUser = keyOf(userKeys, ""), emptyItem = keyOf(itemKeys, "");
    const userOrder = userKeys.sorted((k) => k !== emptyUser);
    const itemOrder = itemKeys.sorted((k) =>
      (k < fromData && k !== emptyItem) || itemInMetaByKey[k] === 1
    );
    const userIds = texts(userKeys, userOrder);
    const itemIds = texts(itemKeys, itemOrder);
    const userCode = ranks(userOrder, userKeys.size);
    const itemCode = ranks(itemOrder, itemKeys.size);
    if (emptyItem >= 0) itemCode[emptyItem] = -1; // an empty id stays −1 even when metadata has ''
    const itemInMeta = new Uint8Array(itemIds.length);
    itemOrder.forEach((k, r) => (itemInMeta[r] = itemInMetaByKey[k]));
    // Rows per user code (the empty and null ids last), then each group's places in file order.
    const nUsers = userIds.length;
    const userRows = new Float64Array(nUsers + 1);
    ids.forEach(({ userRows: rows }, g) => {
      const map = userMaps[g];
      for (let k = 0; k < map.length; k++) {
        userRows[userCode[map[k]] < 0 ? nUsers : userCode[map[k]]] += rows[k];
      }
      userRows[nUsers] += rows[map.length];
    });
    const start = new Int32Array(nUsers + 2);
    for (let s = 0; s <= nUsers; s++) start[s + 1] = start[s] + userRows[s];
    if (start[nUsers + 1] > cols.item.length) throw new Error("internal: more rows than places");
    const next = start.slice(0, nUsers + 1);
    const place = ids.map(({ userRows: rows }, g) => {
      const map = userMaps[g];
      const at = new Int32Array(map.length + 1);
      for (let k = 0; k <= map.length; k++) {
        const c = k < map.length ? userCode[map[k]] : -1;
        const s = c < 0 ? nUsers : c;
        at[k] = next[s];
        next[s] += rows[k];
      }
      return at;
    });
    const itemCodes = parts.flatMap((p, t) =>
      p.groups.map((g) => g.itemLocal.map((l) => itemCode[itemKeyOf[t][l]]))
    );
    trace("load: direct id codes (columns faulted in meanwhile)");
    await faulted;
    // Pass 2.
    let g = 0;
    await spread<void>(
      pool,
      "rowPass",
      runs.map((rs) => {
        const args = [
          byFile,
          plan,
          rs,
          place.slice(g, g + rs.length),
          itemCodes.slice(g, g + rs.length),
          cols,
        ];
        g += rs.length;
        return args;
      }),
    );
    return {
      codes: { userIds, itemIds, itemInMeta, userRows },
      segments: { start, ...cols },
    };
  } finally {
    pool?.close();
  }
}

/** The ids of a group's values in `keys`. */
function keyIds(keys: ByteKeys, d: Dict): Int32Array {
  const out = new Int32Array(d.count);
  for (let k = 0; k < d.count; k++) out[k] = keys.id(d.bytes, d.start[k], d.end[k]);
  return out;
}

/**
 * Unix seconds as the engine computes them. A plain number is itself.
 * Timestamps become whole microseconds `us` first (milliseconds · 1000,
 * days · 86400·10⁶, nanoseconds rounded down), then `epoch(x::TIMESTAMPTZ)`
 * as DuckDB's ICU extension computes it (`ExtractEpoch` in
 * `extension/icu/icu-datepart.cpp`): the calendar's milliseconds
 * `ms = floor(us / 1000)` divided by 1000, plus the sub-millisecond
 * remainder divided by 10⁶ — two roundings, so not always `us / 10⁶`
 * (checked against the engine on 10⁶ random instants).
 */
export function seconds(v: number, kind: NumberKind): number {
  if (kind === "plain" || v !== v) return v;
  const us = kind === "millis" ? v * 1000 : kind === "days" ? v * 86400e6 : v;
  if (us < FAST_US && us > -FAST_US) {
    // |us / 1000| < 4·10¹²: the quotient's rounding error (≤ 2.5·10⁻⁴) cannot cross an integer.
    const ms = Math.floor(us / 1000);
    return ms / 1000 + (us - ms * 1000) / 1e6;
  }
  const sub = ((us % 1000) + 1000) % 1000;
  return (us - sub) / 1000 / 1000 + sub / 1e6;
}

/** Below this many microseconds (year 2096) {@linkcode seconds} needs no `%` (a libc call, ~20 ns). */
const FAST_US = 4e15;

/**
 * Declines keys the engine would trim: its `trim` removes leading and
 * trailing Unicode space separators (category Zs: ' ', U+00A0, U+3000, …;
 * not tabs or line breaks), which the direct path does not reproduce.
 */
function checkTrimmed(keys: ByteKeys): void {
  for (let k = 0; k < keys.size; k++) {
    const b = keys.bytes(k);
    if (!b.length) continue;
    const first = b[0], last = b[b.length - 1];
    if (
      first === 0x20 || last === 0x20 ||
      ((first >= 0x80 || last >= 0x80) && /^\p{Zs}|\p{Zs}$/u.test(keys.text(k)))
    ) {
      throw new UnsupportedParquet("ids with leading or trailing spaces (the engine trims them)");
    }
  }
}

const ENCODER = new TextEncoder();
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The key of `text` in `keys`, or −1 (without adding it). */
function keyOf(keys: ByteKeys, text: string): number {
  const b = ENCODER.encode(text);
  return keys.find(b, 0, b.length);
}

/**
 * The texts of the keys `order` (UTF-8; declines bytes that are not). When
 * every key is ASCII, one decode of the whole arena and a substring per key
 * (a decode per key costs ~1 µs, most of it the call).
 */
function texts(keys: ByteKeys, order: Int32Array): string[] {
  const out = new Array<string>(order.length);
  const used = keys.start[keys.size];
  const all = keys.arena.subarray(0, used);
  let ascii = true;
  for (let q = 0; q < used; q++) {
    if (all[q] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const text = STRICT_UTF8.decode(all); // ASCII: as latin1, but 3× as fast to decode
    for (let r = 0; r < order.length; r++) {
      out[r] = text.substring(keys.start[order[r]], keys.start[order[r] + 1]);
    }
    return out;
  }
  try {
    for (let r = 0; r < order.length; r++) out[r] = STRICT_UTF8.decode(keys.bytes(order[r]));
  } catch {
    throw new UnsupportedParquet("ids that are not UTF-8");
  }
  return out;
}

/** Each key's rank in `order`, −1 for keys not in it. */
function ranks(order: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size).fill(-1);
  order.forEach((k, r) => (out[k] = r));
  return out;
}

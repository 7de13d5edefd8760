/**
 * Builds a {@linkcode Dataset} from a source: dense ids (string ids sorted,
 * so the mapping does not depend on file order) and typed columns sorted by
 * (user, ts, item), cleaned per PROTOCOL §1; through the cleaned-data cache
 * when one is given.
 *
 * @module
 */
import type { Engine } from "../engine/mod.ts";
import type { BookTable, DataReport, Dataset, ItemMeta } from "./types.ts";
import { cleanSegmentsParallel, type SegmentColumns, type Segments } from "./sort_rows.ts";
import { defaultThreads } from "../parallel/mod.ts";
import type { DataSourceOptions } from "./source.ts";
import { dropRaw, readRaw } from "./read_raw.ts";
import { CLEAN_RATING_SQL, CLEAN_TS_SQL, cleanFlags } from "./clean.ts";
import { buildIdCodes, dropIdCodes, type IdCodes } from "./id_codes.ts";
import { fileFingerprint, filesFingerprint, hashJson } from "./fingerprint.ts";
import { join } from "node:path";
import { trace } from "../trace.ts";
import { type DirectCodes, loadParquetDirect, touchColumns } from "./parquet_direct.ts";
import { publishWhenDone, Temp } from "../files/mod.ts";
import { readChecked } from "./read_checked.ts";
import { bigSharedArray, bigSharedBuffer } from "../big_buffer.ts";

/** Options of {@linkcode loadDataset}. */
export interface LoadOptions {
  /** The interactions source. */
  source: DataSourceOptions;
  /** Item metadata, already read (see `loadBooks`), or null. */
  books?: BookTable | null;
  /**
   * Folder of the cleaned-data cache, or null for none. A cache entry is keyed
   * by the source's fingerprint (size + content hash), the read options, the
   * cleaning version and the metadata's item ids; a hit skips parsing,
   * cleaning and id mapping. @default null
   */
  cacheDir?: string | null;
  /**
   * Decode Parquet sources directly (`parquet_direct.ts`) when they allow
   * it; `false` always reads through the engine (the two give the same
   * dataset: tests compare them). @default true
   */
  parquetDirect?: boolean;
}

/** Bumped whenever cleaning, id mapping or the entry's files change, so old entries are not reused. */
const CACHE_VERSION = "clean-v3";

/** Concurrent engine streams of the row scan (see `Engine.scan`). */
const SCAN_STREAMS = 4;

/** Loads, cleans and id-maps interactions (and aligns metadata), through the cache when given. */
export async function loadDataset(db: Engine, options: LoadOptions): Promise<Dataset> {
  const books = options.books ?? null;
  let entry: string | null = null;
  let fingerprint: Promise<string> | undefined;
  if (
    options.cacheDir && (await Deno.stat(options.source.path).then((s) => s.isFile, () => false))
  ) {
    const fp = await fileFingerprint(options.source.path);
    fingerprint = Promise.resolve(fp);
    const { path: _path, ...read } = options.source;
    const key = hashJson({
      v: CACHE_VERSION,
      fp,
      read,
      metaIds: books ? hashJson(books.ids) : null,
    });
    entry = join(options.cacheDir, key.slice(0, 24));
    const hit = await readCache(entry, options.source.path, fp, books);
    if (hit) return hit;
  }
  // Built under a per-process name, published by one rename (now, or when the CLI command succeeds).
  const tmp = entry ? new Temp(entry) : null;
  try {
    const ds = await readChecked(
      options.source,
      () => parseAndMap(db, options, books, tmp?.path ?? null, fingerprint),
    );
    if (tmp) await publishWhenDone(tmp);
    return ds;
  } catch (e) {
    await tmp?.discard();
    throw e;
  }
}

/**
 * Parse, clean and id-map the source (the cache-miss path). With `tmp`, the
 * dataset is also written there as the cache entry.
 *
 * Parquet files are decoded directly (`parquet_direct.ts`) unless that path
 * declines. Otherwise, engine side, two scans of the source: the id
 * dictionaries from the distinct ids (`id_codes.ts`), then the rows with
 * their id hashes, on {@linkcode SCAN_STREAMS} connections at once; each row
 * takes its codes from the hash tables and is written straight into its
 * user's segment of shared typed columns. Either way, cleaning, ordering
 * and dedupe then run in one pass in place (`cleanSegmentsParallel`: the
 * per-user sorts on workers).
 */
async function parseAndMap(
  db: Engine,
  options: LoadOptions,
  books: BookTable | null,
  tmp: string | null,
  knownFingerprint: Promise<string> | undefined,
): Promise<Dataset> {
  trace("load: start");
  const read = await readRaw(db, options.source);
  trace("load: read");
  // Hashes while DuckDB works.
  const fingerprint = knownFingerprint ?? filesFingerprint(read.files, options.source.path);
  const cols = segmentColumns(read.stats.rowsRead + read.stats.blankLines);
  const direct = read.format === "parquet" && options.parquetDirect !== false
    ? await loadParquetDirect(read.files, options.source, books, cols)
    : null;
  let codes: DirectCodes & { rowsOutside: number };
  let segments: Segments;
  if (direct) {
    ({ segments } = direct);
    codes = { ...direct.codes, rowsOutside: 0 };
    trace("load: Parquet decoded (direct)");
  } else {
    // The engine builds the dictionaries while this thread faults the row columns in.
    const [engineCodes] = await Promise.all([
      buildIdCodes(db, books, options.source.sampleUsers),
      prefault(cols),
    ]);
    codes = engineCodes;
    trace("load: id dictionaries (and row columns allocated)");
    segments = await scanSegments(db, engineCodes, read.slices(SCAN_STREAMS), cols);
    trace("load: rows to JS");
    await dropIdCodes(db);
  }
  await dropRaw(db);
  const c = await cleanSegmentsParallel(
    segments,
    codes.userIds.length,
    codes.itemIds.length,
    defaultThreads(),
  );
  trace("load: clean, order, dedupe");
  const userIds = codes.userIds.filter((_, u) => c.userMap[u] >= 0);
  const itemIds = dropUnusedItems(c.interactions.item, codes, c.itemUsed);
  let interactionItems = 0, withoutMeta = 0;
  c.itemUsed.forEach((used, i) => {
    interactionItems += used;
    if (used && !codes.itemInMeta[i]) withoutMeta++;
  });
  const report: DataReport = {
    source: options.source.path,
    ...read.stats,
    droppedEmptyId: c.droppedEmptyId,
    droppedBadTimestamp: c.droppedBadTimestamp,
    ratingNonNumeric: c.ratingNonNumeric,
    ratingClipped: c.ratingClipped,
    ratingRounded: c.ratingRounded,
    duplicatesRemoved: c.rowsStep - c.interactions.user.length,
    rowsKept: c.interactions.user.length,
    users: userIds.length,
    items: interactionItems,
    metadataOnlyItems: itemIds.length - interactionItems,
    metadataRows: books?.ids.length ?? 0,
    itemsWithoutMetadata: books ? withoutMeta : interactionItems,
  };
  if (options.source.sampleUsers !== undefined && options.source.sampleUsers < 1) {
    report.sampleUsers = options.source.sampleUsers;
    report.rowsOutsideSample = codes.rowsOutside;
  }
  const ds: Dataset = {
    userIds,
    itemIds,
    interactions: c.interactions,
    items: books ? alignMeta(books, itemIds) : null,
    report,
    fingerprint: await fingerprint,
  };
  if (tmp) await writeCache(tmp, ds);
  return ds;
}

/** Columns of {@linkcode Segments} for up to `rows` rows, in shared memory (workers read train rows). */

function segmentColumns(rows: number): SegmentColumns {
  const n = Math.max(rows, 1);
  return {
    item: bigSharedArray(Int32Array, n),
    ts: bigSharedArray(Float64Array, n),
    flags: bigSharedArray(Uint8Array, n),
    rn: bigSharedArray(Int32Array, n),
  };
}

/** Bytes {@linkcode prefault} touches between two turns of the event loop. */
const PREFAULT_SLICE = 32 << 20;

/**
 * Touches every page of `cols` in order (the direct Parquet path has its
 * workers do the same, {@linkcode touchColumns}). Fresh memory costs ~3–5 s per GiB
 * on the VMs we run on (every first-touched page faults); faulting the pages
 * in sequentially, while the engine builds the dictionaries, costs about
 * half of faulting them in the scattered order of the scan, on a thread
 * that would otherwise wait. Slice by slice, yielding to the event loop in
 * between, so that the dictionary steps that run on this thread (starting
 * the next query, copying results) are not held up until the end.
 */
async function prefault(cols: SegmentColumns): Promise<void> {
  const bytes = [cols.item, cols.ts, cols.flags, cols.rn].reduce((a, c) => a + c.byteLength, 0);
  const parts = Math.max(1, Math.ceil(bytes / PREFAULT_SLICE));
  for (let part = 0; part < parts; part++) {
    touchColumns(cols, part, parts);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * The rows of `raw` (those with `ok`, of sampled users) with their user and
 * item codes, the timestamp (NaN when bad) and the cleaning byte, written
 * into `cols` as per-user segments: `codes.userRows` says how many rows
 * each user code has, so every row goes straight to its place. Each of the
 * `slices` of `raw` is one engine stream.
 */
async function scanSegments(
  db: Engine,
  codes: IdCodes,
  slices: string[],
  cols: SegmentColumns,
): Promise<Segments> {
  const nUsers = codes.userIds.length;
  const start = new Int32Array(nUsers + 2);
  for (let s = 0; s <= nUsers; s++) start[s + 1] = start[s] + codes.userRows[s];
  const n = start[nUsers + 1];
  if (n > cols.item.length) throw new Error(`internal: ${n} rows in ${cols.item.length} places`);
  const next = start.slice(0, nUsers + 1);
  const parts = slices.map((slice) =>
    `SELECT ${codes.hashUser} AS hu, ${codes.hashItem} AS hi, ${CLEAN_TS_SQL} AS ts,
      ${CLEAN_RATING_SQL} AS r, coalesce(is_read, 0) AS is_read, rn
    FROM raw WHERE ok AND ${codes.inSample} AND ${slice}`
  );
  const { item, ts, flags, rn } = cols;
  const { users, items } = codes;
  const spec = { hu: "u64", hi: "u64", ts: "f64", r: "f64", is_read: "u8", rn: "i32" } as const;
  await db.scan(parts, spec, (c, len) => {
    const { hu, hi, ts: cts, r, is_read: read, rn: crn } = c;
    // Rows of a user come together in most files: look a user up once per run.
    let lastLo = -1, lastHi = -1, u = 0;
    for (let k = 0; k < len; k++) {
      const lo = hu[2 * k], hiWord = hu[2 * k + 1];
      if (lo !== lastLo || hiWord !== lastHi) {
        u = users.get(lo, hiWord);
        lastLo = lo;
        lastHi = hiWord;
      }
      const i = items.get(hi[2 * k], hi[2 * k + 1]);
      if (u < -1 || i < -1) throw new Error("internal: a row's id hash is not in the dictionary");
      const p = next[u < 0 ? nUsers : u]++;
      item[p] = i;
      ts[p] = cts[k];
      flags[p] = cleanFlags(r[k], read[k]);
      rn[p] = crn[k];
    }
  });
  for (let s = 0; s <= nUsers; s++) {
    if (next[s] !== start[s + 1]) throw new Error(`internal: user code ${s} got a wrong row count`);
  }
  return { start, ...cols };
}

/**
 * Item ids without the items that neither kept rows nor metadata use (an
 * item only in dropped rows), renumbering `item` in place when any is gone.
 */
function dropUnusedItems(
  item: Int32Array,
  codes: DirectCodes,
  used: Uint8Array,
): string[] {
  const n = codes.itemIds.length;
  const map = new Int32Array(n);
  let next = 0;
  for (let i = 0; i < n; i++) map[i] = used[i] || codes.itemInMeta[i] ? next++ : -1;
  if (next === n) return codes.itemIds;
  for (let r = 0; r < item.length; r++) item[r] = map[item[r]];
  return codes.itemIds.filter((_, i) => map[i] >= 0);
}

/** Cache entry files: the report, the id lists (JSON) and the columns as raw little-endian arrays. */
const COLUMN_FILES = ["user", "item", "ts", "rating", "isRead"] as const;

async function writeCache(dir: string, ds: Dataset): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(join(dir, "users.json"), JSON.stringify(ds.userIds));
  await Deno.writeTextFile(join(dir, "items.json"), JSON.stringify(ds.itemIds));
  for (const name of COLUMN_FILES) {
    const a = ds.interactions[name];
    using file = await Deno.open(join(dir, `${name}.bin`), { write: true, create: true });
    let at = 0;
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    while (at < bytes.length) at += await file.write(bytes.subarray(at));
  }
  // Written last: its presence marks a complete entry.
  await Deno.writeTextFile(join(dir, "report.json"), JSON.stringify(ds.report));
}

/** A dataset from a complete cache entry, or null when there is none. */
async function readCache(
  entry: string,
  source: string,
  fingerprint: string,
  books: BookTable | null,
): Promise<Dataset | null> {
  let report: DataReport;
  try {
    report = JSON.parse(await Deno.readTextFile(join(entry, "report.json")));
  } catch {
    return null;
  }
  report.source = source;
  const userIds: string[] = JSON.parse(await Deno.readTextFile(join(entry, "users.json")));
  const itemIds: string[] = JSON.parse(await Deno.readTextFile(join(entry, "items.json")));
  const n = report.rowsKept;
  // Shared memory, as from the engine: workers read the train rows without copies.
  const column = async <T>(name: string, C: new (b: SharedArrayBuffer) => T, width: number) => {
    const buffer = bigSharedBuffer(Math.max(n, 1) * width);
    const bytes = new Uint8Array(buffer, 0, n * width);
    using file = await Deno.open(join(entry, `${name}.bin`));
    let at = 0;
    while (at < bytes.length) {
      const got = await file.read(bytes.subarray(at));
      if (got === null) throw new Error(`cache entry ${entry}: ${name}.bin is short`);
      at += got;
    }
    return new C(buffer);
  };
  const interactions = {
    user: (await column("user", Int32Array, 4)).subarray(0, n),
    item: (await column("item", Int32Array, 4)).subarray(0, n),
    ts: (await column("ts", Float64Array, 8)).subarray(0, n),
    rating: (await column("rating", Uint8Array, 1)).subarray(0, n),
    isRead: (await column("isRead", Uint8Array, 1)).subarray(0, n),
  };
  return {
    userIds,
    itemIds,
    interactions,
    items: books ? alignMeta(books, itemIds) : null,
    report,
    fingerprint,
  };
}

/** Re-orders a book table onto the dataset's dense item ids; unknown items get empty metadata. */
export function alignMeta(books: BookTable, itemIds: string[]): ItemMeta {
  const n = itemIds.length;
  const pos = new Map<string, number>();
  books.ids.forEach((id, r) => pos.set(id, r));
  const meta: ItemMeta = {
    title: new Array(n).fill(""),
    authors: Array.from({ length: n }, () => []),
    series: Array.from({ length: n }, () => []),
    tags: Array.from({ length: n }, () => []),
    description: new Array(n).fill(""),
    language: new Array(n).fill(""),
    year: new Float64Array(n).fill(NaN),
    available: new Uint8Array(n).fill(1),
    hasMeta: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = pos.get(itemIds[i]);
    if (r === undefined) continue;
    meta.title[i] = books.title[r];
    meta.authors[i] = books.authors[r];
    meta.series[i] = books.series[r];
    meta.tags[i] = books.tags[r];
    meta.description[i] = books.description[r];
    meta.language[i] = books.language[r];
    meta.year[i] = books.year[r];
    meta.available[i] = books.available[r];
    meta.hasMeta[i] = 1;
  }
  return meta;
}

/**
 * Builds a {@linkcode Dataset} from the cleaned engine table `clean`: dense ids
 * (string ids sorted, so the mapping does not depend on file order) and typed
 * columns sorted by (user, ts, item).
 *
 * @module
 */
import { type Engine, sqlString } from "../engine/mod.ts";
import type { BookTable, DataReport, Dataset, ItemMeta } from "./types.ts";
import type { DataSourceOptions } from "./source.ts";
import { readRaw } from "./read_raw.ts";
import { cleanRaw } from "./clean.ts";
import { fileFingerprint } from "./fingerprint.ts";

/** Options of {@linkcode loadDataset}. */
export interface LoadOptions {
  /** The interactions source. */
  source: DataSourceOptions;
  /** Item metadata, already read (see `loadBooks`), or null. */
  books?: BookTable | null;
}

/** Loads, cleans and id-maps interactions (and aligns metadata). */
export async function loadDataset(db: Engine, options: LoadOptions): Promise<Dataset> {
  const read = await readRaw(db, options.source);
  const fingerprint = fileFingerprint(options.source.path); // hashes while DuckDB works
  const steps = await cleanRaw(db);
  const books = options.books ?? null;
  await db.run("CREATE OR REPLACE TEMP TABLE meta_ids (item_id VARCHAR)");
  if (books && books.ids.length > 0) {
    // Insert in batches of literal VALUES; metadata is at most ~10^5–10^6 ids.
    for (let i = 0; i < books.ids.length; i += 5000) {
      const values = books.ids.slice(i, i + 5000).map((id) => `(${sqlString(id)})`).join(",");
      await db.run(`INSERT INTO meta_ids VALUES ${values}`);
    }
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE uidx AS SELECT user_id, (row_number() OVER (ORDER BY user_id) - 1)::INTEGER AS u
    FROM (SELECT DISTINCT user_id FROM step)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE iidx AS SELECT item_id, (row_number() OVER (ORDER BY item_id) - 1)::INTEGER AS i
    FROM (SELECT item_id FROM step UNION SELECT item_id FROM meta_ids)`);
  const userIds = (await db.columns("SELECT user_id FROM uidx ORDER BY u", { user_id: "str" })).user_id;
  const itemIds = (await db.columns("SELECT item_id FROM iidx ORDER BY i", { item_id: "str" })).item_id;
  // Step 3 (dedupe) on integer keys: the max of the struct is the latest row, file position breaking ties.
  await db.run(`CREATE OR REPLACE TEMP TABLE dedup AS
    SELECT u, i, max({'ts': ts, 'rn': rn, 'rating': rating, 'is_read': is_read}) AS w
    FROM step JOIN uidx USING (user_id) JOIN iidx USING (item_id) GROUP BY u, i`);
  const counts = (await db.row<{ a: bigint; b: bigint; items: bigint }>(
    `SELECT (SELECT count(*) FROM step) AS a, (SELECT count(*) FROM dedup) AS b,
       (SELECT count(DISTINCT i) FROM dedup) AS items`,
  ))!;
  const cols = await db.columns(
    "SELECT u, i, w.ts AS ts, w.rating AS rating, w.is_read AS is_read FROM dedup ORDER BY u, w.ts, i",
    { u: "i32", i: "i32", ts: "f64", rating: "u8", is_read: "u8" },
  );
  const interactionItems = { n: Number(counts.items) };
  const cleaned = { ...steps, duplicatesRemoved: Number(counts.a - counts.b), rowsKept: Number(counts.b) };
  const withoutMeta = books
    ? (await db.row<{ n: number }>(
      "SELECT count(DISTINCT item_id)::INTEGER AS n FROM step WHERE item_id NOT IN (SELECT item_id FROM meta_ids)",
    ))!.n
    : interactionItems.n;
  await db.run("DROP TABLE uidx; DROP TABLE iidx; DROP VIEW step; DROP TABLE raw; DROP TABLE dedup; DROP TABLE meta_ids");
  const report: DataReport = {
    source: options.source.path,
    ...read,
    ...cleaned,
    users: userIds.length,
    items: interactionItems.n,
    metadataOnlyItems: itemIds.length - interactionItems.n,
    metadataRows: books?.ids.length ?? 0,
    itemsWithoutMetadata: withoutMeta,
  };
  return {
    userIds,
    itemIds,
    interactions: { user: cols.u, item: cols.i, ts: cols.ts, rating: cols.rating, isRead: cols.is_read },
    items: books ? alignMeta(books, itemIds) : null,
    report,
    fingerprint: await fingerprint,
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

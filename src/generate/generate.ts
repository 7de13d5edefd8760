/**
 * Deterministic, seeded generator of Goodreads-like data: the embedded default dataset.
 *
 * Books have power-law popularity, authors writing mostly in one genre, series released in
 * order, genre-flavoured titles and shelves, and release instants spread over the years (so
 * the latest period has cold books). Readers have heavy-tailed activity over an active
 * period, 1–3 favourite genres and some favourite authors, read series in order and go back
 * to authors they read. Ratings are mostly 0, with Goodreads-like 1–5 shares among rated
 * rows; about half the rows are read; ~0.5% of rows repeat a (user, book) pair.
 *
 * Randomness is xoshiro128** (`StreamRng` of `src/rng/`), one stream per phase; same options give the
 * same data and byte-identical files.
 *
 * @module
 */
import type { Interactions } from "../data/mod.ts";
import { buildCatalog } from "./_catalog.ts";
import { bookMetadata } from "./_books.ts";
import { hex8, isoUtc, ucsdDate, writeAtomic } from "./_format.ts";
import { mix32, StreamRng } from "../rng/mod.ts";
import { simulate } from "./_users.ts";

/** One generated book (the catalog is small, so one object per book). */
export interface GeneratedBook {
  /** Numeric string id (`book_id`). */
  itemId: string;
  /** Title. */
  title: string;
  /** Author ids, main author first. */
  authors: string[];
  /** Series ids (zero or one). */
  series: string[];
  /** Shelves with counts, most used first (`to-read` first). */
  shelves: { name: string; count: number }[];
  /** Blurb. */
  description: string;
  /** Language code, "" when unknown. */
  language: string;
  /** Publication year, NaN when unknown. */
  year: number;
  /** Main shelf of the book's genre (generator truth, not in the UCSD files). */
  genre: string;
  /** Release instant, epoch seconds: no interaction happens before it. */
  release: number;
}

/** Options of `generate`. */
export interface GenerateOptions {
  /** Seed of every random choice. @default 42 */
  seed?: number;
  /** Number of users. @default 12_000 */
  users?: number;
  /** Number of books. @default 6_000 */
  items?: number;
  /** Target number of interactions before dedupe (result within ~5%). @default 200_000 */
  interactions?: number;
  /** First year of timestamps (from Jan 1, 00:00:00 UTC). @default 2010 */
  startYear?: number;
  /** Last year of timestamps (to Dec 31, 23:59:59 UTC). @default 2017 */
  endYear?: number;
  /** Number of authors. @default items / 4 */
  authors?: number;
  /** Pareto tail index of author popularity; smaller is more skewed. @default 1.0 */
  popularityAlpha?: number;
  /** Sigma of the log-normal user activity; larger is more skewed. @default 1.4 */
  activitySigma?: number;
  /** Share of books already released at the start. @default 0.35 */
  backlistShare?: number;
  /** Probability that a pick continues a series or author from the user's history. @default 0.35 */
  pContinue?: number;
  /** Probability that a pick is a favourite author's book. @default 0.08 */
  pFavourite?: number;
  /** Probability that a pick comes from a favourite genre (else global popularity). @default 0.4 */
  pGenre?: number;
  /** Probability that a genre/global pick is limited to the last 180 days' releases. @default 0.25 */
  pRecent?: number;
  /** Share of rows that repeat an earlier (user, book) pair later. @default 0.005 */
  duplicateShare?: number;
}

/** Generated data: columnar interactions (dense indices) plus id dictionaries and books. */
export interface GeneratedData extends Interactions {
  /** User id per dense user index: 32 hex characters, sorted. */
  userIds: string[];
  /** Book id per dense item index: numeric strings, sorted as strings. */
  itemIds: string[];
  /** Book metadata aligned with `itemIds`. */
  books: GeneratedBook[];
  /** The options used, defaults filled in (for manifests and fingerprints). */
  params: Required<GenerateOptions>;
}

/**
 * Options with defaults filled in.
 *
 * @example
 * ```ts
 * import { resolveOptions } from "./generate.ts";
 * const p = resolveOptions({ items: 100 });
 * if (p.seed !== 42 || p.authors !== 25) throw new Error("defaults");
 * ```
 */
export function resolveOptions(opts: GenerateOptions = {}): Required<GenerateOptions> {
  const items = opts.items ?? 6_000;
  const p: Required<GenerateOptions> = {
    seed: 42,
    users: 12_000,
    interactions: 200_000,
    startYear: 2010,
    endYear: 2017,
    popularityAlpha: 1.0,
    activitySigma: 1.4,
    backlistShare: 0.35,
    pContinue: 0.35,
    pFavourite: 0.08,
    pGenre: 0.4,
    pRecent: 0.25,
    duplicateShare: 0.005,
    ...stripUndefined(opts),
    items,
    authors: opts.authors ?? Math.max(1, Math.round(items / 4)),
  };
  for (const k of ["users", "items", "interactions", "authors"] as const) {
    if (!Number.isInteger(p[k]) || p[k] < 1) {
      throw new RangeError(`generate: option "${k}" must be a positive integer, got ${p[k]}`);
    }
  }
  if (!(p.endYear >= p.startYear)) {
    throw new RangeError(`generate: option "endYear" (${p.endYear}) is before "startYear"`);
  }
  return p;
}

function stripUndefined(o: GenerateOptions): GenerateOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/**
 * Generates the dataset. Interaction rows are grouped by user, each user's rows in time order.
 *
 * @example
 * ```ts
 * import { generate } from "./generate.ts";
 * const d = generate({ users: 50, items: 30, interactions: 500 });
 * if (d.userIds.length !== 50 || d.books.length !== 30) throw new Error("sizes");
 * // A catalog this small cannot absorb every planned pick: fewer rows than the target.
 * if (d.user.length < 350 || d.user.length > 525) throw new Error(`rows ${d.user.length}`);
 * ```
 */
export function generate(opts: GenerateOptions = {}): GeneratedData {
  const p = resolveOptions(opts);
  const t0 = Date.UTC(p.startYear, 0, 1) / 1000;
  const t1 = Date.UTC(p.endYear, 11, 31, 23, 59, 59) / 1000;
  const cat = buildCatalog(new StreamRng(p.seed, 1), { ...p, t0, t1 });
  const rows = simulate(new StreamRng(p.seed, 2), cat, { ...p, t0, t1 });
  const idRng = new StreamRng(p.seed, 3);
  const itemIds = uniqueNumericIds(idRng, p.items).sort();
  const authorIds = uniqueNumericIds(idRng, cat.nAuthors);
  const seriesIds = uniqueNumericIds(idRng, cat.seriesStart.length - 1);
  const userIds = new Set<string>();
  while (userIds.size < p.users) userIds.add(idRng.hex128());
  const books = bookMetadata(new StreamRng(p.seed, 4), cat, { itemIds, authorIds, seriesIds });
  return { ...rows, userIds: [...userIds].sort(), itemIds, books, params: p };
}

/** `n` distinct decimal ids in [1, max(30M, 40n)). */
function uniqueNumericIds(rng: StreamRng, n: number): string[] {
  const range = Math.max(30_000_000, 40 * n);
  const ids = new Set<number>();
  while (ids.size < n) ids.add(1 + rng.int(range - 1));
  return [...ids].map(String);
}

/** Streams `header` then `line(r)` for `r` in `[0, n)` to `path`, atomically. */
async function writeLines(path: string, n: number, header: string, line: (r: number) => string) {
  await writeAtomic(path, async (sink) => {
    sink.add(header);
    for (let r = 0; r < n; r++) {
      sink.add(line(r));
      if (sink.full) await sink.flush();
    }
  });
}

/**
 * Writes interactions as canonical CSV `user_id,item_id,timestamp,rating,is_read`
 * (ISO-8601 UTC timestamps, `true`/`false`), streamed, atomically (temporary then rename).
 *
 * @example
 * ```ts
 * import { generate, writeCanonicalCsv } from "./generate.ts";
 * const d = generate({ users: 50, items: 30, interactions: 500 });
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await writeCanonicalCsv(d, path);
 * const lines = (await Deno.readTextFile(path)).trim().split("\n");
 * if (lines[0] !== "user_id,item_id,timestamp,rating,is_read") throw new Error(lines[0]);
 * if (lines.length !== d.user.length + 1) throw new Error("row count");
 * await Deno.remove(path);
 * ```
 */
export async function writeCanonicalCsv(data: GeneratedData, path: string): Promise<void> {
  const { userIds, itemIds, user, item, ts, rating, isRead } = data;
  await writeLines(
    path,
    user.length,
    "user_id,item_id,timestamp,rating,is_read\n",
    (r) =>
      `${userIds[user[r]]},${itemIds[item[r]]},${isoUtc(ts[r])},${rating[r]},${isRead[r] === 1}\n`,
  );
}

/** UTC offsets (minutes) shown in UCSD dates, weighted toward Goodreads' Pacific time. */
const OFFSETS = [...Array(5).fill(-420), ...Array(4).fill(-480), 0, 0, -300, -240, 60, 120, 330];

/** One UCSD interaction line for row `r`; extra fields derive from a hash of (seed, r). */
function ucsdLine(d: GeneratedData, r: number, salt: number): string {
  const h1 = mix32(r ^ salt), h2 = mix32(h1 + r), h3 = mix32(h2), h4 = mix32(h3);
  const off = OFFSETS[h1 & 15];
  const ts = d.ts[r];
  const added = ucsdDate(ts, off);
  const updated = d.rating[r] > 0 ? ucsdDate(ts + (h2 % 3600), off) : added;
  let readAt = "", startedAt = "";
  if (d.isRead[r] === 1) {
    const local = ts + off * 60;
    const readDay = Math.floor(local / 86400) - (h3 % 4);
    readAt = ucsdDate(readDay * 86400 - off * 60, off);
    startedAt = ucsdDate((readDay - 1 - (h4 % 14)) * 86400 - off * 60, off);
  }
  const review = hex8(h1) + hex8(h2) + hex8(h3) + hex8(h4);
  return `{"user_id": "${d.userIds[d.user[r]]}", "book_id": "${d.itemIds[d.item[r]]}", ` +
    `"review_id": "${review}", "is_read": ${d.isRead[r] === 1}, "rating": ${d.rating[r]}, ` +
    `"review_text_incomplete": "", "date_added": "${added}", "date_updated": "${updated}", ` +
    `"read_at": "${readAt}", "started_at": "${startedAt}"}\n`;
}

/**
 * Writes interactions in the UCSD Goodreads format (JSON lines), streamed in chunks, gzipped
 * when `path` ends with `.gz`, atomically. `date_added` shows the row's instant at varied UTC
 * offsets (`Wed Mar 29 00:12:52 -0700 2017`).
 *
 * @example
 * ```ts
 * import { generate, writeUcsdInteractions } from "./generate.ts";
 * const d = generate({ users: 50, items: 30, interactions: 500 });
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await writeUcsdInteractions(d, path);
 * const first = JSON.parse((await Deno.readTextFile(path)).split("\n")[0]);
 * if (first.user_id !== d.userIds[d.user[0]] || typeof first.is_read !== "boolean") throw new Error("row");
 * await Deno.remove(path);
 * ```
 */
export async function writeUcsdInteractions(data: GeneratedData, path: string): Promise<void> {
  const salt = mix32(data.params.seed ^ 0x5eed);
  await writeLines(path, data.user.length, "", (r) => ucsdLine(data, r, salt));
}

/**
 * Writes books in the UCSD `goodreads_books` JSON-lines format (`book_id`, `title`,
 * `authors[{author_id, role}]`, `series`, `popular_shelves[{count, name}]` with string counts,
 * `description`, `language_code`, `publication_year` as a string, "" when unknown), atomically.
 *
 * @example
 * ```ts
 * import { generate, writeUcsdBooks } from "./generate.ts";
 * const d = generate({ users: 50, items: 30, interactions: 500 });
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await writeUcsdBooks(d, path);
 * const first = JSON.parse((await Deno.readTextFile(path)).split("\n")[0]);
 * if (first.book_id !== d.itemIds[0] || first.popular_shelves[0].name !== "to-read") throw new Error("book");
 * await Deno.remove(path);
 * ```
 */
export async function writeUcsdBooks(data: GeneratedData, path: string): Promise<void> {
  await writeLines(path, data.books.length, "", (i) => {
    const b = data.books[i];
    return JSON.stringify({
      book_id: b.itemId,
      title: b.title,
      authors: b.authors.map((a) => ({ author_id: a, role: "" })),
      series: b.series,
      popular_shelves: b.shelves.map((s) => ({ count: String(s.count), name: s.name })),
      description: b.description,
      language_code: b.language,
      publication_year: Number.isFinite(b.year) ? String(b.year) : "",
    }) + "\n";
  });
}

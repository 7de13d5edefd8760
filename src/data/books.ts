/**
 * Item metadata loaders returning a {@linkcode BookTable} (PROTOCOL §1
 * canonical item row), read through the {@linkcode Engine}:
 *
 * - `goodreads-books-json`: UCSD `goodreads_books_*.json(.gz)`, one object a
 *   line: `book_id`, `title`, `authors[].author_id`, `series[]`,
 *   `popular_shelves[].name` (→ tags, most-used first), `description`,
 *   `language_code`, `publication_year`;
 * - `goodbooks-csv`: goodbooks-10k `books.csv`: `goodreads_book_id`, `title`,
 *   `authors` (comma-separated names), `original_publication_year`,
 *   `language_code`; the series is taken from a title suffix like
 *   `(The Hunger Games, #1)`;
 * - `canonical-jsonl`: one canonical item row a line (`item_id`, `title`,
 *   `authors[]`, `series[]`, `tags[]`, `description`, `language`, `year`,
 *   `available`).
 *
 * UCSD books name authors and series by id; with `authorNames` /
 * `seriesNames` (UCSD `goodreads_book_authors` / `goodreads_book_series`
 * files) the ids become names, as in goodbooks-10k.
 *
 * Missing metadata is allowed: empty fields become ""/[]/NaN and are counted
 * in `report` (`missingTitle`, `missingAuthors`, …). Rows without an id are
 * dropped (`missingId`); a repeated id keeps its first row (`duplicateIds`).
 *
 * @module
 */
import { type Engine, sqlString } from "../engine/mod.ts";
import { DataError } from "../errors.ts";
import type { BookTable } from "./types.ts";
import { applyNames } from "./_book_names.ts";

/** Metadata file formats. */
export type BooksFormat = "goodreads-books-json" | "goodbooks-csv" | "canonical-jsonl";

/** Options of {@linkcode loadBooks}. */
export interface LoadBooksOptions {
  /** Malformed lines/rows: throw a located error, or skip and count them. @default "error" */
  badRows?: "error" | "skip";
  /** UCSD `goodreads_book_authors` file: author ids become names (UCSD books only). */
  authorNames?: string;
  /** UCSD `goodreads_book_series` file: series ids become titles (UCSD books only). */
  seriesNames?: string;
}

const SEP = "\x1f";

/**
 * The series named in a goodbooks-style title suffix, or null.
 *
 * @example
 * ```ts
 * import { seriesFromTitle } from "./books.ts";
 * if (seriesFromTitle("The Hunger Games (The Hunger Games, #1)") !== "The Hunger Games") throw new Error();
 * if (seriesFromTitle("Emma") !== null) throw new Error();
 * ```
 */
export function seriesFromTitle(title: string): string | null {
  const m = /\(([^()]+?),?\s*#[\d.\-–]+\)\s*$/.exec(title);
  return m ? m[1].trim() : null;
}

/**
 * Loads item metadata from `path`. The format defaults to the extension
 * (`.csv` → goodbooks-csv) or, for JSON lines, to the first object's keys
 * (`book_id` → goodreads, `item_id` → canonical). Throws a located
 * {@linkcode DataError} for a missing file, a missing column or (unless
 * `badRows: "skip"`) a malformed line.
 *
 * @example
 * ```ts
 * import { Engine } from "../engine/mod.ts";
 * import { loadBooks } from "./books.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, 'goodreads_book_id,title,authors,original_publication_year,language_code\n' +
 *   '3,"Harry Potter and the Sorcerer\'s Stone (Harry Potter, #1)","J.K. Rowling, Mary GrandPré",1997.0,eng\n');
 * const db = await Engine.open();
 * const books = await loadBooks(db, path);
 * db.close();
 * if (books.ids[0] !== "3" || books.authors[0][1] !== "Mary GrandPré" || books.series[0][0] !== "Harry Potter") {
 *   throw new Error(JSON.stringify(books));
 * }
 * ```
 */
export async function loadBooks(
  db: Engine,
  path: string,
  format?: BooksFormat,
  options: LoadBooksOptions = {},
): Promise<BookTable> {
  try {
    if (!(await Deno.stat(path)).isFile) throw new Error("not a file");
  } catch {
    throw new DataError("books file not found", { file: path, hint: "check the metadata path" });
  }
  const policy = options.badRows ?? "error";
  const fmt = format ?? (/\.csv(\.gz)?$/i.test(path) ? "goodbooks-csv" : undefined);
  const report: Record<string, number> = { rowsRead: 0, blankLines: 0, malformedSkipped: 0 };
  let sql: string;
  let ucsd = false;
  if (fmt === "goodbooks-csv") {
    sql = await readGoodbooksCsv(db, path, policy, report);
  } else {
    const keyed = await readJsonLines(db, path, policy, report);
    ucsd = (fmt ?? keyed) === "goodreads-books-json";
    sql = ucsd ? GOODREADS_SQL : CANONICAL_SQL;
  }
  if (!ucsd && (options.authorNames || options.seriesNames)) {
    throw new DataError("author and series names apply to UCSD goodreads_books files only", {
      file: path,
      hint: "drop data.books.authors / data.books.series: this file already holds names",
    });
  }
  const cols = await db.columns(sql, {
    id: "str",
    title: "str",
    authors: "str",
    series: "str",
    tags: "str",
    description: "str",
    language: "str",
    year: "f64",
    available: "u8",
  });
  await db.run("DROP TABLE IF EXISTS book_src");
  const t = assemble(cols, fmt === "goodbooks-csv", report);
  if (options.authorNames) await applyNames(db, t, "authors", options.authorNames);
  if (options.seriesNames) await applyNames(db, t, "series", options.seriesNames);
  return t;
}

const list = (expr: string) => `coalesce(array_to_string(${expr}, chr(31)), '')`;
const text = (expr: string) => `coalesce(CAST(${expr} AS VARCHAR), '')`;
const year = (expr: string) =>
  `coalesce(TRY_CAST(nullif(trim(${expr}), '') AS DOUBLE), 'NaN'::DOUBLE)`;

const GOODREADS_SQL = `SELECT ${text("line->>'book_id'")} AS id, ${text("line->>'title'")} AS title,
  ${list("json_extract_string(line, '$.authors[*].author_id')")} AS authors,
  ${list("json_extract_string(line, '$.series[*]')")} AS series,
  ${list("json_extract_string(line, '$.popular_shelves[*].name')")} AS tags,
  ${text("line->>'description'")} AS description, ${text("line->>'language_code'")} AS language,
  ${year("line->>'publication_year'")} AS year, 1 AS available
  FROM book_src ORDER BY rn`;

const CANONICAL_SQL = `SELECT ${text("line->>'item_id'")} AS id, ${text("line->>'title'")} AS title,
  ${list("json_extract_string(line, '$.authors[*]')")} AS authors,
  ${list("json_extract_string(line, '$.series[*]')")} AS series,
  ${list("json_extract_string(line, '$.tags[*]')")} AS tags,
  ${text("line->>'description'")} AS description, ${text("line->>'language'")} AS language,
  ${year("line->>'year'")} AS year,
  CASE WHEN lower(coalesce(line->>'available', 'true')) IN ('false', '0') THEN 0 ELSE 1 END AS available
  FROM book_src ORDER BY rn`;

/** Reads JSON lines into `book_src(rn, line)`; returns the format the first object's keys suggest. */
async function readJsonLines(
  db: Engine,
  path: string,
  policy: string,
  report: Record<string, number>,
) {
  await db.run(
    `CREATE OR REPLACE TEMP TABLE book_lines AS SELECT line FROM read_csv(${sqlString(path)},
    columns={'line':'VARCHAR'}, delim=E'\\x1f', quote='', escape='', header=false, auto_detect=false,
    strict_mode=false, null_padding=false, max_line_size=67108864)`,
  );
  await db.run(`CREATE OR REPLACE TEMP TABLE book_all AS SELECT rowid + 1 AS rn, line,
    coalesce(trim(line) = '', true) AS blank,
    CASE WHEN coalesce(trim(line) = '', true) THEN false
         WHEN json_valid(line) THEN json_type(line) = 'OBJECT' ELSE false END AS ok
    FROM book_lines`);
  await db.run("DROP TABLE book_lines");
  const s = (await db.row<{ n: number; blank: number; bad: number; first: number | null }>(
    `SELECT count(*)::INTEGER AS n, count(*) FILTER (blank)::INTEGER AS blank,
       count(*) FILTER (NOT blank AND NOT ok)::INTEGER AS bad,
       min(rn) FILTER (NOT blank AND NOT ok)::INTEGER AS first FROM book_all`,
  ))!;
  report.rowsRead = s.n - s.blank;
  report.blankLines = s.blank;
  if (s.bad > 0 && policy !== "skip") {
    await db.run("DROP TABLE book_all");
    throw new DataError(
      `malformed JSON: the line is not one JSON object${s.bad > 1 ? ` (${s.bad} such lines)` : ""}`,
      {
        file: path,
        line: s.first!,
        hint: 'repair the file, or load it with badRows: "skip" to drop and count such lines',
      },
    );
  }
  report.malformedSkipped = s.bad;
  await db.run(
    "CREATE OR REPLACE TEMP TABLE book_src AS SELECT rn, line FROM book_all WHERE ok ORDER BY rn",
  );
  await db.run("DROP TABLE book_all");
  const first = await db.row<{ g: boolean }>(
    "SELECT (line->'book_id') IS NOT NULL AS g FROM book_src ORDER BY rn LIMIT 1",
  );
  return first?.g ? "goodreads-books-json" : "canonical-jsonl";
}

/** Reads a goodbooks CSV into `book_src`; returns the SELECT producing the columns. */
async function readGoodbooksCsv(
  db: Engine,
  path: string,
  policy: string,
  report: Record<string, number>,
) {
  await db.run(
    `CREATE OR REPLACE TEMP TABLE book_csv AS SELECT * FROM read_csv(${
      sqlString(path)
    }, header=true,
    all_varchar=true, ignore_errors=true, store_rejects=true, rejects_scan='books_rej_scan', rejects_table='books_rej')`,
  );
  const rej = (await db.row<{ n: number; first: number | null; msg: string | null }>(
    `SELECT count(DISTINCT line)::INTEGER AS n, min(line)::INTEGER AS first, arg_min(error_message, line) AS msg
     FROM books_rej`,
  ))!;
  await db.run("DROP TABLE IF EXISTS books_rej; DROP TABLE IF EXISTS books_rej_scan");
  if (rej.n > 0 && policy !== "skip") {
    throw new DataError(`malformed CSV row: ${(rej.msg ?? "").split("\n")[0].replace(/\.$/, "")}`, {
      file: path,
      line: rej.first!,
      hint: 'repair the file, or load it with badRows: "skip" to drop and count such rows',
    });
  }
  report.malformedSkipped = rej.n;
  const have = new Set(
    (await db.rows<{ column_name: string }>("SELECT column_name FROM (DESCRIBE book_csv)"))
      .map((r) => r.column_name),
  );
  const id = ["goodreads_book_id", "book_id", "item_id"].find((c) => have.has(c));
  if (!id || !have.has("title")) {
    throw new DataError(
      `column "${id ? "title" : "goodreads_book_id"}" not found; columns are ${
        [...have].join(", ")
      }`,
      {
        file: path,
        hint:
          "goodbooks CSVs need goodreads_book_id and title (authors, original_publication_year, language_code optional)",
      },
    );
  }
  const col = (c: string) => have.has(c) ? `"${c}"` : "NULL";
  await db.run(
    `CREATE OR REPLACE TEMP TABLE book_src AS SELECT rowid + 2 AS rn, "${id}" AS id, title,
    ${col("authors")} AS authors, ${col("original_publication_year")} AS year_raw, ${
      col("language_code")
    } AS language
    FROM book_csv ORDER BY rowid`,
  );
  await db.run("DROP TABLE book_csv");
  report.rowsRead =
    (await db.row<{ n: number }>("SELECT count(*)::INTEGER AS n FROM book_src"))!.n + rej.n;
  return `SELECT ${text("id")} AS id, ${text("title")} AS title, ${
    text("authors")
  } AS authors, '' AS series,
    '' AS tags, '' AS description, ${text("language")} AS language, ${
    year("year_raw")
  } AS year, 1 AS available
    FROM book_src ORDER BY rn`;
}

type Cols =
  & Record<"id" | "title" | "authors" | "series" | "tags" | "description" | "language", string[]>
  & {
    year: Float64Array;
    available: Uint8Array;
  };

function assemble(c: Cols, goodbooks: boolean, report: Record<string, number>): BookTable {
  const t: BookTable = {
    ids: [],
    title: [],
    authors: [],
    series: [],
    tags: [],
    description: [],
    language: [],
    year: new Float64Array(0),
    available: new Uint8Array(0),
    report,
  };
  const years: number[] = [], avail: number[] = [];
  const seen = new Set<string>();
  const split = (s: string, sep: string) =>
    s.split(sep).map((x) => x.trim()).filter((x) => x !== "");
  Object.assign(report, { missingId: 0, duplicateIds: 0 });
  for (let r = 0; r < c.id.length; r++) {
    const id = c.id[r].trim();
    if (id === "") report.missingId++;
    else if (seen.has(id)) report.duplicateIds++;
    else {
      seen.add(id);
      t.ids.push(id);
      t.title.push(c.title[r]);
      t.authors.push(split(c.authors[r], goodbooks ? "," : SEP));
      const s = goodbooks ? seriesFromTitle(c.title[r]) : null;
      t.series.push(goodbooks ? (s ? [s] : []) : split(c.series[r], SEP));
      t.tags.push(split(c.tags[r], SEP));
      t.description.push(c.description[r]);
      t.language.push(c.language[r]);
      years.push(c.year[r]);
      avail.push(c.available[r]);
    }
  }
  t.year = Float64Array.from(years);
  t.available = Uint8Array.from(avail);
  const count = (f: (i: number) => boolean) => t.ids.reduce((s, _, i) => s + (f(i) ? 1 : 0), 0);
  Object.assign(report, {
    books: t.ids.length,
    missingTitle: count((i) => t.title[i].trim() === ""),
    missingAuthors: count((i) => t.authors[i].length === 0),
    noSeries: count((i) => t.series[i].length === 0),
    missingTags: count((i) => t.tags[i].length === 0),
    missingDescription: count((i) => t.description[i].trim() === ""),
    missingLanguage: count((i) => t.language[i].trim() === ""),
    missingYear: count((i) => Number.isNaN(t.year[i])),
    unavailable: count((i) => t.available[i] === 0),
  });
  return t;
}

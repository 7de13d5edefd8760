/**
 * Exposes a source (a file, or a folder or glob of Parquet files) as the
 * engine view `raw(ok, user_id, item_id, ts, r, is_read, rn)` (ids as in the
 * file: trimming is left to the id dictionary, which trims each distinct id
 * once instead of every row), `rn` being the position in the source (the
 * 0-based line for JSON, the data row for CSV/Parquet, counted across files
 * in path order). JSON and CSV are parsed once into the table `raw_rows`
 * behind the view; Parquet is scanned in place (a view on the files: their
 * columns are typed already, and not copying 35M rows saves both time and
 * memory). Values are parsed on the way in, without keeping the raw text:
 * `ts` = Unix seconds or NULL when unparseable, `r` = the numeric rating or
 * NULL when non-numeric, `is_read` = 0/1. `ok` is false for blank and
 * malformed lines; malformed ones stop the load with their line number, or
 * are skipped and counted under `badRows: "skip"`.
 *
 * @module
 */
import { type Engine, sqlString } from "../engine/mod.ts";
import { DataError } from "../errors.ts";
import { type DataFormat, type DataSourceOptions, sourceColumns } from "./source.ts";
import { sourceFiles } from "./source_files.ts";

/** Counts from reading (before cleaning). */
export interface RawReadStats {
  rowsRead: number;
  blankLines: number;
  malformedSkipped: number;
}

/** SQL parsing a timestamp string to Unix seconds (DOUBLE), NULL when unparseable; `goodreadsFirst` tries `Wed Mar 29 00:12:52 -0700 2017` first. */
export function timestampSql(x: string, goodreadsFirst: boolean): string {
  const gr = `epoch(try_strptime(${x}, '%a %b %d %H:%M:%S %z %Y'))`;
  const iso = `epoch(try_cast(${x} AS TIMESTAMPTZ))`;
  const num = `try_cast(${x} AS DOUBLE)`;
  return `coalesce(${(goodreadsFirst ? [gr, iso, num] : [iso, num, gr]).join(", ")})`;
}

/** SQL turning a text flag into 0/1 (`true`, `1`, `t`, `yes`, `y` are 1). */
export const isReadSql = (x: string) =>
  `(CASE WHEN lower(trim(coalesce(${x}, ''))) IN ('true', '1', 't', 'yes', 'y') THEN 1 ELSE 0 END)::UTINYINT`;

/** What {@linkcode readRaw} exposed. */
export interface RawSource {
  /** The data files, in order. */
  files: string[];
  /** Their format. */
  format: DataFormat;
  /** Counts from reading, for the data report. */
  stats: RawReadStats;
  /**
   * SQL conditions on `raw` that split its rows into about `parts` disjoint
   * slices whose union is all rows, each cheap to scan on its own (the
   * engine skips the other files and row groups).
   */
  slices(parts: number): string[];
}

/**
 * Exposes `source` (a file, a folder or a glob; see `source_files.ts`) as the
 * view `raw`. Throws a located {@linkcode DataError}.
 */
export async function readRaw(db: Engine, source: DataSourceOptions): Promise<RawSource> {
  const { files, format } = await sourceFiles(db, source.path, source.format);
  const policy = source.badRows ?? "error";
  if (format === "parquet") return await readParquet(db, files, source);
  const path = files[0];
  const stats = format === "goodreads-json"
    ? await readJsonLines(db, path, policy)
    : await readCsv(db, path, source, policy);
  await db.run("CREATE OR REPLACE VIEW raw AS SELECT *, rowid AS rn FROM raw_rows");
  const positions = stats.rowsRead + stats.blankLines;
  return {
    files,
    format,
    stats,
    slices: (parts) =>
      Array.from({ length: parts }, (_, k) => {
        const from = Math.floor((positions * k) / parts);
        const to = Math.floor((positions * (k + 1)) / parts);
        return k === parts - 1 ? `rn >= ${from}` : `rn >= ${from} AND rn < ${to}`;
      }),
  };
}

/** Drops what {@linkcode readRaw} created. */
export async function dropRaw(db: Engine): Promise<void> {
  await db.run("DROP VIEW IF EXISTS raw; DROP TABLE IF EXISTS raw_rows");
}

const JSON_SHAPE =
  `'{"user_id":"VARCHAR","book_id":"VARCHAR","date_added":"VARCHAR","rating":"VARCHAR","is_read":"VARCHAR"}'`;

async function readJsonLines(db: Engine, path: string, policy: string): Promise<RawReadStats> {
  // Fast path: DuckDB's parallel NDJSON reader. It stops at the first malformed
  // line without a reliable line number, so any such error switches to the
  // exact line-by-line path, which names the line or skips and counts.
  try {
    await db.run(`CREATE OR REPLACE TABLE raw_rows AS
      SELECT true AS ok, user_id, book_id AS item_id,
        ${timestampSql("trim(date_added)", true)} AS ts,
        try_cast(trim(rating) AS DOUBLE) AS r, ${isReadSql("is_read")} AS is_read
      FROM read_json(${sqlString(path)}, format='newline_delimited', maximum_object_size=16777216,
        columns={user_id: 'VARCHAR', book_id: 'VARCHAR', rating: 'VARCHAR', is_read: 'VARCHAR', date_added: 'VARCHAR'})`);
    const n = await db.row<{ n: bigint }>("SELECT count(*) AS n FROM raw_rows");
    return { rowsRead: Number(n!.n), blankLines: 0, malformedSkipped: 0 };
  } catch (e) {
    if (!/Invalid Input Error|JSON/i.test(String(e))) throw e;
  }
  return await readJsonLinesExact(db, path, policy);
}

async function readJsonLinesExact(db: Engine, path: string, policy: string): Promise<RawReadStats> {
  // Each physical line is one VARCHAR (no quoting, a delimiter that never occurs);
  // CREATE TABLE keeps file order, so rowid + 1 is the line number.
  await db.run(`CREATE OR REPLACE TABLE raw_rows AS
    WITH lines AS (
      SELECT line, coalesce(trim(line) = '', true) AS blank FROM read_csv(${sqlString(path)},
        columns={'line':'VARCHAR'}, delim=E'\\x1f', quote='', escape='', header=false,
        auto_detect=false, strict_mode=false, null_padding=false)
    ), checked AS (
      SELECT blank, NOT blank AND left(ltrim(line), 1) = '{' AND json_valid(line) AS ok, line FROM lines
    ), parsed AS (
      SELECT blank, ok, CASE WHEN ok THEN json_transform(line, ${JSON_SHAPE}) END AS j FROM checked
    )
    SELECT blank, ok, j.user_id AS user_id, j.book_id AS item_id,
      ${timestampSql("trim(j.date_added)", true)} AS ts,
      try_cast(trim(j.rating) AS DOUBLE) AS r, ${isReadSql("j.is_read")} AS is_read
    FROM parsed`);
  const s = (await db.row<{ n: number; blank: number; bad: number; first: number | null }>(
    `SELECT count(*)::BIGINT AS n, count(*) FILTER (blank)::BIGINT AS blank,
       count(*) FILTER (NOT blank AND NOT ok)::BIGINT AS bad,
       (min(rowid) FILTER (NOT blank AND NOT ok) + 1)::BIGINT AS first FROM raw_rows`,
  ))!;
  const [n, blank, bad] = [Number(s.n), Number(s.blank), Number(s.bad)];
  if (bad > 0 && policy !== "skip") {
    const more = bad > 1 ? ` (${bad} malformed lines in all)` : "";
    throw new DataError(`malformed JSON: the line is not one JSON object${more}`, {
      file: path,
      line: Number(s.first),
      hint: 'repair the file, or set data.badRows to "skip" to drop and count such lines',
    });
  }
  return { rowsRead: n - blank, blankLines: blank, malformedSkipped: bad };
}

/** The canonical columns of a CSV/Parquet scan `src` (already a view), as SQL expressions. */
async function tabularSelect(
  db: Engine,
  file: string,
  source: DataSourceOptions,
  skip: string[],
): Promise<string> {
  const col = sourceColumns(source);
  const types = new Map(
    (await db.rows<{ column_name: string; column_type: string }>(
      "SELECT column_name, column_type FROM (DESCRIBE src)",
    ))
      .map((r) => [r.column_name, r.column_type]),
  );
  for (const name of skip) types.delete(name);
  for (const [canon, name] of Object.entries(col)) {
    const optional = canon === "rating" || canon === "is_read";
    if (!types.has(name) && !optional) {
      throw new DataError(
        `column "${name}" (for ${canon}) not found; columns are ${[...types.keys()].join(", ")}`,
        {
          file,
          hint: `set data.columns.${canon} to the source's column name`,
        },
      );
    }
  }
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const t = (name: string) => types.get(name) ?? "";
  const numeric = (ty: string) =>
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|DOUBLE|DECIMAL|REAL)/.test(ty);
  const tsExpr = /^TIMESTAMP|^DATE/.test(t(col.timestamp))
    ? `epoch(${q(col.timestamp)}::TIMESTAMPTZ)`
    : numeric(t(col.timestamp))
    ? `${q(col.timestamp)}::DOUBLE`
    : timestampSql(`trim(${q(col.timestamp)}::VARCHAR)`, false);
  const rExpr = !types.has(col.rating)
    ? "NULL::DOUBLE"
    : numeric(t(col.rating))
    ? `${q(col.rating)}::DOUBLE`
    : `try_cast(trim(${q(col.rating)}::VARCHAR) AS DOUBLE)`;
  const readExpr = !types.has(col.is_read)
    ? "0::UTINYINT"
    : t(col.is_read) === "BOOLEAN" || numeric(t(col.is_read))
    ? `(coalesce(${q(col.is_read)}::DOUBLE, 0) <> 0)::UTINYINT`
    : isReadSql(`${q(col.is_read)}::VARCHAR`);
  return `SELECT true AS ok,
      ${q(col.user_id)}::VARCHAR AS user_id, ${q(col.item_id)}::VARCHAR AS item_id,
      ${tsExpr} AS ts, ${rExpr} AS r, ${readExpr} AS is_read`;
}

async function readCsv(
  db: Engine,
  path: string,
  source: DataSourceOptions,
  policy: string,
): Promise<RawReadStats> {
  // All text: ids keep leading zeros; rejected rows are recorded with their line.
  const scan = `read_csv(${sqlString(path)}, header=true, all_varchar=true, ignore_errors=true,
      store_rejects=true, rejects_scan='abr_rej_scan', rejects_table='abr_rej')`;
  await db.run(`CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM ${scan}`);
  const select = await tabularSelect(db, path, source, []);
  await db.run("DROP VIEW src");
  await db.run(`CREATE OR REPLACE TABLE raw_rows AS ${select} FROM ${scan}`);
  const rej = await db.row<{ n: number; first: number | null; msg: string | null }>(
    `SELECT count(DISTINCT line)::INTEGER AS n, min(line)::INTEGER AS first,
       arg_min(error_message, line) AS msg FROM abr_rej`,
  );
  const malformed = rej?.n ?? 0;
  if (malformed > 0 && policy !== "skip") {
    throw new DataError(
      `malformed CSV row: ${(rej!.msg ?? "").split("\n")[0].replace(/\.$/, "")}`,
      {
        file: path,
        line: rej!.first!,
        hint: 'repair the file, or set data.badRows to "skip" to drop and count such rows',
      },
    );
  }
  const n = await db.row<{ n: number }>("SELECT count(*)::INTEGER AS n FROM raw_rows");
  return { rowsRead: n!.n + malformed, blankLines: 0, malformedSkipped: malformed };
}

/**
 * Parquet files, scanned in place (a view: their columns are typed already,
 * and not copying 35M rows saves both time and memory). `rn` counts rows
 * across the files in order; `fi`/`frn` (file index, row in file) let a
 * slice skip the other files and row groups.
 */
async function readParquet(
  db: Engine,
  files: string[],
  source: DataSourceOptions,
): Promise<RawSource> {
  const list = `[${files.map(sqlString).join(", ")}]`;
  const scan = `read_parquet(${list}, file_row_number = true)`;
  await db.run(`CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM ${scan}`);
  const select = await tabularSelect(db, files.length === 1 ? files[0] : source.path, source, [
    "file_row_number",
  ]);
  await db.run("DROP VIEW src");
  const meta = await db.rows<{ file_name: string; n: number }>(
    `SELECT file_name, num_rows::DOUBLE AS n FROM parquet_file_metadata(${list})`,
  );
  const rowsOf = new Map(meta.map((m) => [m.file_name, m.n]));
  const rows = files.map((f) => rowsOf.get(f) ?? 0);
  const offsets = [0];
  for (const n of rows) offsets.push(offsets[offsets.length - 1] + n);
  const rn = files.length === 1
    ? "file_row_number"
    : `list_extract([${
      offsets.slice(0, -1).join(", ")
    }]::BIGINT[], (file_index + 1)::BIGINT) + file_row_number`;
  await db.run(
    `CREATE OR REPLACE VIEW raw AS ${select}, file_index AS fi, file_row_number AS frn, ${rn} AS rn FROM ${scan}`,
  );
  const total = offsets[files.length];
  return {
    files,
    format: "parquet",
    stats: { rowsRead: total, blankLines: 0, malformedSkipped: 0 },
    slices: (parts) => parquetSlices(rows, parts),
  };
}

/**
 * Slices of Parquet files with `rows` rows each: runs of whole files of
 * about equal rows when there are at least `parts` files, else each file cut
 * into row ranges.
 *
 * @example
 * ```ts
 * import { parquetSlices } from "./read_raw.ts";
 * if (parquetSlices([10], 2).join(" | ") !== "fi = 0 AND frn >= 0 AND frn < 5 | fi = 0 AND frn >= 5") throw new Error();
 * if (parquetSlices([5, 5, 5, 5], 2).join(" | ") !== "fi >= 0 AND fi < 2 | fi >= 2 AND fi < 4") throw new Error();
 * ```
 */
export function parquetSlices(rows: number[], parts: number): string[] {
  const out: string[] = [];
  if (rows.length >= parts) {
    const total = rows.reduce((a, b) => a + b, 0);
    let from = 0, acc = 0;
    for (let f = 0; f < rows.length; f++) {
      acc += rows[f];
      const last = f === rows.length - 1;
      if (last || (acc >= (total * (out.length + 1)) / parts && out.length < parts - 1)) {
        out.push(`fi >= ${from} AND fi < ${f + 1}`);
        from = f + 1;
      }
    }
    return out;
  }
  const per = Math.ceil(parts / rows.length);
  rows.forEach((n, f) => {
    for (let k = 0; k < per; k++) {
      const a = Math.floor((n * k) / per), b = Math.floor((n * (k + 1)) / per);
      out.push(`fi = ${f} AND frn >= ${a}${k === per - 1 ? "" : ` AND frn < ${b}`}`);
    }
  });
  return out;
}

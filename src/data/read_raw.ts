/**
 * Exposes a source file as the engine view `raw(ok, user_id, item_id, ts, r,
 * is_read, rn)` (ids as in the file: trimming is left to the id dictionary,
 * which trims each distinct id once instead of every row), `rn` being the file position (the 0-based line
 * for JSON, the data row for CSV/Parquet). JSON and CSV are parsed once into
 * the table `raw_rows` behind the view; Parquet is scanned in place (a view
 * on the file: its columns are typed already, and not copying 35M rows saves
 * both time and memory). Values are parsed on the way in, without keeping
 * the raw text:
 * `ts` = Unix seconds or NULL when unparseable, `r` = the numeric rating or
 * NULL when non-numeric, `is_read` = 0/1. `ok` is false for blank and
 * malformed lines; malformed ones stop the load with their line number, or
 * are skipped and counted under `badRows: "skip"`.
 *
 * @module
 */
import { type Engine, sqlString } from "../engine/mod.ts";
import { DataError } from "../errors.ts";
import { type DataSourceOptions, inferFormat } from "./source.ts";

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

/** Exposes `source` as the view `raw`. Throws a located {@linkcode DataError}. */
export async function readRaw(db: Engine, source: DataSourceOptions): Promise<RawReadStats> {
  const path = source.path;
  const st = await Deno.stat(path).catch(() => null);
  if (!st) {
    throw new DataError("data file not found", {
      file: path,
      hint: "check data.path (relative paths resolve against the scenario file's folder)",
    });
  }
  if (!st.isFile) {
    throw new DataError("not a file", { file: path, hint: "give the path of a data file" });
  }
  const format = source.format ?? inferFormat(path);
  if (!format) {
    throw new DataError("cannot tell the format from the file extension", {
      file: path,
      hint: 'set data.format to "goodreads-json", "csv" or "parquet"',
    });
  }
  const policy = source.badRows ?? "error";
  const stats = format === "goodreads-json"
    ? await readJsonLines(db, path, policy)
    : await readTabular(db, path, format, source, policy);
  if (format !== "parquet") {
    await db.run("CREATE OR REPLACE VIEW raw AS SELECT *, rowid AS rn FROM raw_rows");
  }
  return stats;
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

async function readTabular(
  db: Engine,
  path: string,
  format: "csv" | "parquet",
  source: DataSourceOptions,
  policy: string,
): Promise<RawReadStats> {
  const col = {
    user_id: source.columns?.user_id ?? "user_id",
    item_id: source.columns?.item_id ?? "item_id",
    timestamp: source.columns?.timestamp ?? "timestamp",
    rating: source.columns?.rating ?? "rating",
    is_read: source.columns?.is_read ?? "is_read",
  };
  let scan: string;
  let malformed = 0;
  if (format === "csv") {
    // All text: ids keep leading zeros; rejected rows are recorded with their line.
    scan = `read_csv(${sqlString(path)}, header=true, all_varchar=true, ignore_errors=true,
      store_rejects=true, rejects_scan='abr_rej_scan', rejects_table='abr_rej')`;
    await db.run(`CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM ${scan}`);
  } else {
    scan = `read_parquet(${sqlString(path)}, file_row_number = true)`;
    await db.run(`CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM ${scan}`);
  }
  const types = new Map(
    (await db.rows<{ column_name: string; column_type: string }>(
      "SELECT column_name, column_type FROM (DESCRIBE src)",
    ))
      .map((r) => [r.column_name, r.column_type]),
  );
  if (format === "parquet") types.delete("file_row_number");
  for (const [canon, name] of Object.entries(col)) {
    const optional = canon === "rating" || canon === "is_read";
    if (!types.has(name) && !optional) {
      throw new DataError(
        `column "${name}" (for ${canon}) not found; columns are ${[...types.keys()].join(", ")}`,
        {
          file: path,
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
  const select = `SELECT true AS ok,
      ${q(col.user_id)}::VARCHAR AS user_id, ${q(col.item_id)}::VARCHAR AS item_id,
      ${tsExpr} AS ts, ${rExpr} AS r, ${readExpr} AS is_read`;
  await db.run("DROP VIEW src");
  if (format === "parquet") {
    await db.run(`CREATE OR REPLACE VIEW raw AS ${select}, file_row_number AS rn FROM ${scan}`);
  } else {
    await db.run(`CREATE OR REPLACE TABLE raw_rows AS ${select} FROM ${scan}`);
  }
  if (format === "csv") {
    const rej = await db.row<{ n: number; first: number | null; msg: string | null }>(
      `SELECT count(DISTINCT line)::INTEGER AS n, min(line)::INTEGER AS first,
         arg_min(error_message, line) AS msg FROM abr_rej`,
    );
    malformed = rej?.n ?? 0;
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
  }
  const n = await db.row<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM ${format === "parquet" ? "raw" : "raw_rows"}`,
  );
  return { rowsRead: n!.n + malformed, blankLines: 0, malformedSkipped: malformed };
}

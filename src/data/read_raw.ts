/**
 * Reads a source file into the engine table `raw(rn, user_id, item_id, ts_raw,
 * rating_raw, is_read_raw)` of VARCHARs, where `rn` is the 1-based physical
 * line (JSON) or data row (CSV/Parquet). Malformed rows are reported with their
 * line, or skipped and counted under `badRows: "skip"`.
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

/** Reads `source` into table `raw`. Throws a located {@linkcode DataError}. */
export async function readRaw(db: Engine, source: DataSourceOptions): Promise<RawReadStats> {
  const path = source.path;
  try {
    const st = await Deno.stat(path);
    if (!st.isFile) throw new DataError("not a file", { file: path, hint: "give the path of a data file" });
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError("data file not found", {
      file: path,
      hint: "check data.path (relative paths resolve against the scenario file's folder)",
    });
  }
  const format = source.format ?? inferFormat(path);
  if (!format) {
    throw new DataError("cannot tell the format from the file extension", {
      file: path,
      hint: 'set data.format to "goodreads-json", "csv" or "parquet"',
    });
  }
  const policy = source.badRows ?? "error";
  if (format === "goodreads-json") return await readJsonLines(db, path, policy);
  return await readTabular(db, path, format, source, policy);
}

async function readJsonLines(db: Engine, path: string, policy: string): Promise<RawReadStats> {
  // Each physical line as one VARCHAR; CREATE TABLE keeps file order, so rowid+1 is the line.
  await db.run(`CREATE OR REPLACE TEMP TABLE lines AS SELECT line FROM read_csv(${sqlString(path)},
    columns={'line':'VARCHAR'}, delim=E'\\x1f', quote='', escape='', header=false,
    auto_detect=false, strict_mode=false, null_padding=false)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE lines2 AS SELECT rowid + 1 AS rn, line,
    coalesce(trim(line) = '', true) AS blank,
    CASE WHEN coalesce(trim(line) = '', true) THEN false
         WHEN json_valid(line) THEN json_type(line) = 'OBJECT' ELSE false END AS ok FROM lines`);
  await db.run("DROP TABLE lines");
  const s = await db.row<{ n: number; blank: number; bad: number; first: number | null }>(
    `SELECT count(*)::INTEGER AS n, count(*) FILTER (blank)::INTEGER AS blank,
       count(*) FILTER (NOT blank AND NOT ok)::INTEGER AS bad,
       min(rn) FILTER (NOT blank AND NOT ok)::INTEGER AS first FROM lines2`,
  );
  const stats = { rowsRead: s!.n - s!.blank, blankLines: s!.blank, malformedSkipped: 0 };
  if (s!.bad > 0) {
    if (policy !== "skip") {
      const more = s!.bad > 1 ? ` (${s!.bad} malformed lines in all)` : "";
      throw new DataError(`malformed JSON: the line is not one JSON object${more}`, {
        file: path,
        line: s!.first!,
        hint: 'repair the file, or set data.badRows to "skip" to drop and count such lines',
      });
    }
    stats.malformedSkipped = s!.bad;
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE raw AS SELECT rn,
      line->>'user_id' AS user_id, line->>'book_id' AS item_id, line->>'date_added' AS ts_raw,
      line->>'rating' AS rating_raw, line->>'is_read' AS is_read_raw
    FROM lines2 WHERE ok ORDER BY rn`);
  await db.run("DROP TABLE lines2");
  return stats;
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
    scan = `read_csv(${sqlString(path)}, header=true, all_varchar=true, ignore_errors=true,
      store_rejects=true, rejects_scan='abr_rej_scan', rejects_table='abr_rej')`;
    await db.run(`CREATE OR REPLACE TEMP TABLE src AS SELECT * FROM ${scan}`);
    const rej = await db.row<{ n: number; first: number | null; msg: string | null }>(
      `SELECT count(DISTINCT line)::INTEGER AS n, min(line)::INTEGER AS first,
         arg_min(error_message, line) AS msg FROM abr_rej`,
    );
    malformed = rej?.n ?? 0;
    if (malformed > 0 && policy !== "skip") {
      throw new DataError(`malformed CSV row: ${firstSentence(rej!.msg ?? "")}`, {
        file: path,
        line: rej!.first!,
        hint: 'repair the file, or set data.badRows to "skip" to drop and count such rows',
      });
    }
  } else {
    await db.run(`CREATE OR REPLACE TEMP TABLE src AS SELECT * FROM read_parquet(${sqlString(path)})`);
  }
  const have = new Set(
    (await db.rows<{ column_name: string }>(
      "SELECT column_name FROM (DESCRIBE src)",
    )).map((r) => r.column_name),
  );
  for (const [canon, name] of Object.entries(col)) {
    const optional = canon === "rating" || canon === "is_read";
    if (!have.has(name) && !optional) {
      throw new DataError(`column "${name}" (for ${canon}) not found; columns are ${[...have].join(", ")}`, {
        file: path,
        hint: `set data.columns.${canon} to the source's column name`,
      });
    }
  }
  const pick = (name: string) => have.has(name) ? `CAST("${name.replaceAll('"', '""')}" AS VARCHAR)` : "NULL::VARCHAR";
  // CSV data rows start on line 2 (after the header); rowid keeps file order.
  const rn = format === "csv" ? "rowid + 2" : "rowid + 1";
  await db.run(`CREATE OR REPLACE TEMP TABLE raw AS SELECT ${rn} AS rn,
      ${pick(col.user_id)} AS user_id, ${pick(col.item_id)} AS item_id,
      ${pick(col.timestamp)} AS ts_raw, ${pick(col.rating)} AS rating_raw,
      ${pick(col.is_read)} AS is_read_raw FROM src ORDER BY rowid`);
  await db.run("DROP TABLE src");
  const n = await db.row<{ n: number }>("SELECT count(*)::INTEGER AS n FROM raw");
  return { rowsRead: n!.n + malformed, blankLines: 0, malformedSkipped: malformed };
}

function firstSentence(msg: string): string {
  return msg.split("\n")[0].replace(/\.$/, "");
}

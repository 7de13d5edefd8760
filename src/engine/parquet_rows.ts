/**
 * Large typed Parquet files from row accessors: rows are staged in chunks
 * through a temporary CSV (never the whole file as one string, so 35M rows
 * fit), read back by DuckDB and cast to each column's SQL type, with optional
 * key–value metadata. The result appears at `path` by one rename.
 *
 * @module
 */
import { Temp } from "../files/mod.ts";
import { type Engine, sqlString } from "./duckdb.ts";

/** SQL types a column may have in the file. Timestamps are given as Unix seconds. */
export type ParquetType =
  | "VARCHAR"
  | "DOUBLE"
  | "FLOAT"
  | "INTEGER"
  | "UTINYINT"
  | "BOOLEAN"
  | "TIMESTAMPTZ";

/** A column: its type and the value of row `r` (numbers; 0/1 for BOOLEAN; strings for VARCHAR). */
export interface RowColumn {
  /** Type in the file. */
  type: ParquetType;
  /** Value of row `r`. */
  at: (r: number) => number | string;
}

const CHUNK = 1 << 16;

/** The SELECT expression that turns a staged column into its type. */
function castOf(name: string, type: ParquetType): string {
  const col = `"${name.replaceAll('"', '""')}"`;
  if (type === "VARCHAR") return col;
  if (type === "TIMESTAMPTZ") return `to_timestamp(${col}) AS ${col}`;
  return `CAST(${col} AS ${type}) AS ${col}`;
}

/**
 * Writes `n` rows of `columns` as a Parquet file at `path` with key–value
 * `metadata` (written after the staging file is complete; the file appears
 * by one rename). Strings are quoted; non-finite numbers become NULL.
 *
 * @example
 * ```ts
 * import { Engine, sqlString, writeParquetRows } from "./mod.ts";
 * const path = await Deno.makeTempFile({ suffix: ".parquet" });
 * const db = await Engine.open({ threads: 1 });
 * await writeParquetRows(db, path, 2, {
 *   id: { type: "VARCHAR", at: (r) => ["a,b", 'say "x"'][r] },
 *   t: { type: "TIMESTAMPTZ", at: (r) => r * 86400 },
 * }, { note: "hi" });
 * const rows = await db.rows(`SELECT id, epoch(t)::INTEGER AS s FROM read_parquet(${sqlString(path)})`);
 * const kv = await db.row<{ v: string }>(`SELECT decode(value) AS v FROM parquet_kv_metadata(${sqlString(path)})`);
 * db.close();
 * await Deno.remove(path);
 * if (JSON.stringify(rows) !== '[{"id":"a,b","s":0},{"id":"say \\"x\\"","s":86400}]' || kv?.v !== "hi") {
 *   throw new Error(JSON.stringify(rows));
 * }
 * ```
 */
export async function writeParquetRows(
  db: Engine,
  path: string,
  n: number,
  columns: Record<string, RowColumn>,
  metadata: Record<string, string> = {},
): Promise<void> {
  const names = Object.keys(columns);
  const cols = names.map((c) => columns[c]);
  const csv = new Temp(path);
  const tmp = new Temp(path);
  try {
    const file = await Deno.open(csv.path, { write: true, createNew: true });
    const enc = new TextEncoder();
    try {
      const write = async (text: string) => {
        const bytes = enc.encode(text);
        for (let off = 0; off < bytes.length;) off += await file.write(bytes.subarray(off));
      };
      await write(names.join(",") + "\n");
      for (let start = 0; start < n; start += CHUNK) {
        const lines: string[] = [];
        for (let r = start; r < Math.min(n, start + CHUNK); r++) {
          lines.push(cols.map((c) => cell(c, r)).join(","));
        }
        await write(lines.join("\n") + "\n");
      }
    } finally {
      file.close();
    }
    const staged = names.map((c, j) =>
      `'${c.replaceAll("'", "''")}': '${cols[j].type === "VARCHAR" ? "VARCHAR" : "DOUBLE"}'`
    );
    const kv = Object.entries(metadata).map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`);
    await db.run(
      `COPY (SELECT ${names.map((c, j) => castOf(c, cols[j].type)).join(", ")}
      FROM read_csv(${sqlString(csv.path)}, header=true, columns={${staged.join(", ")}},
        quote='"', escape='"'))
      TO ${sqlString(tmp.path)} (FORMAT parquet${
        kv.length ? `, KV_METADATA {${kv.join(", ")}}` : ""
      })`,
    );
    await tmp.moveTo();
  } finally {
    await csv.discard();
    await tmp.discard();
  }
}

function cell(c: RowColumn, r: number): string {
  const v = c.at(r);
  if (c.type === "VARCHAR") return `"${String(v).replaceAll('"', '""')}"`;
  return Number.isFinite(v as number) ? String(v) : "";
}

/**
 * Typed Parquet files from row accessors, for SQL types beyond numbers and
 * text (timestamps, small integers, booleans; columns of numbers and text
 * go through `src/parquet`'s `writeParquet`, without the engine): rows go
 * into a staging table through DuckDB's appender in chunks of 2,048 (numbers into typed vectors, no text round trip), are cast
 * to each column's SQL type by one `COPY`, with optional key–value metadata;
 * the result appears at `path` by one rename.
 *
 * @module
 */
import { Temp } from "../files/mod.ts";
import { type Engine, sqlString, type StagedKind } from "./duckdb.ts";

/** SQL types a column may have in the file. Timestamps are given as Unix seconds. */
export type ParquetType =
  | "VARCHAR"
  | "DOUBLE"
  | "FLOAT"
  | "INTEGER"
  | "BIGINT"
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

/** The SELECT expression that turns a staged column into its type. */
function castOf(name: string, type: ParquetType): string {
  const col = `"${name.replaceAll('"', '""')}"`;
  if (type === "VARCHAR") return col;
  if (type === "TIMESTAMPTZ") return `to_timestamp(${col}) AS ${col}`;
  return `CAST(${col} AS ${type}) AS ${col}`;
}

/**
 * Writes `n` rows of `columns` as a Parquet file at `path` with key–value
 * `metadata` (the file appears by one rename). Non-finite numbers become
 * NULL.
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
  const staged = cols.map((c) => (c.type === "VARCHAR" ? "VARCHAR" : "DOUBLE") as StagedKind);
  const table = `abr_stage_${stageCount++}`;
  const quoted = names.map((c) => `"${c.replaceAll('"', '""')}"`);
  const tmp = new Temp(path);
  try {
    await db.run(
      `CREATE TEMP TABLE ${table} (${quoted.map((q, j) => `${q} ${staged[j]}`).join(", ")})`,
    );
    await db.append(table, staged, n, (j, r) => cols[j].at(r));
    const kv = Object.entries(metadata).map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`);
    await db.run(
      `COPY (SELECT ${names.map((c, j) => castOf(c, cols[j].type)).join(", ")} FROM ${table})
      TO ${sqlString(tmp.path)} (FORMAT parquet${
        kv.length ? `, KV_METADATA {${kv.join(", ")}}` : ""
      })`,
    );
    await tmp.moveTo();
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${table}`);
    await tmp.discard();
  }
}

let stageCount = 0;

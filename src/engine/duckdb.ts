/**
 * The one module that talks to DuckDB (native `@duckdb/node-api`). Every stage
 * that needs file I/O (CSV / JSON / Parquet) or heavy grouping goes through an
 * {@linkcode Engine}; nothing else imports DuckDB.
 *
 * Results come out either as small row objects ({@linkcode Engine.rows}) or as
 * whole typed-array columns ({@linkcode Engine.columns}) copied chunk by chunk
 * from DuckDB's vectors, so 35M-row tables never become JS objects.
 *
 * @example
 * ```ts
 * import { Engine } from "./duckdb.ts";
 * const db = await Engine.open();
 * const c = await db.columns("select range::INTEGER as x from range(5)", { x: "i32" });
 * if (c.x.join() !== "0,1,2,3,4") throw new Error(String(c.x));
 * db.close();
 * ```
 * @module
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { DuckDBConnection, DuckDBVector } from "@duckdb/node-api";

/** Column kinds {@linkcode Engine.columns} can return. */
export type ColumnKind = "i32" | "f64" | "f32" | "u8" | "str";

type ColumnOf<K extends ColumnKind> = K extends "i32" ? Int32Array
  : K extends "f64" ? Float64Array
  : K extends "f32" ? Float32Array
  : K extends "u8" ? Uint8Array
  : string[];

const CASTS: Record<ColumnKind, string> = {
  i32: "INTEGER",
  f64: "DOUBLE",
  f32: "FLOAT",
  u8: "UTINYINT",
  str: "VARCHAR",
};

/** An open in-memory DuckDB database with one connection. */
export class Engine {
  readonly #instance: DuckDBInstance;
  readonly #con: DuckDBConnection;
  private constructor(instance: DuckDBInstance, con: DuckDBConnection) {
    this.#instance = instance;
    this.#con = con;
  }

  /** Opens an in-memory database, UTC session time zone. */
  static async open(options: { threads?: number; memoryLimit?: string } = {}): Promise<Engine> {
    const config: Record<string, string> = {};
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    const instance = await DuckDBInstance.create(":memory:", config);
    const con = await instance.connect();
    await con.run("SET TimeZone = 'UTC'");
    return new Engine(instance, con);
  }

  /** Runs statements that return nothing of interest. */
  async run(sql: string): Promise<void> {
    await this.#con.run(sql);
  }

  /** Runs a query and returns its rows as plain JS objects (for small results). */
  async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await this.#con.runAndReadAll(sql);
    return reader.getRowObjectsJS() as T[];
  }

  /** First row of a query, or undefined. */
  async row<T = Record<string, unknown>>(sql: string): Promise<T | undefined> {
    return (await this.rows<T>(sql))[0];
  }

  /**
   * Runs `sql` and returns the named columns as typed arrays. Each column is
   * cast to the requested kind; NULLs become 0 / "" (callers coalesce in SQL
   * when that matters).
   */
  async columns<S extends Record<string, ColumnKind>>(
    sql: string,
    spec: S,
  ): Promise<{ [K in keyof S]: ColumnOf<S[K]> }> {
    const names = Object.keys(spec);
    const select = names.map((n) => `CAST("${n}" AS ${CASTS[spec[n]]}) AS "${n}"`).join(", ");
    const result = await this.#con.stream(`SELECT ${select} FROM (${sql})`);
    // Collect chunk by chunk (one pass over the query), then concatenate.
    const parts: unknown[][] = names.map(() => []);
    let n = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const len = chunk.rowCount;
      names.forEach((name, c) => {
        const part = allocate(spec[name], len);
        copyVector(chunk.getColumnVector(c), part, 0, len);
        parts[c].push(part);
      });
      n += len;
    }
    const out: Record<string, unknown> = {};
    names.forEach((name, c) => {
      if (spec[name] === "str") {
        out[name] = (parts[c] as string[][]).flat();
        return;
      }
      const all = allocate(spec[name], n) as Int32Array;
      let at = 0;
      for (const part of parts[c] as Int32Array[]) {
        all.set(part, at);
        at += part.length;
      }
      out[name] = all;
    });
    return out as { [K in keyof S]: ColumnOf<S[K]> };
  }

  /** Closes the connection and the database. */
  close(): void {
    this.#con.closeSync();
    this.#instance.closeSync?.();
  }
}

function allocate(kind: ColumnKind, n: number): unknown {
  switch (kind) {
    case "i32":
      return new Int32Array(n);
    case "f64":
      return new Float64Array(n);
    case "f32":
      return new Float32Array(n);
    case "u8":
      return new Uint8Array(n);
    case "str":
      return new Array<string>(n);
  }
}

type Dest = Int32Array | Float64Array | Float32Array | Uint8Array | string[];

function copyVector(vector: DuckDBVector, dest: unknown, at: number, len: number): void {
  const d = dest as Dest;
  // Fast path: numeric vectors keep their data in a typed array `items`.
  const items = (vector as unknown as { items?: ArrayLike<number> }).items;
  const hasNull = hasNulls(vector, len);
  if (!Array.isArray(d) && items && ArrayBuffer.isView(items) && !hasNull && items.length >= len) {
    (d as Int32Array).set((items as Int32Array).subarray(0, len), at);
    return;
  }
  for (let i = 0; i < len; i++) {
    const v = vector.getItem(i) as unknown;
    if (Array.isArray(d)) d[at + i] = v == null ? "" : String(v);
    else d[at + i] = v == null ? 0 : Number(v);
  }
}

function hasNulls(vector: DuckDBVector, len: number): boolean {
  const validity =
    (vector as unknown as { validity?: { data?: unknown; itemValid(i: number): boolean } })
      .validity;
  if (!validity || typeof validity.itemValid !== "function") return true;
  if (validity.data === null) return false; // DuckDB left the mask out: every row is valid
  for (let i = 0; i < len; i++) if (!validity.itemValid(i)) return true;
  return false;
}

/** Quotes a string as a SQL literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A column to write: numbers (NaN → NULL) or strings. */
export type WritableColumn = ArrayLike<number> | readonly string[];

/**
 * Writes columns as a Parquet file at `path` (atomically: temp file + rename).
 * Columns are staged through a temporary CSV that DuckDB reads back with
 * explicit types; numbers round-trip exactly (shortest JS representation).
 */
export async function writeParquet(
  db: Engine,
  path: string,
  columns: Record<string, WritableColumn>,
): Promise<void> {
  const names = Object.keys(columns);
  const n = names.length ? columns[names[0]].length : 0;
  const isText = names.map((c) => typeof (columns[c] as ArrayLike<unknown>)[0] === "string");
  const tmpCsv = await Deno.makeTempFile({ suffix: ".csv" });
  try {
    const lines: string[] = [names.join(",")];
    for (let r = 0; r < n; r++) {
      lines.push(
        names.map((c, j) => {
          const v = (columns[c] as ArrayLike<unknown>)[r];
          if (isText[j]) return `"${String(v).replaceAll('"', '""')}"`;
          return Number.isFinite(v as number) ? String(v) : "";
        }).join(","),
      );
    }
    await Deno.writeTextFile(tmpCsv, lines.join("\n") + "\n");
    const types = names.map((c, j) => `'${c}': '${isText[j] ? "VARCHAR" : "DOUBLE"}'`).join(", ");
    const tmp = `${path}.${Deno.pid}.tmp`;
    await db.run(
      `COPY (SELECT * FROM read_csv(${
        sqlString(tmpCsv)
      }, header=true, columns={${types}}, quote='"', escape='"'))
      TO ${sqlString(tmp)} (FORMAT parquet)`,
    );
    await Deno.rename(tmp, path);
  } finally {
    await Deno.remove(tmpCsv).catch(() => {});
  }
}

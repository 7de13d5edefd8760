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
import "./_allocator.ts"; // before DuckDB is loaded
import { DuckDBInstance } from "@duckdb/node-api";
import { DOUBLE, DuckDBDataChunk, VARCHAR } from "@duckdb/node-api";
import type { DuckDBConnection, DuckDBVector } from "@duckdb/node-api";
import ddb from "@duckdb/node-bindings";

/**
 * Column kinds {@linkcode Engine.columns} can return. `u64` (e.g. a `hash`)
 * comes as a `Uint32Array` of word pairs, low word first: value `k` is
 * `a[2k] + a[2k+1]·2³²` (JS numbers cannot hold all 64 bits).
 */
export type ColumnKind = "i32" | "f64" | "f32" | "u8" | "u64" | "str";

type ColumnOf<K extends ColumnKind> = K extends "i32" ? Int32Array
  : K extends "f64" ? Float64Array
  : K extends "f32" ? Float32Array
  : K extends "u8" ? Uint8Array
  : K extends "u64" ? Uint32Array
  : string[];

const CASTS: Record<ColumnKind, string> = {
  i32: "INTEGER",
  f64: "DOUBLE",
  f32: "FLOAT",
  u8: "UTINYINT",
  u64: "UBIGINT",
  str: "VARCHAR",
};

/** Options of {@linkcode Engine.open} (a scenario's `engine` section). */
export interface EngineOptions {
  /** DuckDB worker threads. @default the machine's cores */
  threads?: number;
  /** DuckDB memory limit, e.g. `"4GB"`. @default 80 % of RAM */
  memoryLimit?: string;
  /** Folder DuckDB spills to when over the memory limit. @default DuckDB's `.tmp` */
  tempDirectory?: string;
}

/** Column types {@linkcode Engine.append} fills: text or double. */
export type StagedKind = "VARCHAR" | "DOUBLE";

/** Rows per appended chunk (DuckDB's vector size). */
const APPEND_CHUNK = 2048;

/** Numeric column kinds {@linkcode Engine.scan} hands over. */
export type NumericKind = Exclude<ColumnKind, "str">;

/** An open in-memory DuckDB database with one connection. */
export class Engine {
  readonly #instance: DuckDBInstance;
  readonly #con: DuckDBConnection;
  private constructor(instance: DuckDBInstance, con: DuckDBConnection) {
    this.#instance = instance;
    this.#con = con;
  }

  /**
   * Opens an in-memory database, UTC session time zone. `threads` (default:
   * the machine's cores), `memoryLimit` (DuckDB's `memory_limit`, e.g.
   * `"8GB"`; default 80 % of RAM) and `tempDirectory` (where DuckDB spills
   * when over the limit) are passed to DuckDB as they are.
   */
  static async open(options: EngineOptions = {}): Promise<Engine> {
    const config: Record<string, string> = {};
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    const instance = await DuckDBInstance.create(":memory:", config);
    const con = await instance.connect();
    await con.run("SET TimeZone = 'UTC'");
    return new Engine(instance, con);
  }

  /** Runs statements that return nothing of interest. */
  async run(sql: string): Promise<void> {
    await this.#con.run(sql);
  }

  /**
   * Appends `n` rows to `table`, whose columns have the `kinds` given, in
   * order: `cell(c, r)` is row `r` of column `c` (a non-finite number is
   * NULL). Rows go through DuckDB's appender in chunks of 2,048, numbers
   * straight into typed vectors.
   */
  async append(
    table: string,
    kinds: readonly StagedKind[],
    n: number,
    cell: (c: number, r: number) => number | string,
  ): Promise<void> {
    const appender = await this.#con.createAppender(table);
    const types = kinds.map((k) => (k === "VARCHAR" ? VARCHAR : DOUBLE));
    // numbers go into one reused buffer and validity mask per column, copied into the chunk's
    // vector by one native call each (no boxed value per cell)
    const data = new Float64Array(APPEND_CHUNK);
    const valid = new Uint8Array(APPEND_CHUNK / 8);
    try {
      for (let start = 0; start < n; start += APPEND_CHUNK) {
        const size = Math.min(APPEND_CHUNK, n - start);
        const chunk = DuckDBDataChunk.create(types, size);
        const values: string[] = new Array(size);
        for (let c = 0; c < kinds.length; c++) {
          if (kinds[c] === "VARCHAR") {
            for (let r = 0; r < size; r++) values[r] = String(cell(c, start + r));
            chunk.setColumnValues(c, values);
            continue;
          }
          valid.fill(0);
          let nulls = 0;
          for (let r = 0; r < size; r++) {
            const v = cell(c, start + r) as number;
            const ok = Number.isFinite(v);
            data[r] = ok ? v : 0;
            valid[r >> 3] |= (ok ? 1 : 0) << (r & 7);
            nulls += ok ? 0 : 1;
          }
          const vector = ddb.data_chunk_get_vector(chunk.chunk, c);
          ddb.copy_data_to_vector(vector, 0, data.buffer, 0, size * 8);
          if (nulls > 0) {
            ddb.vector_ensure_validity_writable(vector);
            ddb.copy_data_to_vector_validity(vector, 0, valid.buffer, 0, Math.ceil(size / 64) * 8);
          }
        }
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
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
   *
   * Numeric vectors are copied straight from DuckDB's buffers (one memcpy per
   * vector) into arrays sized by `options.rows` when the caller knows the row
   * count, else grown by doubling. Fresh memory is expensive on VMs (every
   * first-touched page faults), so a known count saves a second copy.
   */
  async columns<S extends Record<string, ColumnKind>>(
    sql: string,
    spec: S,
    options: { rows?: number } = {},
  ): Promise<{ [K in keyof S]: ColumnOf<S[K]> }> {
    const cols = makeColumns(spec, options.rows ?? 0);
    await drain(this.#con, selectAs(sql, spec), cols);
    return finish(spec, cols);
  }

  /**
   * Streams the union of `parts` — each on its own connection, all at once —
   * and calls `onChunk` with every chunk's columns as typed arrays that are
   * **views on DuckDB's memory, valid only during the call** (copy what you
   * keep). No result is materialised, and the caller writes rows wherever
   * they belong (e.g. straight into their sorted position), so a 35M-row
   * stream needs no staging copy. Each column is cast to its kind and must
   * not be NULL (coalesce in SQL; a NULL throws). Rows arrive in no defined
   * order; parts may only use non-temporary tables and views.
   *
   * Why several parts: a streamed query executes inside the reading call,
   * and each call round-trips through the event loop; several streams keep
   * both the cores and the loop busy (35M rows, 17k chunks: about 4× faster
   * with 8 streams than with 1).
   *
   * @example
   * ```ts
   * import { Engine } from "./duckdb.ts";
   * const db = await Engine.open();
   * let sum = 0;
   * await db.scan(["select range::INTEGER as x from range(0, 3000)", "select 5::INTEGER as x"], { x: "i32" },
   *   ({ x }, len) => { for (let k = 0; k < len; k++) sum += x[k]; });
   * if (sum !== 2999 * 3000 / 2 + 5) throw new Error(String(sum));
   * db.close();
   * ```
   */
  async scan<S extends Record<string, NumericKind>>(
    parts: string[],
    spec: S,
    onChunk: (cols: { [K in keyof S]: ColumnOf<S[K]> }, len: number) => void,
  ): Promise<void> {
    const names = Object.keys(spec);
    const cons = await Promise.all(parts.map(() => this.#instance.connect()));
    // When one stream fails, the others stop at their next chunk; the connections close only
    // once no fetch is in flight (closing under a running fetch crashes DuckDB's threads).
    let failed = false;
    const streams = cons.map(async (con, k) => {
      try {
        await con.run(`SET TimeZone = 'UTC'; SET streaming_buffer_size = '8MB'`);
        const result = await con.stream(selectAs(parts[k], spec));
        const raw = (result as unknown as { result: ddb.Result }).result;
        while (!failed) {
          const chunk = await ddb.fetch_chunk(raw);
          if (!chunk) break;
          const len = ddb.data_chunk_get_size(chunk);
          if (len === 0) break;
          const cols: Record<string, unknown> = {};
          names.forEach((name, c) => (cols[name] = vectorView(chunk, c, spec[name], len)));
          onChunk(cols as { [K in keyof S]: ColumnOf<S[K]> }, len);
        }
      } catch (e) {
        failed = true;
        throw e;
      }
    });
    const settled = await Promise.allSettled(streams);
    for (const con of cons) con.closeSync();
    const error = settled.find((r) => r.status === "rejected");
    if (error) throw (error as PromiseRejectedResult).reason;
  }

  /** Closes the connection and the database. */
  close(): void {
    this.#con.closeSync();
    this.#instance.closeSync?.();
  }
}

type Column = NumericColumn | StringColumn;

function makeColumns(spec: Record<string, ColumnKind>, rows: number): Column[] {
  return Object.values(spec).map((k) =>
    k === "str" ? new StringColumn() : new NumericColumn(k, rows)
  );
}

/** `sql` wrapped so that each requested column is cast to its kind. */
function selectAs(sql: string, spec: Record<string, ColumnKind>): string {
  const select = Object.keys(spec).map((n) => `CAST("${n}" AS ${CASTS[spec[n]]}) AS "${n}"`);
  return `SELECT ${select.join(", ")} FROM (${sql})`;
}

/** Column `c` of `chunk` as a typed view on DuckDB's memory; throws on a NULL. */
function vectorView(chunk: ddb.DataChunk, c: number, kind: NumericKind, len: number) {
  const vector = ddb.data_chunk_get_vector(chunk, c);
  const validity = ddb.vector_get_validity(vector, Math.ceil(len / 64) * 8);
  if (validity) {
    for (let i = 0; i < len; i++) {
      if (!((validity[i >>> 3] >>> (i & 7)) & 1)) {
        throw new Error("internal: NULL in a scanned column");
      }
    }
  }
  const bytes = ddb.vector_get_data(vector, len * BYTES[kind]);
  switch (kind) {
    case "i32":
      return new Int32Array(bytes.buffer, bytes.byteOffset, len);
    case "f64":
      return new Float64Array(bytes.buffer, bytes.byteOffset, len);
    case "f32":
      return new Float32Array(bytes.buffer, bytes.byteOffset, len);
    case "u8":
      return bytes;
    case "u64":
      return new Uint32Array(bytes.buffer, bytes.byteOffset, 2 * len);
  }
}

/** Streams `sql` chunk by chunk into `cols` (appending). */
async function drain(con: DuckDBConnection, sql: string, cols: Column[]): Promise<void> {
  const result = await con.stream(sql);
  const raw = (result as unknown as { result: ddb.Result }).result;
  const hasStrings = cols.some((c) => c instanceof StringColumn);
  for (;;) {
    const chunk = await ddb.fetch_chunk(raw);
    if (!chunk) break;
    const len = ddb.data_chunk_get_size(chunk);
    if (len === 0) break;
    const wrapped = hasStrings ? new DuckDBDataChunk(chunk) : null;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c];
      if (col instanceof NumericColumn) col.append(ddb.data_chunk_get_vector(chunk, c), len);
      else col.append(wrapped!.getColumnVector(c), len);
    }
  }
}

function finish<S extends Record<string, ColumnKind>>(
  spec: S,
  cols: Column[],
): { [K in keyof S]: ColumnOf<S[K]> } {
  const out: Record<string, unknown> = {};
  Object.keys(spec).forEach((name, c) => (out[name] = cols[c].done()));
  return out as { [K in keyof S]: ColumnOf<S[K]> };
}

const BYTES: Record<Exclude<ColumnKind, "str">, number> = { i32: 4, f64: 8, f32: 4, u8: 1, u64: 8 };

/** A numeric column filled vector by vector from DuckDB's buffers. */
class NumericColumn {
  readonly #kind: Exclude<ColumnKind, "str">;
  readonly #width: number;
  #bytes: Uint8Array;
  #n = 0;
  constructor(kind: Exclude<ColumnKind, "str">, rows: number) {
    this.#kind = kind;
    this.#width = BYTES[kind];
    this.#bytes = new Uint8Array(Math.max(rows, 2048) * this.#width);
  }

  append(vector: ddb.Vector, len: number): void {
    const w = this.#width;
    const need = (this.#n + len) * w;
    if (need > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(need, this.#bytes.length * 2));
      grown.set(this.#bytes.subarray(0, this.#n * w));
      this.#bytes = grown;
    }
    // The vector's data is a view on DuckDB's memory: copy it now.
    this.#bytes.set(ddb.vector_get_data(vector, len * w), this.#n * w);
    const validity = ddb.vector_get_validity(vector, Math.ceil(len / 64) * 8);
    if (validity) this.#zeroInvalid(validity, len);
    this.#n += len;
  }

  /** Sets rows whose validity bit is 0 (NULL) to 0. */
  #zeroInvalid(validity: Uint8Array, len: number): void {
    const base = this.#n * this.#width;
    for (let i = 0; i < len; i++) {
      if ((validity[i >>> 3] >>> (i & 7)) & 1) continue;
      this.#bytes.fill(0, base + i * this.#width, base + (i + 1) * this.#width);
    }
  }

  done(): Int32Array | Float64Array | Float32Array | Uint8Array | Uint32Array {
    const size = this.#n * this.#width;
    const bytes = this.#bytes.byteLength === size ? this.#bytes : this.#bytes.slice(0, size);
    switch (this.#kind) {
      case "i32":
        return new Int32Array(bytes.buffer, 0, this.#n);
      case "f64":
        return new Float64Array(bytes.buffer, 0, this.#n);
      case "f32":
        return new Float32Array(bytes.buffer, 0, this.#n);
      case "u8":
        return bytes;
      case "u64":
        return new Uint32Array(bytes.buffer, 0, 2 * this.#n);
    }
  }
}

/** A string column (small results: id dictionaries, metadata). */
class StringColumn {
  readonly #values: string[] = [];
  append(vector: DuckDBVector, len: number): void {
    for (let i = 0; i < len; i++) {
      const v = vector.getItem(i);
      this.#values.push(v == null ? "" : String(v));
    }
  }
  done(): string[] {
    return this.#values;
  }
}

/** Quotes a string as a SQL literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

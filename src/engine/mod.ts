/**
 * The DuckDB engine: the only door to file I/O and heavy grouping.
 * @module
 */
export * from "./duckdb.ts";
export * from "./parquet_rows.ts";

/**
 * A reader of flat Parquet files written the usual way (dictionary or PLAIN
 * pages, uncompressed or Snappy), decoding column chunks straight into typed
 * arrays: the load's fast path, which falls back to the engine for any
 * file this reader does not decode ({@linkcode UnsupportedParquet}).
 * @module
 */
export * from "./errors.ts";
export * from "./metadata.ts";
export * from "./column.ts";
export * from "./write.ts";

/**
 * Data stage: sources, cleaning (PROTOCOL §1), dense-id columnar datasets.
 * @module
 */
export * from "./types.ts";
export * from "./source.ts";
export * from "./read_raw.ts";
export * from "./clean.ts";
export * from "./dataset.ts";
export * from "./select.ts";
export * from "./fingerprint.ts";
export * from "./books.ts";
export * from "./integrity.ts";
export * from "./reader_error.ts";
export * from "./read_checked.ts";

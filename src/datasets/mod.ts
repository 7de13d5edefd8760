/**
 * Datasets: the registry of public files (name → addresses, size, checksum,
 * terms), the data folder, and fetching with resume, verification and
 * provenance (`abreplay data fetch`).
 *
 * @module
 */
export * from "./registry.ts";
export * from "./data_dir.ts";
export * from "./provenance.ts";
export * from "./fetch.ts";
export * from "./hash.ts";
export type { DownloadOptions } from "./download.ts";

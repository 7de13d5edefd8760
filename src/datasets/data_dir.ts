/**
 * Where datasets live: `--data-dir` (or `--dir`), else `$ABREPLAY_DATA_DIR`,
 * else `data/datasets/` in the repository (git-ignored).
 *
 * @module
 */
import { join, resolve } from "node:path";
import type { DatasetEntry } from "./registry.ts";

/** Environment variable naming the data folder. */
export const DATA_DIR_ENV = "ABREPLAY_DATA_DIR";

/** Environment variable replacing every download address with `<url>/<file>` (mirrors, tests). */
export const BASE_URL_ENV = "ABREPLAY_DATASETS_URL";

/** The repository's default data folder (git-ignored). */
export const DEFAULT_DATA_DIR: string = resolve(import.meta.dirname ?? ".", "../../data/datasets");

/**
 * The data folder: `flag` when given, else `$ABREPLAY_DATA_DIR`, else
 * {@linkcode DEFAULT_DATA_DIR}; always absolute.
 *
 * @example
 * ```ts
 * import { dataDir } from "./data_dir.ts";
 * if (dataDir("/srv/data") !== "/srv/data") throw new Error();
 * ```
 */
export function dataDir(flag?: string): string {
  const env = Deno.env.get(DATA_DIR_ENV);
  return resolve(flag ?? (env ? env : DEFAULT_DATA_DIR));
}

/** Absolute path of `entry`'s file in data folder `dir`. */
export function datasetPath(entry: DatasetEntry, dir: string): string {
  return join(dir, entry.file);
}

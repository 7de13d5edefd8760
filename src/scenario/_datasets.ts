/**
 * Scenario fields that name a file either by `path` (relative to the
 * scenario's folder) or by registered `dataset` (a file in the data folder):
 * `data`, `data.books`, `data.books.authors`, `data.books.series`.
 *
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import {
  dataDir as defaultDataDir,
  type DatasetEntry,
  datasetPath,
  findDataset,
} from "../datasets/mod.ts";

/** A `{ path }` or `{ dataset }` field as written. */
export interface FileRef {
  path?: string;
  dataset?: string;
}

/** JSON paths of the fields that may name a dataset, and what each file is. */
export const FILE_REFS: { path: string[]; what: string }[] = [
  { path: ["data"], what: "data file" },
  { path: ["data", "books"], what: "books file" },
  { path: ["data", "books", "authors"], what: "authors file" },
  { path: ["data", "books", "series"], what: "series file" },
];

/** The object at `keys` inside `root`, when it is one. */
export function refAt(root: unknown, keys: string[]): FileRef | undefined {
  let v: any = root;
  for (const k of keys) v = typeof v === "object" && v !== null ? v[k] : undefined;
  return typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined;
}

/**
 * The absolute file a reference names, or undefined (no or unknown name).
 *
 * @example
 * ```ts
 * import { refFile } from "./_datasets.ts";
 * if (refFile({ dataset: "goodbooks-10k" }, "/s", "/d") !== "/d/goodbooks10k_books.csv") throw new Error();
 * if (refFile({ path: "x.csv" }, "/s", "/d") !== "/s/x.csv") throw new Error();
 * ```
 */
export function refFile(ref: FileRef, base: string, dataDir: string): string | undefined {
  if (typeof ref.dataset === "string") {
    const e = findDataset(ref.dataset);
    return e ? datasetPath(e, dataDir) : undefined;
  }
  if (typeof ref.path !== "string" || ref.path === "") return undefined;
  return isAbsolute(ref.path) ? ref.path : resolve(base, ref.path);
}

/** The command that puts dataset `e` into data folder `dir`. */
export function fetchHint(e: DatasetEntry, dir: string): string {
  const from = e.urls.length === 0 ? ` --from <folder holding ${e.file}>` : "";
  const where = dir === defaultDataDir() ? "" : ` --dir ${dir}`;
  return `run \`abreplay data fetch ${e.name}${where}${from}\`, or point --data-dir (or $ABREPLAY_DATA_DIR) at a folder holding ${e.file} (the data folder is ${dir})`;
}

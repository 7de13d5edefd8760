/**
 * Data source options, as written in a scenario's `data` section.
 * @module
 */

/** Formats the loader reads. */
export type DataFormat = "goodreads-json" | "csv" | "parquet";

/** Mapping from canonical column names to the source's own names. */
export interface ColumnMapping {
  /** The source's name of the user id column. */
  user_id?: string;
  /** The source's name of the item id column. */
  item_id?: string;
  /** The source's name of the timestamp column. */
  timestamp?: string;
  /** The source's name of the rating column. */
  rating?: string;
  /** The source's name of the is_read column. */
  is_read?: string;
}

/** Where the interactions come from. */
export interface DataSourceOptions {
  /** File (`.json`, `.json.gz`, `.csv`, `.csv.gz`, `.parquet`), or a folder or glob of Parquet files. */
  path: string;
  /** Format; inferred from the extension when omitted. */
  format?: DataFormat;
  /** Column names in CSV/Parquet sources. @default canonical names */
  columns?: ColumnMapping;
  /**
   * What to do with a malformed row: `"error"` stops with file and line;
   * `"skip"` drops it and counts it in the data report.
   * @default "error"
   */
  badRows?: "error" | "skip";
  /**
   * Keep this fraction of users: user `u` (trimmed id) is kept when
   * `int(md5(u)[0:8], 16) / 2^32 < sampleUsers`. Absent = all users.
   */
  sampleUsers?: number;
}

/**
 * The source's name of each canonical column: `columns` where given, else
 * the canonical name.
 *
 * @example
 * ```ts
 * import { sourceColumns } from "./source.ts";
 * const c = sourceColumns({ path: "x.csv", columns: { user_id: "who" } });
 * if (c.user_id !== "who" || c.item_id !== "item_id" || c.is_read !== "is_read") throw new Error();
 * ```
 */
export function sourceColumns(source: DataSourceOptions): Required<ColumnMapping> {
  return {
    user_id: source.columns?.user_id ?? "user_id",
    item_id: source.columns?.item_id ?? "item_id",
    timestamp: source.columns?.timestamp ?? "timestamp",
    rating: source.columns?.rating ?? "rating",
    is_read: source.columns?.is_read ?? "is_read",
  };
}

/** Infers the format from a path's extension, or undefined. */
export function inferFormat(path: string): DataFormat | undefined {
  const p = path.toLowerCase().replace(/\.(gz|zst)$/, "");
  if (p.endsWith(".json") || p.endsWith(".jsonl") || p.endsWith(".ndjson")) return "goodreads-json";
  if (p.endsWith(".csv") || p.endsWith(".tsv")) return "csv";
  if (p.endsWith(".parquet")) return "parquet";
  return undefined;
}

/**
 * The files behind `data.path`: one file; a folder (every data file below
 * it, e.g. a hive-partitioned Parquet dataset `events/genre=ya/part-0.parquet`;
 * names starting with `_` or `.` — `_SUCCESS`, `.crc` — are skipped); or a
 * glob (`events/*.parquet`; `**` matches any depth). Files come in sorted
 * path order, which is the "file order" of PROTOCOL §1's dedupe ties across
 * files. Several files are read for Parquet only.
 *
 * @module
 */
import { relative } from "node:path";
import { type Engine, sqlString } from "../engine/mod.ts";
import { DataError } from "../errors.ts";
import { type DataFormat, inferFormat } from "./source.ts";

/** What {@linkcode sourceFiles} found. */
export interface SourceFiles {
  /** Sorted paths of the data files (at least one). */
  files: string[];
  format: DataFormat;
}

const GLOB = /[*?[]/;

/**
 * Expands `path` (file, folder or glob) to its data files and their format
 * (`format` when given, else from the extensions). Throws a located
 * {@linkcode DataError} when nothing is there.
 */
export async function sourceFiles(
  db: Engine,
  path: string,
  format?: DataFormat,
): Promise<SourceFiles> {
  const st = await Deno.stat(path).catch(() => null);
  let files: string[];
  if (st?.isFile) files = [path];
  else if (st?.isDirectory) {
    files = (await glob(db, `${path.replace(/\/+$/, "")}/**`))
      .filter((f) =>
        !relative(path, f).split("/").some((p) => p.startsWith("_") || p.startsWith("."))
      );
    if (files.length === 0) {
      throw new DataError("no data files in the folder", {
        file: path,
        hint:
          "data.path may be a file, a folder of data files (e.g. partitioned Parquet) or a glob",
      });
    }
  } else if (GLOB.test(path)) {
    files = await glob(db, path);
    if (files.length === 0) {
      throw new DataError("no file matches the pattern", {
        file: path,
        hint: "check data.path (relative paths resolve against the scenario file's folder)",
      });
    }
  } else {
    throw new DataError("data file not found", {
      file: path,
      hint: "check data.path (relative paths resolve against the scenario file's folder)",
    });
  }
  const formats = new Set(files.map((f) => format ?? inferFormat(f)));
  const found = [...formats][0];
  if (formats.size > 1 || !found) {
    throw new DataError(
      formats.size > 1
        ? `files of several formats (${[...formats].join(", ")})`
        : "cannot tell the format from the file extension",
      {
        file: formats.size > 1 ? path : files[0],
        hint: 'set data.format to "goodreads-json", "csv" or "parquet"',
      },
    );
  }
  if (files.length > 1 && found !== "parquet") {
    throw new DataError(`${files.length} ${found} files: several files are read for Parquet only`, {
      file: path,
      hint: "give one CSV/JSON file, or convert the files to Parquet",
    });
  }
  return { files, format: found };
}

/** Files (not folders) matching `pattern`, sorted. */
async function glob(db: Engine, pattern: string): Promise<string[]> {
  const rows = await db.rows<{ file: string }>(
    `SELECT file FROM glob(${sqlString(pattern)}) ORDER BY file`,
  );
  const files: string[] = [];
  for (const { file } of rows) {
    if ((await Deno.stat(file).catch(() => null))?.isFile) files.push(file);
  }
  return files;
}
